/**
 * The pinwheel of Johnson et al. (2016), as in FFJORD's toy data: Gaussian blobs stretched along the radius and
 * swirled by an angle that grows with the distance from the centre.
 */
import { z } from 'zod';
import { definePlugin } from '@flow-visualizer/core';
import { applyFit, dataNoise, finishLabelled, fitForBounds, labelledDataset, numberedClasses, type SyncLabelledDataset } from './common.js';

export const pinwheelOptionsSchema = z
  .strictObject({
    arms: z.number().int().min(1).max(16).default(5).describe('Number of blades.'),
    radial_std: z.number().positive().max(1).default(0.3).describe('Spread of each blade along the radius (blades centred at radius 1).'),
    tangential_std: z.number().positive().max(1).default(0.1).describe('Spread of each blade across the radius (its thickness).'),
    rate: z.number().min(0).max(2).default(0.25).describe('How strongly the blades swirl: extra angle = rate·exp(radius).'),
  })
  .describe('Options of the pinwheel dataset.');

export type PinwheelOptions = z.output<typeof pinwheelOptionsSchema>;

export function pinwheelDataset(options: Partial<PinwheelOptions> = {}, noise = 0): SyncLabelledDataset {
  const o = pinwheelOptionsSchema.parse(options);
  // Nominal extent: the blades reach about 1 + 3 radial stds from the centre.
  const r = 1 + 3 * o.radial_std;
  const fit = fitForBounds({ xmin: -r, xmax: r, ymin: -r, ymax: r });
  // Label k: the blade starting at angle k·360°/arms.
  return labelledDataset('pinwheel', numberedClasses('arm', o.arms), (n, rng) => {
    const out = new Float32Array(2 * n);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const fr = 1 + o.radial_std * rng.normal();
      const ft = o.tangential_std * rng.normal();
      const arm = rng.int(o.arms);
      const angle = (2 * Math.PI * arm) / o.arms + o.rate * Math.exp(fr);
      const c = Math.cos(angle), s = Math.sin(angle);
      out[2 * i] = fr * c - ft * s;
      out[2 * i + 1] = fr * s + ft * c;
      labels[i] = arm;
    }
    return finishLabelled(applyFit(out, fit), labels, noise, rng);
  });
}

/** Plugin factory: `data.name: pinwheel`. */
export const pinwheel = () =>
  definePlugin({
    name: 'fv:dataset-pinwheel',
    kind: 'dataset',
    id: 'pinwheel',
    description: 'Swirled Gaussian blades of a pinwheel (options: arms, radial_std, tangential_std, rate).',
    optionsSchema: pinwheelOptionsSchema,
    create: (options: PinwheelOptions, ctx) => pinwheelDataset(options, dataNoise(ctx)),
  });
