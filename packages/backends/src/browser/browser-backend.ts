import { errorMessage, FvError, type BackendProbe, type ModelSpec, type VelocityBackend, type VelocityModel } from '@flow-visualizer/core';
import { MlpEngine } from '../model/engine.js';
import { TfjsSource } from '../model/sources/tfjs-source.js';
import { checkSpec, condDimOf, isResMlp, isResNet, paramInfos } from '../model/spec.js';
import { initialState, type MlpState } from '../model/state.js';
import { usesEma } from '../model/ema.js';
import type { TfBackendName } from '../backends/tfjs-runtime.js';
import { MlpEngineModel } from '../model/engine-model.js';
import { GpuNet } from './gpu-net.js';

/** A velocity model in a page or Web Worker; its full training state can be read out (to export or continue). */
export interface BrowserVelocityModel extends VelocityModel {
  readState(): Promise<MlpState>;
}

/**
 * A backend of a page or Web Worker: the port's calls, plus a model that continues from a training state (a model
 * imported from a CLI run, or the page's own after a reset of the worker). `loadModel` (a folder) is a USAGE error.
 */
export interface BrowserVelocityBackend extends VelocityBackend {
  readonly id: BrowserBackendId;
  createModel(spec: ModelSpec): Promise<BrowserVelocityModel>;
  /** A model of `spec` that starts from `state` (weights, Adam moments and step, moving average): MODEL_INVALID when it does not fit. */
  createModelFromState(spec: ModelSpec, state: MlpState): Promise<BrowserVelocityModel>;
}

export type BrowserBackendId = 'webgpu' | 'webgl' | 'wasm-c' | 'wasm' | 'cpu';

/** Why a backend is passed over, with what to do about it: thrown by a backend's `load` to become its probe. */
export class PassedOver extends Error {
  constructor(readonly reason: string, readonly hint?: string) {
    super(reason);
  }
}

/** How one browser backend gets its tfjs backend. */
export interface BrowserTfDef {
  id: BrowserBackendId;
  priority: number;
  tfBackend: TfBackendName;
  /** The npm package, named in the message when it fails for a reason `load` did not foresee. */
  pkg: string;
  /**
   * Checks what the backend needs (throwing PassedOver with the reason), imports its package, makes it the active
   * tfjs backend and returns what it runs on (the probe's reason).
   */
  load(): Promise<string>;
  /** Whether a failed load may be tried again later (the cpu one); the others' failures are facts of this browser. */
  retry?: boolean;
  /**
   * 'gpu': the MLP runs on GpuNet (the step on the device, one asynchronous read); 'sync-reads' too: whether the
   * backend can read a tensor synchronously (TfjsNet's way, and the residual net's): WebGPU in a worker cannot.
   */
  gpu?: { syncReads: boolean };
  /** The options `load` depends on, as text: probes are kept per backend and options (auto and forced webgl differ). */
  options?: string;
}

// Probes are kept per tfjs backend for the page's lifetime (tfjs' registry is global too): a page that builds its
// plugins again for each run neither repeats the checks nor prints a failed backend's console warnings twice.
const probes = new Map<string, Promise<BackendProbe>>();

/** Forget every probe's answer (tests that load a backend under other options). */
export function resetBrowserProbes(): void {
  probes.clear();
}

