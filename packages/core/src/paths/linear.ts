import { z } from 'zod';
import type { ProbabilityPath, PathBatch } from '../ports/probability-path.js';
import { definePlugin } from '../plugin.js';

/**
 * The linear (conditional optimal-transport / rectified-flow) path of Lipman et al.:
 *   x_t = (1 - (1 - σ_min) t) x0 + t x1,   u_t = x1 - (1 - σ_min) x0.
 * With σ_min = 0 this is the straight line from noise to data, the objective of the original tool.
 */
export function linearPath(sigmaMin = 0): ProbabilityPath {
  const k = 1 - sigmaMin;
  return {
    id: 'linear',
    batch(x0: Float32Array, x1: Float32Array, t: Float32Array): PathBatch {
      const n = t.length;
      const xt = new Float32Array(2 * n);
      const ut = new Float32Array(2 * n);
      for (let i = 0; i < n; i++) {
        const ti = t[i];
        for (let d = 0; d < 2; d++) {
          const j = 2 * i + d;
          xt[j] = (1 - k * ti) * x0[j] + ti * x1[j];
          ut[j] = x1[j] - k * x0[j];
        }
      }
      return { xt, t, ut };
    },
  };
}

export const linearPathPlugin = () =>
  definePlugin({
    name: 'fv:path-linear',
    kind: 'path',
    id: 'linear',
    description: 'Straight lines from noise to data (conditional OT / rectified flow), with flow.sigma_min.',
    optionsSchema: z.object({}).loose(),
    create: (_options, ctx) => linearPath(Number((ctx.config.flow as { sigma_min?: number })?.sigma_min ?? 0)),
  });
