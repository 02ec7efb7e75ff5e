/**
 * `window.fvStudio`: the page's API for its tests and the studio benchmark (scripts/bench-studio.mjs). It drives
 * the app through the same paths as its controls; every call resolves when the worker has answered.
 */
import type { Studio, StudioState } from './studio.js';
import type { CommandResult } from '../worker/client.js';

export interface FvStudioApi {
  /** Resolves when the first model is built and previewed. */
  ready: Promise<void>;
  state(): StudioState;
  /** Settings by dotted config key, e.g. { 'data.name': 'moons', 'training.n_epochs': 20 }. */
  set(values: Record<string, unknown>): Promise<CommandResult>;
  train(): Promise<CommandResult>;
  pause(): Promise<CommandResult>;
  step(): Promise<CommandResult>;
  reset(): Promise<CommandResult>;
  /** The files "Export run" downloads (config.yaml, models/velocity_net/*), base64, or why there are none. */
  exportFiles(): Promise<{ path: string; base64: string }[] | string>;
  /** Class to sample (null: all in proportion), guidance w, and the pad's brush class; state().conditioning shows them. */
  setConditioning(p: { class?: number | null; value?: number | null; guidance?: number; brushClass?: number }): string | undefined;
  /** The class of each point drawn on the pad. */
  padLabels(): number[];
  /** The latest preview's generated points (t = 1, n×2) and the class (or value) each was sampled with. */
  samples(): { points: number[]; conditions: number[] } | undefined;
  /** Shows the conditional controls with these class names without a conditional model (tests, demos); [] undoes it. */
  previewConditionalControls(classes: string[]): void;
}

export function installTestApi(studio: Studio): FvStudioApi {
  const api: FvStudioApi = {
    ready: studio.ready,
    state: () => studio.state(),
    set: (values) => studio.set(values),
    train: () => studio.train(),
    pause: () => studio.pause(),
    step: () => studio.step(),
    reset: () => studio.reset(),
    setConditioning: (p) => studio.setConditioning(p),
    padLabels: () => studio.padLabels(),
    samples: () => studio.samples(),
    previewConditionalControls: (classes) => studio.previewConditionalControls(classes),
    exportFiles: async () => {
      const files = await studio.exportFiles();
      if (typeof files === 'string') return files;
      return files.map((f) => ({ path: f.path, base64: base64(f.data) }));
    },
  };
  (window as unknown as { fvStudio: FvStudioApi }).fvStudio = api;
  return api;
}

function base64(data: Uint8Array): string {
  let s = '';
  for (let i = 0; i < data.length; i += 0x8000) s += String.fromCharCode(...data.subarray(i, i + 0x8000));
  return btoa(s);
}