/** A BrowserVelocityBackend running the CLI's MLP (MlpEngine: Adam and the moving average over a TfjsSource of TfjsNet, TfjsResNet or GpuNet) on `def`'s tfjs backend. */
export function browserTfBackend(def: BrowserTfDef): BrowserVelocityBackend {
  const key = `${def.id}:${def.options ?? ''}`;
  const probe = (): Promise<BackendProbe> => {
    let p = probes.get(key);
    if (!p) {
      p = def.load().then(
        (reason): BackendProbe => ({ ok: true, reason }),
        (e): BackendProbe => {
          if (def.retry) probes.delete(key);
          return e instanceof PassedOver
            ? { ok: false, reason: e.reason, ...(e.hint ? { hint: e.hint } : {}) }
            : { ok: false, reason: `${def.pkg} failed to load: ${errorMessage(e)}`, hint: `Bundle ${def.pkg} with the page (it is a dependency of @flow-visualizer/backends).` };
        },
      );
      probes.set(key, p);
    }
    return p;
  };

  const build = async (spec: ModelSpec, state: MlpState): Promise<BrowserVelocityModel> => {
    const p = await probe();
    if (!p.ok) throw new FvError('BACKEND_UNAVAILABLE', `The '${def.id}' backend cannot load here: ${p.reason}`, { hint: p.hint });
    return new MlpEngineModel(def.id, spec, await engineFor(def, spec, state));
  };

  return {
    id: def.id,
    priority: def.priority,
    probe,
    createModel(spec) {
      checkSpec(spec);
      return build(spec, initialState(spec));
    },
    createModelFromState(spec, state) {
      checkSpec(spec);
      checkState(spec, state);
      return build(spec, state);
    },
    async loadModel(dir) {
      throw new FvError('USAGE', `Cannot load a model from the folder '${dir}' in a browser: there is no file system.`, {
        hint: 'Read its model.json and weights.bin into an MlpState and use createModelFromState, or load it with a Node backend (@flow-visualizer/backends).',
      });
    },
  };
}

/** The CLI's engine (Adam, moving average) on the net that suits the backend. */
async function engineFor(def: BrowserTfDef, spec: ModelSpec, state: MlpState): Promise<MlpEngine> {
  if (!def.gpu) return new MlpEngine(spec, state, await TfjsSource.create(spec, def.tfBackend));
  // GpuNet is the unconditional MLP's; a conditional net ([x, c] rows) runs on TfjsSource's nets.
  // GpuNet reads the bare point: Fourier features' wider rows run on TfjsSource's nets too.
  if (!isResMlp(spec) && !isResNet(spec) && condDimOf(spec) === 0 && !spec.fourier) return new MlpEngine(spec, state, TfjsSource.withNet(await GpuNet.create(spec, def.tfBackend)));
  if (def.gpu.syncReads) return new MlpEngine(spec, state, await TfjsSource.create(spec, def.tfBackend));
  if (spec.fourier) {
    throw new FvError('CONFIG_INVALID', `Fourier features (model.fourier_features) do not run on ${def.id} yet: their net reads results back synchronously, which ${def.id} cannot do here.`, {
      hint: 'Set model.fourier_features: 0, or use another backend (training.device: webgl, wasm or cpu).',
    });
  }
  if (condDimOf(spec) > 0) {
    throw new FvError('CONFIG_INVALID', `A conditional model (model.conditional) does not run on ${def.id} yet: its net reads results back synchronously, which ${def.id} cannot do here.`, {
      hint: 'Use another backend (training.device: webgl, wasm or cpu).',
    });
  }
  throw new FvError('CONFIG_INVALID', `The ${spec.architecture} network (model.architecture: ${spec.architecture}) does not run on ${def.id} yet: its net reads results back synchronously, which ${def.id} cannot do here.`, {
    hint: 'Use model.architecture: mlp, or another backend (training.device: webgl, wasm or cpu).',
  });
}

/** A state fits a spec when every array has its parameter's size, in paramInfos order. */
export function checkState(spec: ModelSpec, state: MlpState): void {
  const infos = paramInfos(spec);
  const bad = (what: string) =>
    new FvError('MODEL_INVALID', `The model's training state does not fit the model settings: ${what}.`, {
      hint: 'Use the model.* settings the model was trained with (its model.json says them), or start a new model.',
    });
  if (!Number.isInteger(state?.step) || state.step < 0) throw bad(`its step count is ${String(state?.step)}`);
  const lists: [string, Float32Array[] | undefined][] = [['params', state.params], ['m', state.m], ['v', state.v]];
  // A state without a moving average is fine for a spec that keeps one: it starts as a copy of the weights.
  if (usesEma(spec) && state.ema) lists.push(['ema', state.ema]);
  for (const [name, list] of lists) {
    if (!Array.isArray(list) || list.length !== infos.length) throw bad(`${name} has ${list?.length ?? 'no'} arrays where ${infos.length} are needed`);
    list.forEach((a, i) => {
      if (!(a instanceof Float32Array) || a.length !== infos[i].size) {
        throw bad(`${name}[${i}] (${infos[i].name}, shape ${infos[i].shape.join('×')}) has ${a?.length ?? 'no'} numbers where ${infos[i].size} are needed`);
      }
    });
  }
}
