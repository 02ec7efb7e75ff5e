/** Two interleaving half circles (scikit-learn's make_moons): the classic two-cluster toy. */
import { z } from 'zod';
import { definePlugin, type Rng } from '@flow-visualizer/core';
import { applyFit, dataNoise, finishLabelled, fitForBounds, labelledDataset, type SyncLabelledDataset } from './common.js';

/** Label 0: the upper moon; 1: the lower one. */
export const MOONS_CLASSES = ['upper moon', 'lower moon'] as const;

export const moonsOptionsSchema = z
  .strictObject({
    vertical_offset: z.number().min(-1).max(2).default(0.5).describe('How far the lower moon sits below the upper one, in moon radii (scikit-learn: 0.5).'),
    layout: z.enum(['random', 'torchdyn']).default('random').describe('random: each point at a uniform angle on a moon chosen at random; torchdyn: as torchdyn\'s generate_moons (n//2 points evenly spaced on the upper moon, the rest on the lower, each shifted by one U[0, uniform_noise) draw added to both coordinates).'),
    uniform_noise: z.number().nonnegative().default(0.2).describe('torchdyn layout only: width of its uniform noise (its `noise` argument), in raw units.'),
    raw_scale: z.number().nonnegative().default(0).describe('0: fitted to the data box; > 0: raw coordinates × raw_scale + raw_shift, not fitted (C2OT: 3 and −1; W2 depends on the scale).'),
    raw_shift: z.number().default(0).describe('With raw_scale: added to both coordinates after scaling.'),
  })
  .describe('Options of the moons dataset.');

export type MoonsOptions = z.output<typeof moonsOptionsSchema>;

export function moonsDataset(options: Partial<MoonsOptions> = {}, noise = 0): SyncLabelledDataset {
  const o = moonsOptionsSchema.parse(options);
  const off = o.vertical_offset;
  // Upper moon: the top half of the unit circle; lower moon: the bottom half, shifted right by 1 and down by off.
  const fit = o.raw_scale > 0 ? { cx: -o.raw_shift / o.raw_scale, cy: -o.raw_shift / o.raw_scale, s: o.raw_scale } : fitForBounds({ xmin: -1, xmax: 2, ymin: Math.min(0, 1 - off) - 1, ymax: Math.max(1, 1 - off) });
  return labelledDataset('moons', MOONS_CLASSES, (n, rng) => {
    const out = new Float32Array(2 * n);
    const labels = new Int32Array(n);
    if (o.layout === 'torchdyn') return finishLabelled(applyFit(torchdynMoons(n, off, o.uniform_noise, rng, out, labels), fit), labels, noise, rng);
    for (let i = 0; i < n; i++) {
      const t = Math.PI * rng.next();
      const upper = rng.next() < 0.5;
      out[2 * i] = upper ? Math.cos(t) : 1 - Math.cos(t);
      out[2 * i + 1] = upper ? Math.sin(t) : 1 - Math.sin(t) - off;
      labels[i] = upper ? 0 : 1;
    }
    return finishLabelled(applyFit(out, fit), labels, noise, rng);
  });
}

/**
 * torchdyn's generate_moons: the upper moon's n//2 points at evenly spaced angles (np.linspace(0, π, k)), the
 * lower moon's the same way, then one U[0, width) draw per point added to both of its coordinates.
 */
function torchdynMoons(n: number, off: number, width: number, rng: Rng, out: Float32Array, labels: Int32Array): Float32Array {
  const nOut = n >> 1, nIn = n - nOut;
  const angle = (i: number, k: number) => (k > 1 ? (Math.PI * i) / (k - 1) : 0);
  for (let i = 0; i < nOut; i++) {
    out[2 * i] = Math.cos(angle(i, nOut));
    out[2 * i + 1] = Math.sin(angle(i, nOut));
  }
  for (let i = 0; i < nIn; i++) {
    out[2 * (nOut + i)] = 1 - Math.cos(angle(i, nIn));
    out[2 * (nOut + i) + 1] = 1 - Math.sin(angle(i, nIn)) - off;
    labels[nOut + i] = 1;
  }
  for (let i = 0; i < n; i++) {
    const u = width * rng.next();
    out[2 * i] += u;
    out[2 * i + 1] += u;
  }
  return out;
}

/** Plugin factory: `data.name: moons`. */
export const moons = () =>
  definePlugin({
    name: 'fv:dataset-moons',
    kind: 'dataset',
    id: 'moons',
    description: 'Two interleaving half circles (make_moons); layout: torchdyn and raw_scale/raw_shift give papers\' coordinates.',
    optionsSchema: moonsOptionsSchema,
    create: (options: MoonsOptions, ctx) => moonsDataset(options, dataNoise(ctx)),
  });
