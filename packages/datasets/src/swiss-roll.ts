/** The 2D Swiss roll (scikit-learn make_swiss_roll seen end-on): one arm rolled up, not reaching the centre. */
import { z } from 'zod';
import { definePlugin, boundsOf } from '@flow-visualizer/core';
import { applyFit, dataNoise, finish, fitForBounds, type SyncDataset } from './common.js';

export const swissRollOptionsSchema = z
  .strictObject({
    turns: z.number().positive().max(6).default(1.5).describe('Turns of the roll (scikit-learn: 1.5, angle 1.5π to 4.5π).'),
  })
  .describe('Options of the swiss_roll dataset.');

export type SwissRollOptions = z.output<typeof swissRollOptionsSchema>;

const T0 = 1.5 * Math.PI;

export function swissRollDataset(options: Partial<SwissRollOptions> = {}, noise = 0): SyncDataset {
  const { turns } = swissRollOptionsSchema.parse(options);
  const t1 = T0 + 2 * Math.PI * turns;
  const at = (t: number, out: Float32Array, i: number) => {
    out[2 * i] = t * Math.cos(t);
    out[2 * i + 1] = t * Math.sin(t);
  };
  // The curve's extent, from a fine polyline along it (the roll is not symmetric, so no closed form is handy).
  const curve = new Float32Array(2 * 2001);
  for (let i = 0; i <= 2000; i++) at(T0 + ((t1 - T0) * i) / 2000, curve, i);
  const fit = fitForBounds(boundsOf(curve));
  return {
    id: 'swiss_roll',
    sample(n, rng) {
      const out = new Float32Array(2 * n);
      // Uniform by arc length: the length of r = t grows like t², so t = √(t0² + u (t1² - t0²)).
      for (let i = 0; i < n; i++) at(Math.sqrt(T0 * T0 + rng.next() * (t1 * t1 - T0 * T0)), out, i);
      return finish(applyFit(out, fit), noise, rng);
    },
  };
}

/** Plugin factory: `data.name: swiss_roll`. */
export const swissRoll = () =>
  definePlugin({
    name: 'fv:dataset-swiss-roll',
    kind: 'dataset',
    id: 'swiss_roll',
    description: 'The 2D Swiss roll: one arm rolled up around an empty centre (options: turns).',
    optionsSchema: swissRollOptionsSchema,
    create: (options: SwissRollOptions, ctx) => swissRollDataset(options, dataNoise(ctx)),
  });
