import { z } from 'zod';
import type { ProbabilityPath, PathBatch, Rng } from '@flow-visualizer/core';
import { definePlugin, FvError } from '@flow-visualizer/core';

export const BrownianBridgePathOptionsSchema = z
  .strictObject({
    sigma: z.number().nonnegative().max(10).default(0.5).describe('σ of the Brownian bridge: the spread σ·sqrt(t(1−t)) around the straight line (0: the linear path).'),
  })
  .describe('Brownian-bridge path of Schrödinger-bridge CFM.');

/**
 * The Brownian-bridge path of Schrödinger-bridge CFM (Tong et al. 2023; torchcfm's
 * SchrodingerBridgeConditionalFlowMatcher): x_t = t·x1 + (1−t)·x0 + σ·sqrt(t(1−t))·ε, ε ~ N(0, I), with target
 * u_t = (1−2t)/(2t(1−t))·(x_t − μ_t) + x1 − x0 (μ_t the straight line). The 1e-8 in the denominator is
 * torchcfm's: at t = 0 it makes the noise term 0 instead of 0/0. Paired with the entropic coupling at ε = 2σ²
 * (flow.pairing=entropic_ot, flow.pairing_options.reg=bridge) this is the SB-CFM objective.
 */
export function brownianBridgePath(sigma: number): ProbabilityPath {
  return {
    id: 'brownian_bridge',
    batch(x0: Float32Array, x1: Float32Array, t: Float32Array, rng?: Rng): PathBatch {
      const n = t.length;
      const xt = new Float32Array(2 * n);
      const ut = new Float32Array(2 * n);
      if (sigma > 0 && !rng) throw new FvError('INTERNAL', 'The brownian_bridge path draws noise: its batch() needs an rng.');
      for (let i = 0; i < n; i++) {
        const ti = t[i], v = ti * (1 - ti);
        const sd = sigma * Math.sqrt(v);
        const k = (1 - 2 * ti) / (2 * (v + 1e-8));
        for (let d = 0; d < 2; d++) {
          const j = 2 * i + d;
          const noise = sigma > 0 ? sd * rng!.normal() : 0;
          xt[j] = ti * x1[j] + (1 - ti) * x0[j] + noise;
          ut[j] = k * noise + x1[j] - x0[j];
        }
      }
      return { xt, t, ut };
    },
  };
}

export const brownianBridgePathPlugin = () =>
  definePlugin({
    name: 'fv:path-brownian-bridge',
    kind: 'path',
    id: 'brownian_bridge',
    description: 'Brownian bridge (Schrödinger-bridge CFM): x_t = t·x1 + (1−t)·x0 + σ·sqrt(t(1−t))·ε (flow.path_options.sigma).',
    optionsSchema: BrownianBridgePathOptionsSchema,
    create: (options) => brownianBridgePath(BrownianBridgePathOptionsSchema.parse(options).sigma),
  });
