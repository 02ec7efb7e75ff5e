import { z } from 'zod';
import { definePlugin, type Integrator } from '@flow-visualizer/core';
import { explicitRk } from './explicit-rk.js';

/** Explicit midpoint, order 2: evaluates v half a step ahead and takes the full step with that slope. */
export function midpoint(): Integrator {
  return explicitRk('midpoint', { a: [[], [0.5]], b: [0, 1], c: [0, 0.5] });
}

export const midpointPlugin = () =>
  definePlugin({
    name: 'fv:integrator-midpoint',
    kind: 'integrator',
    id: 'midpoint',
    description: 'Explicit midpoint rule, order 2, 2 evaluations per step.',
    optionsSchema: z.strictObject({}).describe('Midpoint takes no options.'),
    capabilities: { evaluationsPerStep: 2 },
    create: () => midpoint(),
  });
