import type { z } from 'zod';
import type { Dataset } from './ports/dataset.js';
import type { VelocityBackend } from './ports/backend.js';
import type { Integrator } from './ports/integrator.js';
import type { Renderer, RendererDrawing } from './ports/renderer.js';
import type { Pairing, ProbabilityPath } from './ports/probability-path.js';
import type { Rng } from './rng.js';
import type { Launcher } from './ports/launcher.js';
import type { UserFiles } from './ports/user-files.js';
import type { AssignmentSolver } from './ports/assignment.js';

/** What each kind of plugin makes. */
export interface PluginInstances {
  dataset: Dataset;
  backend: VelocityBackend;
  integrator: Integrator;
  renderer: Renderer;
  path: ProbabilityPath;
  pairing: Pairing;
  /** Where the runs of `fv run -m` execute (`--launcher`; `local` is built into the cli). */
  launcher: Launcher;
  /** Exact assignment of two point sets (the exact W2 metric); `exact` is built in (@flow-visualizer/couplings). */
  assignment: AssignmentSolver;
}

export type PluginKind = keyof PluginInstances;

/**
 * What a plugin declares it can do beyond its port's required methods, when it is defined (as Vega declares a
 * scale's capabilities when it registers it), so that callers ask the declaration instead of probing the instance.
 */
export interface PluginCapabilities {
  dataset: Record<string, never>;
  backend: BackendDeclaration;
  /**
   * adaptive: it chooses its own steps from `rtol`/`atol` (fv compare-solvers gives it a tolerance ladder).
   * evaluationsPerStep: velocity evaluations per fixed step (Euler 1, midpoint and Heun 2, RK4 4), for cost estimates.
   */
  integrator: { adaptive?: boolean; evaluationsPerStep?: number };
  /** draws: the optional drawings it makes, each by its method (see RENDERER_DRAWINGS). */
  renderer: { draws?: readonly RendererDrawing[] };
  path: Record<string, never>;
  pairing: Record<string, never>;
  launcher: Record<string, never>;
  assignment: Record<string, never>;
}
export const PLUGIN_KINDS: readonly PluginKind[] = ['dataset', 'backend', 'integrator', 'renderer', 'path', 'pairing', 'launcher', 'assignment'];

/**
 * The few run-wide values that a plugin may need and that are not its own options (several plugins share them,
 * so they live in the config's sections). A plugin never sees the whole config: what it reads is listed here.
 */
export interface RunValues {
  /** training.seed: the seed of the run (the context's `rng` is already derived from it). */
  seed: number;
  /** data.noise: std of the Gaussian noise a dataset adds to each point, in data-box units (0: none). */
  dataNoise: number;
  /** flow.sigma_min: width of the conditional path at t = 1 (the linear path reads it; 0: straight lines). */
  sigmaMin: number;
}

/** What a backend plugin declares, read without creating the backend (selection, sweeps, rectified flow). */
export interface BackendDeclaration {
  /** `training.device: auto` tries backends from the highest priority down (as tf.registerBackend's priority). */
  priority?: number;
  /** Other names users type for it (e.g. 'cuda' for 'gpu'). */
  aliases?: readonly string[];
  /** Cores one training keeps busy: a number, or 'all' (a sweep runs that many fewer at once). */
  threads?: number | 'all';
  /** Resident memory of one run with its pictures, in MB (measured), for how many runs a sweep starts at once. */
  memoryMb?: number;
  /** It can start a model from saved weights (VelocityBackend.createModelFrom), which rectified flow needs. */
  warmStart?: boolean;
}

/**
 * Services a plugin may ask for by token (USER_FILES, LOG) rather than receive built by hand: the run's container
 * in the cli and the studio, a small stand-in holding the same services in plain calls. Undefined when absent.
 */
export interface PluginServices {
  get<T>(token: symbol): T | undefined;
}

/** What a plugin's `create` receives beside its own options, which come validated by its `optionsSchema`. */
export interface PluginContext {
  /** Folder that relative paths in the options are resolved against (the config file's folder). */
  baseDir: string;
  /** Seeded randomness for anything the plugin draws at creation time. */
  rng: Rng;
  /** The run-wide values plugins may read (typed; never the whole config). */
  run: Readonly<RunValues>;
  log: (message: string) => void;
  /**
   * Reads the user's files named in the options (`data.options.file`): from disk in the cli, from the files the
   * user dropped in the studio. Absent where the host reads no files; a plugin that needs one then says so.
   */
  files?: UserFiles;
  /** The services of the run by token (`ctx.services.get(USER_FILES)`, `ctx.services.get(LOG)`). */
  services?: PluginServices;
}

/**
 * A plugin: a plain named object made by a factory (Rollup/Vite style). Importing a plugin package registers
 * nothing; the composition root (the cli, or a library user) hands plugins to a PluginRegistry.
 */
export interface FvPlugin<K extends PluginKind = PluginKind, O = any> {
  /** Unique, human-readable: 'fv:dataset-trex', or 'my-package:dataset-heart'. */
  name: string;
  kind: K;
  /** The name a config uses: `data.name: trex`, `visualization.integrator: rk4`. */
  id: string;
  /** One line for `fv list`. */
  description: string;
  /** The npm package (or file) that provides it; filled in by the loader when missing. */
  source?: string;
  /** Validates (and defaults) this plugin's own options slice. */
  optionsSchema?: z.ZodType<O>;
  /** What it can do beyond its port's required methods; checked against the instance when it is created. */
  capabilities?: PluginCapabilities[K];
  create(options: O, ctx: PluginContext): PluginInstances[K] | Promise<PluginInstances[K]>;
}

/** Identity helper that gives plugin authors type inference. */
export function definePlugin<K extends PluginKind, O>(plugin: FvPlugin<K, O>): FvPlugin<K, O> {
  return plugin;
}
