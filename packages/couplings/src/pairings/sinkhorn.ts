import type { Rng } from '@flow-visualizer/core';

export interface SinkhornOptions {
  /** Entropic regularisation as a fraction of the mean squared distance (smaller: closer to exact, slower). */
  reg: number;
  /** Most Sinkhorn iterations (each is two n×n matrix–vector products). */
  maxIter: number;
  /** Stops when every row marginal is within this relative error of 1/n. */
  tol?: number;
}

/**
 * Entropic OT between two sets of n 2D points with uniform weights (Sinkhorn–Knopp on the kernel
 * K = exp(−C/ε), ε = reg · mean C), then a permutation read off the plan: rows in random order each take the
 * unused column of largest plan mass. O(n²) per iteration against the exact solver's O(n³) worst case, but in
 * 2D the exact solver's practical cost is far below its worst case: measured on T-Rex against Gaussian noise,
 * exact 1.4 / 22 / 120 / 590 ms and this 14 / 220 / 860 / 3600 ms for 256 / 1024 / 2048 / 4096 points (with a
 * higher transport cost). Kept as the option torchcfm users know. Returns out[i] = the index of the point of b
 * given to point i of a.
 */
export function sinkhornAssignment(a: Float32Array, b: Float32Array, rng: Rng, opts: SinkhornOptions, out: Int32Array = new Int32Array(a.length >> 1)): Int32Array {
  const n = a.length >> 1;
  if (n <= 1) {
    if (n === 1) out[0] = 0;
    return out;
  }
  // Costs, their mean, and each row's minimum (subtracted inside the exponential so that no row underflows to
  // all zeros; the shift is a row scaling that Sinkhorn's u absorbs).
  const K = new Float32Array(n * n);
  const rowMin = new Float64Array(n);
  let mean = 0;
  for (let i = 0; i < n; i++) {
    const ax = a[2 * i], ay = a[2 * i + 1];
    let m = Infinity;
    for (let j = 0; j < n; j++) {
      const dx = ax - b[2 * j], dy = ay - b[2 * j + 1];
      const c = dx * dx + dy * dy;
      K[i * n + j] = c;
      mean += c;
      if (c < m) m = c;
    }
    rowMin[i] = m;
  }
  mean /= n * n;
  const eps = Math.max(opts.reg * mean, 1e-12);
  for (let i = 0; i < n; i++) {
    const row = i * n, m = rowMin[i];
    for (let j = 0; j < n; j++) K[row + j] = Math.exp(-(K[row + j] - m) / eps);
  }

  const u = new Float64Array(n).fill(1);
  const v = new Float64Array(n).fill(1);
  const kv = new Float64Array(n);
  const ktu = new Float64Array(n);
  const tol = opts.tol ?? 1e-3;
  for (let it = 0; it < opts.maxIter; it++) {
    // v = (1/n) / Kᵀu
    ktu.fill(0);
    for (let i = 0; i < n; i++) {
      const ui = u[i], row = i * n;
      for (let j = 0; j < n; j++) ktu[j] += K[row + j] * ui;
    }
    for (let j = 0; j < n; j++) v[j] = ktu[j] > 0 ? 1 / ktu[j] : 1e300;
    // u = (1/n) / Kv, and the row marginals before that update tell whether we are done.
    let worst = 0;
    for (let i = 0; i < n; i++) {
      const row = i * n;
      let s = 0;
      for (let j = 0; j < n; j++) s += K[row + j] * v[j];
      kv[i] = s;
      worst = Math.max(worst, Math.abs(u[i] * s - 1));
    }
    for (let i = 0; i < n; i++) u[i] = kv[i] > 0 ? 1 / kv[i] : 1e300;
    if (worst < tol) break;
  }

  // Rounding the plan to a permutation: greedy, rows in random order (so that no part of the batch is favoured).
  const used = new Uint8Array(n);
  const order = rng.permutation(n);
  for (let r = 0; r < n; r++) {
    const i = order[r], row = i * n;
    let best = -1, bestP = -Infinity;
    for (let j = 0; j < n; j++) {
      if (used[j]) continue;
      const p = K[row + j] * v[j];
      if (p > bestP) {
        bestP = p;
        best = j;
      }
    }
    used[best] = 1;
    out[i] = best;
  }
  return out;
}
