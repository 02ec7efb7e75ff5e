import { z } from 'zod';
import { definePlugin, type Integrator } from '@flow-visualizer/core';
import { explicitRk } from './explicit-rk.js';

/** Heun (explicit trapezoid), order 2: an Euler predictor, then the mean of the slopes at both ends. */
export function heun(): Integrator {
  return explicitRk('heun', { a: [[], [1]], b: [0.5, 0.5], c: [0, 1] });
}

export const heunPlugin = () =>
  definePlugin({
    name: 'fv:integrator-heun',
    kind: 'integrator',
    id: 'heun',
    description: 'Heun\'s method (explicit trapezoid), order 2, 2 evaluations per step.',
    optionsSchema: z.strictObject({}).describe('Heun takes no options.'),
    capabilities: { evaluationsPerStep: 2 },
    create: () => heun(),
  });
