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
  /**
   * Optional, for datasets with classes (moons by moon, eight Gaussians by mode, the T-Rex by part, a points file
   * with a `label` column): the class names, class k named `classNames[k]`; labels are the integers 0…K−1.
   * Present exactly when `sampleLabelled` is.
   */
  readonly classNames?: readonly string[];
  /**
   * Optional, with `classNames`: the same points as `sample` (for the same rng state, the same draws) with each
   * point's class, `labels[i]` for point i. Kept beside `sample` rather than in its result, so that every caller
   * that wants points only is unchanged.
   */
  sampleLabelled?(n: number, rng: Rng): LabelledSample | Promise<LabelledSample>;
}

/** Points (n×2 interleaved, as `Dataset.sample` gives them) and each point's class in 0…K−1. */
export interface LabelledSample {
  points: Float32Array;
  labels: Int32Array;
}

/** The affine map box = (user − (cx, cy))·s of a dataset that fitted the user's points into the shared box. */
export interface BoxFitMap {
  cx: number;
  cy: number;
  s: number;
}

export const DATASET = Symbol.for('fv.Dataset');

/**
 * How legends and messages show class k: "0 head" (the label, then the name), or the name alone when it already
 * ends in the label ("mode 3"), so that the number users write in CSVs and `sampling.class` is always shown.
 */
export function classLabel(k: number, name: string): string {
  return name.endsWith(` ${k}`) ? name : `${k} ${name}`;
}
