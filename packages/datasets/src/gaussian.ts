/**
 * One Gaussian N(μ, Σ), in box units: the target whose density is known in closed form, so that a trained flow's
 * likelihood can be checked against the truth (with data.noise added, the points follow N(μ, Σ + noise²·I)).
 */
import { z } from 'zod';
import { FvError, definePlugin } from '@flow-visualizer/core';
import { dataNoise, finish, type SyncDataset } from './common.js';

const pair = z.tuple([z.number(), z.number()]);

export const gaussianOptionsSchema = z
  .strictObject({
    mean: pair.default([0, 0]).describe('Mean μ, [x, y], in box units (the box is [-2, 2]²).'),
    cov: z.tuple([pair, pair]).default([[0.25, 0], [0, 0.25]]).describe('Covariance Σ, [[σxx, σxy], [σxy, σyy]]: symmetric, positive definite.'),
  })
  .describe('Options of the gaussian dataset.');

export type GaussianOptions = z.output<typeof gaussianOptionsSchema>;

/** The lower Cholesky factor [l11, l21, l22] of a 2×2 covariance, or a DATA_INVALID error saying why it has none. */
export function choleskyOf(cov: GaussianOptions['cov']): [number, number, number] {
  const [[a, b], [b2, c]] = cov;
  if (b !== b2) throw new FvError('PLUGIN_OPTIONS', `data.options.cov must be symmetric (got ${b} and ${b2} off the diagonal).`, { hint: 'Give the same σxy twice: [[σxx, σxy], [σxy, σyy]].' });
  const det = a * c - b * b;
  if (!(a > 0 && det > 0)) throw new FvError('PLUGIN_OPTIONS', `data.options.cov must be positive definite (σxx = ${a}, determinant ${det}).`, { hint: 'Variances above 0 and σxy² < σxx·σyy.' });
  const l11 = Math.sqrt(a), l21 = b / l11;
  return [l11, l21, Math.sqrt(c - l21 * l21)];
}

export function gaussianDataset(options: Partial<GaussianOptions> = {}, noise = 0): SyncDataset {
  const o = gaussianOptionsSchema.parse(options);
  const [l11, l21, l22] = choleskyOf(o.cov);
  return {
    id: 'gaussian',
    sample(n, rng) {
      const out = new Float32Array(2 * n);
      for (let i = 0; i < n; i++) {
        const z1 = rng.normal(), z2 = rng.normal();
        out[2 * i] = o.mean[0] + l11 * z1;
        out[2 * i + 1] = o.mean[1] + l21 * z1 + l22 * z2;
      }
      return finish(out, noise, rng);
    },
  };
}

/** Plugin factory: `data.name: gaussian`, `data.options: { mean: [0.5, -0.3], cov: [[0.3, 0.1], [0.1, 0.2]] }`. */
export const gaussian = () =>
  definePlugin({
    name: 'fv:dataset-gaussian',
    kind: 'dataset',
    id: 'gaussian',
    description: 'One Gaussian N(mean, cov) in box units: a density known in closed form (checks likelihood).',
    optionsSchema: gaussianOptionsSchema,
    create: (options: GaussianOptions, ctx) => gaussianDataset(options, dataNoise(ctx)),
  });
