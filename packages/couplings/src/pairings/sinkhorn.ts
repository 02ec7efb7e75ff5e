import type { Rng } from '@flow-visualizer/core';
import { sinkhornPlan } from './sinkhorn-plan.js';

export interface SinkhornOptions {
  /** Entropic regularisation as a fraction of the mean squared distance (smaller: closer to exact, slower). */
  reg: number;
  /** Most Sinkhorn iterations (each is two n×n matrix–vector products). */
  maxIter: number;
  /** Stops when every row marginal is within this relative error of 1/n. */
  tol?: number;
}

/**
 * Sinkhorn ROUNDED to a permutation: the entropic plan (ε = reg · mean squared distance), then rows in random
 * order each take the unused column of largest plan mass. A one-to-one approximation of exact OT, not entropic OT
 * (for pairs drawn from the plan itself, as torchcfm's sinkhorn sampler does, see `entropicOtPairing`).
 * In 2D the exact solver is faster: measured on T-Rex against Gaussian noise, exact 1.4 / 22 / 120 / 590 ms and
 * this 14 / 220 / 860 / 3600 ms for 256 / 1024 / 2048 / 4096 points (with a higher transport cost).
 * Returns out[i] = the index of the point of b given to point i of a.
 */
export function sinkhornAssignment(a: Float32Array, b: Float32Array, rng: Rng, opts: SinkhornOptions, out: Int32Array = new Int32Array(a.length >> 1)): Int32Array {
  const n = a.length >> 1;
  if (n <= 1) {
    if (n === 1) out[0] = 0;
    return out;
  }
  const { K, v } = sinkhornPlan(a, b, { reg: opts.reg, scale: 'mean', maxIter: opts.maxIter, tol: opts.tol });
  // Greedy, rows in random order (so that no part of the batch is favoured).
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
