import type { SinkhornKernel } from '@flow-visualizer/core';
import { sinkhornScaling } from './sinkhorn-scaling.js';

/**
 * The entropic OT plan between two sets of n 2D points with uniform weights, by Sinkhorn–Knopp on the kernel
 * K = exp(−C/ε) of the squared distances C. The plan is P_ij = u_i·K_ij·v_j; within one row i it is proportional
 * to K_ij·v_j, which is all that the rounding and the sampling read, so only K and v are returned. Each row of
 * K is stored shifted by its minimum cost (a row scaling that u absorbs) so that no row underflows to zeros.
 */
export interface SinkhornPlan {
  n: number;
  /** exp(−(C_ij − min_j C_ij)/ε), row-major. */
  K: Float32Array;
  /** The column scaling: P_ij ∝ K_ij·v_j within row i. */
  v: Float64Array;
  /** Some column's kernel underflowed to all zeros: ε is far below the costs and the plan is not the entropic plan. */
  underflow: boolean;
  /** Sinkhorn iterations done (maxIter when the marginals did not reach tol). */
  iterations: number;
}

export interface SinkhornPlanOptions {
  /** ε in the cost's own units (squared distance), or as a fraction of a cost scale: see `scale`. */
  reg: number;
  /** ε = reg · (mean cost | max cost | 1). 'mean' is the rounded solver's historical choice; 'max' is torchcfm's normalize_cost. */
  scale: 'mean' | 'max' | 'none';
  /** Most Sinkhorn iterations (each two n×n matrix–vector products). */
  maxIter: number;
  /** Stops when every row marginal is within this relative error of 1/n. */
  tol?: number;
  /**
   * A faster implementation (the SINKHORN_KERNEL port, the native addon's in the cli): its scaling loop, and its
   * kernel build when it has one. Without it, the JavaScript below and in sinkhorn-scaling.ts.
   */
  kernel?: SinkhornKernel;
}

export function sinkhornPlan(a: Float32Array, b: Float32Array, opts: SinkhornPlanOptions): SinkhornPlan {
  const n = a.length >> 1;
  const K = new Float32Array(n * n);
  const kernel = n > 0 ? opts.kernel : undefined; // an empty batch: nothing to hand over (the addon refuses n = 0)
  if (kernel?.build) kernel.build(a, b, opts.scale, opts.reg, K);
  else buildKernel(a, b, opts, K);
  const v = new Float64Array(n);
  const iterations = kernel ? kernel.scale(K, n, opts.maxIter, opts.tol ?? 1e-3, v) : sinkhornScaling(K, n, opts.maxIter, opts.tol ?? 1e-3, v);
  return { n, K, v, underflow: v.some((x) => x >= 1e300), iterations };
}

/** K_ij = exp(−(C_ij − min_j C_ij)/ε) into K (the costs rounded to float32 first, as they are stored there). */
function buildKernel(a: Float32Array, b: Float32Array, opts: SinkhornPlanOptions, K: Float32Array): void {
  const n = a.length >> 1;
  const rowMin = new Float64Array(n);
  let mean = 0, max = 0;
  for (let i = 0; i < n; i++) {
    const ax = a[2 * i], ay = a[2 * i + 1];
    let m = Infinity;
    for (let j = 0; j < n; j++) {
      const dx = ax - b[2 * j], dy = ay - b[2 * j + 1];
      const c = dx * dx + dy * dy;
      K[i * n + j] = c;
      mean += c;
      if (c > max) max = c;
      if (c < m) m = c;
    }
    rowMin[i] = m;
  }
  mean /= n * n;
  const unit = opts.scale === 'mean' ? mean : opts.scale === 'max' ? max : 1;
  const eps = Math.max(opts.reg * unit, 1e-12);
  for (let i = 0; i < n; i++) {
    const row = i * n, m = rowMin[i];
    for (let j = 0; j < n; j++) K[row + j] = Math.exp(-(K[row + j] - m) / eps);
  }
}
