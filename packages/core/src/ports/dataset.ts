import type { Rng } from '../rng.js';

/**
 * A source of 2D target points. `sample` returns exactly `n` points (Float32Array, n×2 interleaved), finite,
 * shuffled (never laid out part by part), scaled into [-DATA_BOX, DATA_BOX]², with the configured noise applied,
 * and the same points for the same rng state.
 */
export interface Dataset {
  readonly id: string;
  sample(n: number, rng: Rng): Float32Array | Promise<Float32Array>;
}

export const DATASET = Symbol.for('fv.Dataset');
