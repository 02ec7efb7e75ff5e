/** Two interleaving half circles (scikit-learn's make_moons): the classic two-cluster toy. */
import { z } from 'zod';
import { definePlugin } from '@flow-visualizer/core';
import { applyFit, dataNoise, finish, fitForBounds, type SyncDataset } from './common.js';

export const moonsOptionsSchema = z
  .strictObject({
    vertical_offset: z.number().min(-1).max(2).default(0.5).describe('How far the lower moon sits below the upper one, in moon radii (scikit-learn: 0.5).'),
  })
  .describe('Options of the moons dataset.');

export type MoonsOptions = z.output<typeof moonsOptionsSchema>;

export function moonsDataset(options: Partial<MoonsOptions> = {}, noise = 0): SyncDataset {
  const { vertical_offset: off } = moonsOptionsSchema.parse(options);
  // Upper moon: the top half of the unit circle; lower moon: the bottom half, shifted right by 1 and down by off.
  const fit = fitForBounds({ xmin: -1, xmax: 2, ymin: Math.min(0, 1 - off) - 1, ymax: Math.max(1, 1 - off) });
  return {
    id: 'moons',
    sample(n, rng) {
      const out = new Float32Array(2 * n);
      for (let i = 0; i < n; i++) {
        const t = Math.PI * rng.next();
        const upper = rng.next() < 0.5;
        out[2 * i] = upper ? Math.cos(t) : 1 - Math.cos(t);
        out[2 * i + 1] = upper ? Math.sin(t) : 1 - Math.sin(t) - off;
      }
      return finish(applyFit(out, fit), noise, rng);
    },
  };
}

/** Plugin factory: `data.name: moons`. */
export const moons = () =>
  definePlugin({
    name: 'fv:dataset-moons',
    kind: 'dataset',
    id: 'moons',
    description: 'Two interleaving half circles (scikit-learn make_moons).',
    optionsSchema: moonsOptionsSchema,
    create: (options: MoonsOptions, ctx) => moonsDataset(options, dataNoise(ctx)),
  });
