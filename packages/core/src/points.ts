/**
 * Points travel as Float32Array, n×2 interleaved (x0, y0, x1, y1, …). These helpers keep that convention in one
 * place: counting, bounds, the shared plotting box, shuffling and subsets.
 */
import type { Rng } from './rng.js';
import { FvError } from './errors.js';

/** Every dataset is scaled so that its points fit in [-DATA_BOX, DATA_BOX]², so that one set of axes fits all. */
export const DATA_BOX = 2;

export interface Bounds {
  xmin: number;
  xmax: number;
  ymin: number;
  ymax: number;
}

export function pointCount(points: Float32Array): number {
  return points.length >> 1;
}

export function boundsOf(...sets: Float32Array[]): Bounds {
  let xmin = Infinity, xmax = -Infinity, ymin = Infinity, ymax = -Infinity;
  for (const p of sets) {
    for (let i = 0; i < p.length; i += 2) {
      const x = p[i], y = p[i + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      if (x < xmin) xmin = x;
      if (x > xmax) xmax = x;
      if (y < ymin) ymin = y;
      if (y > ymax) ymax = y;
    }
  }
  if (xmin > xmax) return { xmin: -1, xmax: 1, ymin: -1, ymax: 1 };
  return { xmin, xmax, ymin, ymax };
}

/** A square box centred on the data's centre, padded, so that plots keep the true aspect ratio. */
export function squareBounds(b: Bounds, pad = 0.08): Bounds {
  const cx = (b.xmin + b.xmax) / 2, cy = (b.ymin + b.ymax) / 2;
  const half = (Math.max(b.xmax - b.xmin, b.ymax - b.ymin) / 2) * (1 + pad) || 1;
  return { xmin: cx - half, xmax: cx + half, ymin: cy - half, ymax: cy + half };
}

/**
 * Centres the points on the origin and scales them uniformly (aspect ratio kept) so that the largest coordinate
 * is `box`. In place; returns the same array.
 */
export function fitToBox(points: Float32Array, box = DATA_BOX): Float32Array {
  const b = boundsOf(points);
  const cx = (b.xmin + b.xmax) / 2, cy = (b.ymin + b.ymax) / 2;
  const half = Math.max(b.xmax - b.xmin, b.ymax - b.ymin) / 2;
  const s = half > 0 ? box / half : 1;
  for (let i = 0; i < points.length; i += 2) {
    points[i] = (points[i] - cx) * s;
    points[i + 1] = (points[i + 1] - cy) * s;
  }
  return points;
}

/** Adds isotropic Gaussian noise of standard deviation `std` in place. */
export function addNoise(points: Float32Array, std: number, rng: Rng): Float32Array {
  if (std > 0) for (let i = 0; i < points.length; i++) points[i] += std * rng.normal();
  return points;
}

/** Shuffles the points (pairs kept together) in place. */
export function shufflePoints(points: Float32Array, rng: Rng): Float32Array {
  const n = pointCount(points);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const ax = points[2 * i], ay = points[2 * i + 1];
    points[2 * i] = points[2 * j];
    points[2 * i + 1] = points[2 * j + 1];
    points[2 * j] = ax;
    points[2 * j + 1] = ay;
  }
  return points;
}

/** A random subset of `k` points (all of them, shuffled, when k ≥ n). Never the first k of an ordered list. */
export function randomSubset(points: Float32Array, k: number, rng: Rng): Float32Array {
  const n = pointCount(points);
  const perm = rng.permutation(n);
  const m = Math.min(k, n);
  const out = new Float32Array(2 * m);
  for (let i = 0; i < m; i++) {
    out[2 * i] = points[2 * perm[i]];
    out[2 * i + 1] = points[2 * perm[i] + 1];
  }
  return out;
}

/** Gathers the points at `indices` (pairs) into a new array. */
export function gatherPoints(points: Float32Array, indices: ArrayLike<number>, out?: Float32Array): Float32Array {
  const o = out ?? new Float32Array(2 * indices.length);
  for (let i = 0; i < indices.length; i++) {
    o[2 * i] = points[2 * indices[i]];
    o[2 * i + 1] = points[2 * indices[i] + 1];
  }
  return o;
}

/** Throws DATA_INVALID unless every coordinate is finite and there are exactly n points. */
export function assertPoints(points: Float32Array, n: number, who: string): void {
  if (points.length !== 2 * n) {
    throw new FvError('DATA_INVALID', `${who} returned ${pointCount(points)} points, expected ${n}.`);
  }
  for (let i = 0; i < points.length; i++) {
    if (!Number.isFinite(points[i])) {
      throw new FvError('DATA_INVALID', `${who} returned a non-finite coordinate at point ${i >> 1}.`);
    }
  }
}
