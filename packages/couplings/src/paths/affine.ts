import type { ProbabilityPath, PathBatch } from '@flow-visualizer/core';
import type { Schedule } from './schedule.js';

/**
 * The affine probability path x_t = α_t·x1 + σ_t·x0 with conditional velocity u_t = α̇_t·x1 + σ̇_t·x0, for any
 * schedule (α, σ): a new path is a new schedule, not a new loop.
 */
export function affinePath(id: string, schedule: Schedule): ProbabilityPath {
  return {
    id,
    batch(x0: Float32Array, x1: Float32Array, t: Float32Array): PathBatch {
      const n = t.length;
      const xt = new Float32Array(2 * n);
      const ut = new Float32Array(2 * n);
      for (let i = 0; i < n; i++) {
        const { alpha, sigma, dAlpha, dSigma } = schedule.at(t[i]);
        for (let d = 0; d < 2; d++) {
          const j = 2 * i + d;
          xt[j] = alpha * x1[j] + sigma * x0[j];
          ut[j] = dAlpha * x1[j] + dSigma * x0[j];
        }
      }
      return { xt, t, ut };
    },
  };
}
