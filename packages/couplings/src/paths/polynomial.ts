import { z } from 'zod';
import type { ProbabilityPath } from '@flow-visualizer/core';
import { definePlugin } from '@flow-visualizer/core';
import { affinePath } from './affine.js';
import { polynomialSchedule } from './schedule.js';

export const PolynomialPathOptionsSchema = z
  .strictObject({
    exponent: z.number().min(1).default(2).describe('n in α_t = tⁿ, σ_t = 1 − tⁿ (1: the linear path; n ≥ 1 keeps the velocity finite at t = 0).'),
  });

/** The polynomial path x_t = tⁿ x1 + (1 − tⁿ) x0: the straight lines of the linear path, walked at speed n·tⁿ⁻¹. */
export function polynomialPath(exponent = 2): ProbabilityPath {
  return affinePath('polynomial', polynomialSchedule(exponent));
}

export const polynomialPathPlugin = () =>
  definePlugin({
    name: 'fv:path-polynomial',
    kind: 'path',
    id: 'polynomial',
    description: 'Polynomial schedule: x_t = tⁿ x1 + (1 − tⁿ) x0 (straight lines, slow near the noise; flow.path_options.exponent).',
    optionsSchema: PolynomialPathOptionsSchema,
    create: (options) => polynomialPath(options.exponent),
  });
