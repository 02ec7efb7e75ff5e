import type { PathBatch, ProbabilityPath } from '../ports/probability-path.js';

/**
 * Straight lines from source to target, x_t = (1 − t)·x0 + t·x1, u_t = x1 − x0: the least path core's own tests
 * train on (the built-in paths live in @flow-visualizer/couplings, which core does not import).
 */
export function straightPath(): ProbabilityPath {
  return {
    id: 'linear',
    batch(x0: Float32Array, x1: Float32Array, t: Float32Array): PathBatch {
      const xt = new Float32Array(x0.length), ut = new Float32Array(x0.length);
      for (let j = 0; j < x0.length; j++) {
        const ti = t[j >> 1];
        xt[j] = (1 - ti) * x0[j] + ti * x1[j];
        ut[j] = x1[j] - x0[j];
      }
      return { xt, t, ut };
    },
  };
}
