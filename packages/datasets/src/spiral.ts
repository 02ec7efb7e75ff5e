/** Interleaved Archimedean spiral arms leaving the centre (the "two spirals" toy, with any number of arms). */
import { z } from 'zod';
import { definePlugin } from '@flow-visualizer/core';
import { applyFit, dataNoise, finishLabelled, fitForBounds, labelledDataset, numberedClasses, type SyncLabelledDataset } from './common.js';

export const spiralOptionsSchema = z
  .strictObject({
    arms: z.number().int().min(1).max(12).default(2).describe('Number of spiral arms, evenly rotated around the centre.'),
    turns: z.number().positive().max(6).default(1.5).describe('Turns each arm makes from the centre outwards.'),
  })
  .describe('Options of the spiral dataset.');

export type SpiralOptions = z.output<typeof spiralOptionsSchema>;

export function spiralDataset(options: Partial<SpiralOptions> = {}, noise = 0): SyncLabelledDataset {
  const { arms, turns } = spiralOptionsSchema.parse(options);
  const thetaMax = 2 * Math.PI * turns;
  // r = θ/θmax ≤ 1, so the unit square around the origin is the nominal extent.
  const fit = fitForBounds({ xmin: -1, xmax: 1, ymin: -1, ymax: 1 });
  // Label k: the arm rotated by k·360°/arms.
  return labelledDataset('spiral', numberedClasses('arm', arms), (n, rng) => {
    const out = new Float32Array(2 * n);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      // Arc length of r = aθ grows like θ², so θ = θmax·√u is (nearly) uniform along the arm.
      const theta = thetaMax * Math.sqrt(rng.next());
      const arm = rng.int(arms);
      const phase = (2 * Math.PI * arm) / arms;
      const r = theta / thetaMax;
      out[2 * i] = r * Math.cos(theta + phase);
      out[2 * i + 1] = r * Math.sin(theta + phase);
      labels[i] = arm;
    }
    return finishLabelled(applyFit(out, fit), labels, noise, rng);
  });
}

/** Plugin factory: `data.name: spiral`. */
export const spiral = () =>
  definePlugin({
    name: 'fv:dataset-spiral',
    kind: 'dataset',
    id: 'spiral',
    description: 'Interleaved spiral arms leaving the centre (options: arms, turns).',
    optionsSchema: spiralOptionsSchema,
    create: (options: SpiralOptions, ctx) => spiralDataset(options, dataNoise(ctx)),
  });
