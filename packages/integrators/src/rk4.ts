import { z } from 'zod';
import { definePlugin, type Integrator } from '@flow-visualizer/core';
import { explicitRk } from './explicit-rk.js';

/** The classical fourth-order Runge–Kutta method: 4 evaluations per step. */
export function rk4(): Integrator {
  return explicitRk('rk4', {
    a: [[], [0.5], [0, 0.5], [0, 0, 1]],
    b: [1 / 6, 1 / 3, 1 / 3, 1 / 6],
    c: [0, 0.5, 0.5, 1],
  });
}

export const rk4Plugin = () =>
  definePlugin({
    name: 'fv:integrator-rk4',
    kind: 'integrator',
    id: 'rk4',
    description: 'Classical Runge–Kutta, order 4, 4 evaluations per step.',
    optionsSchema: z.strictObject({}).describe('RK4 takes no options.'),
    capabilities: { evaluationsPerStep: 4 },
    create: () => rk4(),
  });
