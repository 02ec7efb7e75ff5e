import type { Rng } from '../rng.js';

/**
 * A source of 2D target points. `sample` returns exactly `n` points (Float32Array, n×2 interleaved), finite,
 * shuffled (never laid out part by part), scaled into [-DATA_BOX, DATA_BOX]², with the configured noise applied,
 * and the same points for the same rng state.
 */
export interface Dataset {
  readonly id: string;
  sample(n: number, rng: Rng): Float32Array | Promise<Float32Array>;
  /**
   * Optional: how the user's own coordinates (a points file's) were fitted into the box, box = (user − c)·s;
   * absent when the points are already in box units. Likelihood undoes it, so that log p is in the user's units.
   */
  readonly boxFit?: BoxFitMap;
}

/** The affine map box = (user − (cx, cy))·s of a dataset that fitted the user's points into the shared box. */
export interface BoxFitMap {
  cx: number;
  cy: number;
  s: number;
}

export const DATASET = Symbol.for('fv.Dataset');
