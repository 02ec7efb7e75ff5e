import type { Rng } from '../rng.js';

/** A training batch of the flow-matching objective: regress v(xt, t) onto ut. */
export interface PathBatch {
  xt: Float32Array;
  t: Float32Array;
  ut: Float32Array;
}

/**
 * The probability path between noise (t=0) and data (t=1): where a point sits at time t, and the conditional
 * velocity there. Computed on plain arrays in core, so the model stays a regressor.
 */
export interface ProbabilityPath {
  readonly id: string;
  /**
   * x0: noise, x1: data (paired index by index), t: one time per pair. rng: for paths that draw noise of their
   * own (the Brownian bridge); training always passes one, deterministic per batch.
   */
  batch(x0: Float32Array, x1: Float32Array, t: Float32Array, rng?: Rng): PathBatch;
}

/** Reorders noise against data within a minibatch (e.g. optimal transport) before the path is applied. */
export interface Pairing {
  readonly id: string;
  /**
   * Returns x0 reordered so that x0[i] is paired with x1[i]. Must depend only on its arguments (and the pairing's
   * options): training may call it ahead of time, on another thread, and expects the same answer. A conditional
   * run passes the data points' conditions (x1 is never reordered, so each keeps its own); a pairing that ignores
   * them (ot, none) couples as an unconditional run does, a condition-aware one (c2ot) adds them to its cost.
   */
  pair(x0: Float32Array, x1: Float32Array, rng: Rng, conditions?: PairingConditions): Float32Array;
  /**
   * How to build this same pairing inside a worker thread, so that training can pair the next batches while the
   * model trains on this one (an exact OT assignment costs about as much as a native training step). Optional:
   * without it pairing runs on the training thread.
   */
  readonly worker?: PairingWorkerSpec;
}

/**
 * The conditions of a batch's data points, as a pairing sees them: `dim` floats per point (±1 or one-hot of a
 * class, or a continuous value), `discrete` for classes.
 */
export interface PairingConditions {
  c: Float32Array;
  dim: number;
  discrete: boolean;
}

/** A module a worker thread can import, and the export it calls with `options` to get the same Pairing. */
export interface PairingWorkerSpec {
  /**
   * File URL of an ES module: the plugin's own `import.meta.url`. (A bare package specifier would be resolved from
   * core's folder.) If the worker cannot build the pairing, training pairs every batch itself.
   */
  module: string;
  /** Name of the exported factory: `(options) => Pairing` or `Promise<Pairing>` (e.g. one that imports a kernel's module first). */
  export: string;
  /** Structured-cloneable options for the factory. */
  options: unknown;
}

export const PROBABILITY_PATH = Symbol.for('fv.ProbabilityPath');
export const PAIRING = Symbol.for('fv.Pairing');
