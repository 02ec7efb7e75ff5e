/** Two concentric circles (scikit-learn make_circles): a ring inside a ring, half the points on each. */
import { z } from 'zod';
import { definePlugin } from '@flow-visualizer/core';
import { applyFit, dataNoise, finishLabelled, fitForBounds, labelledDataset, type SyncLabelledDataset } from './common.js';

/** Label 0: the outer ring; 1: the inner one. */
export const CIRCLES_CLASSES = ['outer ring', 'inner ring'] as const;

export const circlesOptionsSchema = z
  .strictObject({
    factor: z.number().gt(0).lt(1).default(0.5).describe('Radius of the inner circle relative to the outer one (scikit-learn: 0.8; 0.5 separates them clearly).'),
  })
  .describe('Options of the circles dataset.');

export type CirclesOptions = z.output<typeof circlesOptionsSchema>;

export function circlesDataset(options: Partial<CirclesOptions> = {}, noise = 0): SyncLabelledDataset {
  const { factor } = circlesOptionsSchema.parse(options);
  const fit = fitForBounds({ xmin: -1, xmax: 1, ymin: -1, ymax: 1 });
  return labelledDataset('circles', CIRCLES_CLASSES, (n, rng) => {
    const out = new Float32Array(2 * n);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const outer = rng.next() < 0.5;
      const r = outer ? 1 : factor;
      const a = 2 * Math.PI * rng.next();
      out[2 * i] = r * Math.cos(a);
      out[2 * i + 1] = r * Math.sin(a);
      labels[i] = outer ? 0 : 1;
    }
    return finishLabelled(applyFit(out, fit), labels, noise, rng);
  });
}

/** Plugin factory: `data.name: circles`. */
export const circles = () =>
  definePlugin({
    name: 'fv:dataset-circles',
    kind: 'dataset',
    id: 'circles',
    description: 'Two concentric circles (options: factor, the inner radius ratio).',
    optionsSchema: circlesOptionsSchema,
    create: (options: CirclesOptions, ctx) => circlesDataset(options, dataNoise(ctx)),
  });
