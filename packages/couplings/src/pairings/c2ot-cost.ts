import type { PairingConditions } from '@flow-visualizer/core';

/**
 * The condition cost matrix of their get_condition_cost_matrix, C[i·n + j] between the condition of noise i (the
 * data's own: y0 = y1) and of data point j: cosine, 1 − (c_i/|c_i|)·(c_j/|c_j|); or l2_squared, |c_i − c_j|².
 */
export function conditionCost(conditions: PairingConditions, norm: 'cosine' | 'l2_squared'): Float64Array {
  const { c, dim } = conditions, n = c.length / dim;
  const C = new Float64Array(n * n);
  if (norm === 'l2_squared') {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < dim; k++) s += (c[i * dim + k] - c[j * dim + k]) ** 2;
        C[i * n + j] = s;
      }
    }
    return C;
  }
  const unit = new Float64Array(n * dim);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < dim; k++) s += c[i * dim + k] ** 2;
    const r = Math.sqrt(s);
    for (let k = 0; k < dim; k++) unit[i * dim + k] = c[i * dim + k] / r;
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let dot = 0;
      for (let k = 0; k < dim; k++) dot += unit[i * dim + k] * unit[j * dim + k];
      C[i * n + j] = 1 - dot;
    }
  }
  return C;
}

/**
 * r(w): the share of all n² (noise i, data j) couples whose cost |x0_i − x1_j|² + w·C_ij is at most data point
 * j's own independent couple's, |x0_j − x1_j|² (their `(cost <= torch.diag(M)).float().mean()`, M_diag broadcast
 * along the data axis).
 */
export function shareBelowDiagonal(x0: Float32Array, x1: Float32Array, C: Float64Array, w: number): number {
  const n = x1.length >> 1;
  let count = 0;
  for (let j = 0; j < n; j++) {
    const diag = (x0[2 * j] - x1[2 * j]) ** 2 + (x0[2 * j + 1] - x1[2 * j + 1]) ** 2;
    for (let i = 0; i < n; i++) {
      const m = (x0[2 * i] - x1[2 * j]) ** 2 + (x0[2 * i + 1] - x1[2 * j + 1]) ** 2;
      if (m + w * C[i * n + j] <= diag) count++;
    }
  }
  return count / (n * n);
}

/**
 * Their search_for_w, step for step: r falls as w grows; if r(0) < target, w = 0; else double w from `initial`
 * while r(w) > target (at most maxIter times; beyond maxWeight, maxWeight), then bisect [low, high] at most maxIter
 * times, returning the first midpoint with |r − target| < tol, or the last midpoint.
 */
export function searchConditionWeight(
  x0: Float32Array,
  x1: Float32Array,
  C: Float64Array,
  target: number,
  o: { initial: number; maxIter: number; tol: number; maxWeight: number },
): number {
  const r = (w: number) => shareBelowDiagonal(x0, x1, C, w);
  if (r(0) < target) return 0;
  let low = 0, high = o.initial;
  for (let k = 0; k < o.maxIter; k++) {
    if (r(high) > target) {
      low = high;
      high *= 2;
    } else break;
    if (high > o.maxWeight) return o.maxWeight;
  }
  let mid = (low + high) / 2;
  for (let k = 0; k < o.maxIter; k++) {
    mid = (low + high) / 2;
    const rm = r(mid);
    if (rm < target) high = mid;
    else low = mid;
    if (Math.abs(rm - target) < o.tol) return mid;
  }
  return mid;
}
