/**
 * What every dataset shares: reading `data.noise` from the run's values, mapping a shape's nominal extent into
 * the shared box, and the final noise + shuffle step, so that `data.noise` means the same thing everywhere.
 */
import { type Bounds, type Dataset, type LabelledSample, type PluginContext, type Rng, DATA_BOX, addNoise, fitToBox, shufflePoints } from '@flow-visualizer/core';

/** `data.noise` of the run (Gaussian std in box units, added after scaling); 0 when absent or not a positive number. */
export function dataNoise(ctx: Pick<PluginContext, 'run'>): number {
  const v = Number(ctx.run?.dataNoise ?? 0);
  return Number.isFinite(v) && v > 0 ? v : 0;
}

/** An affine map x ↦ (x - c)·s, the one `fitToBox` would apply to points spanning `b`. */
export interface BoxFit {
  cx: number;
  cy: number;
  s: number;
}

/**
 * The transform core `fitToBox` applies, computed from a shape's nominal (noise-free) extent rather than from
 * one sample, so that the scale never depends on n or on an outlier. Built by running `fitToBox` itself on the
 * two corners, so that the two can never drift apart.
 */
export function fitForBounds(b: Bounds, box = DATA_BOX): BoxFit {
  const corners = fitToBox(new Float32Array([b.xmin, b.ymin, b.xmax, b.ymax]), box);
  const w = Math.max(b.xmax - b.xmin, b.ymax - b.ymin);
  const s = w > 0 ? Math.max(corners[2] - corners[0], corners[3] - corners[1]) / w : 1;
  return { cx: (b.xmin + b.xmax) / 2, cy: (b.ymin + b.ymax) / 2, s };
}

/** Applies a BoxFit in place. */
export function applyFit<T extends Float32Array | Float64Array>(points: T, f: BoxFit): T {
  for (let i = 0; i < points.length; i += 2) {
    points[i] = (points[i] - f.cx) * f.s;
    points[i + 1] = (points[i + 1] - f.cy) * f.s;
  }
  return points;
}

/** The last step of every dataset: Gaussian noise of std `noise` (box units), then a shuffle. */
export function finish(points: Float32Array, noise: number, rng: Rng): Float32Array {
  addNoise(points, noise, rng);
  return shufflePoints(points, rng);
}

/** A Dataset whose sampling is synchronous (all of ours: files are read once, at create time). */
export interface SyncDataset extends Dataset {
  sample(n: number, rng: Rng): Float32Array;
}

/**
 * `finish` for labelled points: the same noise and the same shuffle (the same rng draws, so the points equal
 * `finish`'s), with each label moved along with its point.
 */
export function finishLabelled(points: Float32Array, labels: Int32Array, noise: number, rng: Rng): LabelledSample {
  addNoise(points, noise, rng);
  // shufflePoints' Fisher–Yates, draw for draw, swapping the labels too.
  for (let i = labels.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const ax = points[2 * i], ay = points[2 * i + 1], al = labels[i];
    points[2 * i] = points[2 * j];
    points[2 * i + 1] = points[2 * j + 1];
    labels[i] = labels[j];
    points[2 * j] = ax;
    points[2 * j + 1] = ay;
    labels[j] = al;
  }
  return { points, labels };
}

/** A synchronous dataset with classes: `sample` is `sampleLabelled`'s points, so the two never differ. */
export interface SyncLabelledDataset extends SyncDataset {
  readonly classNames: readonly string[];
  sampleLabelled(n: number, rng: Rng): LabelledSample;
}

/** Builds a labelled dataset from its labelled sampler. */
export function labelledDataset(id: string, classNames: readonly string[], sampleLabelled: (n: number, rng: Rng) => LabelledSample): SyncLabelledDataset {
  return { id, classNames, sampleLabelled, sample: (n, rng) => sampleLabelled(n, rng).points };
}

/** `prefix 0`, `prefix 1`, …: class names of datasets whose classes are only numbered (modes, cells, arms). */
export function numberedClasses(prefix: string, k: number): string[] {
  return Array.from({ length: k }, (_, i) => `${prefix} ${i}`);
}
