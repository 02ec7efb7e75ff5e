import { pointCount } from '../points.js';

/**
 * Median of the pairwise distances within a point set (on at most `maxPoints` of them): the usual bandwidth of
 * an RBF kernel (the median heuristic). Computed on the reference set only, so that every sample compared with
 * that reference is measured with the same kernel.
 */
export function medianPairwiseDistance(points: Float32Array, maxPoints = 600): number {
  const n = Math.min(pointCount(points), maxPoints);
  if (n < 2) return 1;
  const d = new Float64Array((n * (n - 1)) / 2);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = points[2 * i] - points[2 * j], dy = points[2 * i + 1] - points[2 * j + 1];
      d[k++] = Math.sqrt(dx * dx + dy * dy);
    }
  }
  d.sort();
  const med = d[d.length >> 1];
  return med > 0 ? med : 1;
}

/** Mean kernel value over all n² ordered pairs of one set (the diagonal is 1), summing each pair once. */
export function meanKernelWithin(a: Float32Array, n: number, gammas: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const x = a[2 * i], y = a[2 * i + 1];
    for (let j = i + 1; j < n; j++) {
      const dx = x - a[2 * j], dy = y - a[2 * j + 1];
      const r2 = dx * dx + dy * dy;
      for (let g = 0; g < gammas.length; g++) total += Math.exp(-gammas[g] * r2);
    }
  }
  return (n * gammas.length + 2 * total) / (n * n * gammas.length);
}

/** Mean kernel value between the first n points of a and the first m of b, averaged over the gammas. */
export function meanKernel(a: Float32Array, n: number, b: Float32Array, m: number, gammas: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const x = a[2 * i], y = a[2 * i + 1];
    for (let j = 0; j < m; j++) {
      const dx = x - b[2 * j], dy = y - b[2 * j + 1];
      const r2 = dx * dx + dy * dy;
      for (let g = 0; g < gammas.length; g++) total += Math.exp(-gammas[g] * r2);
    }
  }
  return total / (n * m * gammas.length);
}

export interface MmdOptions {
  /**
   * Kernel widths σ (k = exp(−|x − y|² / 2σ²)); several are averaged. Default: one, the median pairwise
   * distance within `b` (the reference set).
   */
  bandwidths?: readonly number[];
  /** Uses the first maxPoints of each set (pass shuffled sets). Default 2000. */
  maxPoints?: number;
}

/**
 * Squared maximum mean discrepancy with a Gaussian (RBF) kernel between two 2D point sets, as a V-statistic
 * (≥ 0, exactly 0 for identical sets): E k(X, X') + E k(Y, Y') − 2 E k(X, Y). Unitless, at most 2.
 * `b` is the reference (held-out target): the default bandwidth comes from it.
 */
export function rbfMmd(a: Float32Array, b: Float32Array, options: MmdOptions = {}): number {
  const maxPoints = options.maxPoints ?? 2000;
  const n = Math.min(pointCount(a), maxPoints), m = Math.min(pointCount(b), maxPoints);
  if (n === 0 || m === 0) return NaN;
  const bandwidths = options.bandwidths ?? [medianPairwiseDistance(b)];
  const gammas = bandwidths.map((s) => 1 / (2 * s * s));
  const v = meanKernelWithin(a, n, gammas) + meanKernelWithin(b, m, gammas) - 2 * meanKernel(a, n, b, m, gammas);
  return Math.max(0, v);
}
