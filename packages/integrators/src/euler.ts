import { z } from 'zod';
import { definePlugin, type Integrator } from '@flow-visualizer/core';
import { explicitRk } from './explicit-rk.js';

/** Forward Euler, order 1: x_{k+1} = x_k + h v(x_k, t_k). One evaluation per step; off-grid snapshots are free. */
export function euler(): Integrator {
  return explicitRk('euler', { a: [[]], b: [1], c: [0] });
}

export const eulerPlugin = () =>
  definePlugin({
    name: 'fv:integrator-euler',
    kind: 'integrator',
    id: 'euler',
    description: 'Forward Euler, order 1, 1 evaluation per step (the original tool\'s sampler).',
    optionsSchema: z.strictObject({}).describe('Euler takes no options.'),
    capabilities: { evaluationsPerStep: 1 },
    create: () => euler(),
  });
