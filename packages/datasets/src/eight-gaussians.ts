/** Eight Gaussian blobs evenly spaced on a ring: the standard multi-modal toy (mode collapse shows at once). */
import { z } from 'zod';
import { definePlugin } from '@flow-visualizer/core';
import { applyFit, dataNoise, finishLabelled, fitForBounds, labelledDataset, numberedClasses, type SyncLabelledDataset } from './common.js';

export const eightGaussiansOptionsSchema = z
  .strictObject({
    cluster_std: z.number().positive().max(1).default(0.1).describe('Standard deviation of each blob, as a fraction of the ring radius (intrinsic spread, before data.noise).'),
    raw_radius: z.number().nonnegative().default(0).describe('0: fitted to the data box; > 0: raw coordinates, the ring of this radius about the origin, not fitted (papers\' toys, e.g. 5 for torchcfm\'s and C2OT\'s eight Gaussians; W2 depends on the scale).'),
  })
  .describe('Options of the eight_gaussians dataset.');

export type EightGaussiansOptions = z.output<typeof eightGaussiansOptionsSchema>;

export const EIGHT_MODES = 8;

/** Centres of the modes on the unit ring, starting at angle 0, counter-clockwise. */
export function eightCentres(): Array<[number, number]> {
  return Array.from({ length: EIGHT_MODES }, (_, k) => [Math.cos((k * 2 * Math.PI) / EIGHT_MODES), Math.sin((k * 2 * Math.PI) / EIGHT_MODES)]);
}

export function eightGaussiansDataset(options: Partial<EightGaussiansOptions> = {}, noise = 0): SyncLabelledDataset {
  const { cluster_std: std } = eightGaussiansOptionsSchema.parse(options);
  options = eightGaussiansOptionsSchema.parse(options);
  const centres = eightCentres();
  // Nominal extent: the ring plus 2.5 standard deviations, so the tails may poke out a little (the box has slack).
  const r = 1 + 2.5 * std;
  const raw = options.raw_radius ?? 0;
  const fit = raw > 0 ? { cx: 0, cy: 0, s: raw } : fitForBounds({ xmin: -r, xmax: r, ymin: -r, ymax: r });
  // Label k: the mode at angle k·45°, counter-clockwise from the positive x axis (eightCentres' order).
  return labelledDataset('eight_gaussians', numberedClasses('mode', EIGHT_MODES), (n, rng) => {
    const out = new Float32Array(2 * n);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const k = rng.int(EIGHT_MODES);
      const [cx, cy] = centres[k];
      out[2 * i] = cx + std * rng.normal();
      out[2 * i + 1] = cy + std * rng.normal();
      labels[i] = k;
    }
    return finishLabelled(applyFit(out, fit), labels, noise, rng);
  });
}

/** Plugin factory: `data.name: eight_gaussians`. */
export const eightGaussians = () =>
  definePlugin({
    name: 'fv:dataset-eight-gaussians',
    kind: 'dataset',
    id: 'eight_gaussians',
    description: 'Eight Gaussian blobs evenly spaced on a ring (options: cluster_std, raw_radius).',
    optionsSchema: eightGaussiansOptionsSchema,
    create: (options: EightGaussiansOptions, ctx) => eightGaussiansDataset(options, dataNoise(ctx)),
  });
