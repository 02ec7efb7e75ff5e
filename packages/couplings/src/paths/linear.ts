import { z } from 'zod';
import type { ProbabilityPath } from '@flow-visualizer/core';
import { definePlugin } from '@flow-visualizer/core';
import { affinePath } from './affine.js';
import { condOtSchedule } from './schedule.js';

/**
 * The linear (conditional optimal-transport / rectified-flow) path of Lipman et al.:
 *   x_t = (1 - (1 - σ_min) t) x0 + t x1,   u_t = x1 - (1 - σ_min) x0.
 * With σ_min = 0 this is the straight line from noise to data, the objective of the original tool.
 */
export function linearPath(sigmaMin = 0): ProbabilityPath {
  return affinePath('linear', condOtSchedule(sigmaMin));
}

export const linearPathPlugin = () =>
  definePlugin({
    name: 'fv:path-linear',
    kind: 'path',
    id: 'linear',
    description: 'Straight lines from noise to data (conditional OT / rectified flow), with flow.sigma_min.',
    optionsSchema: z.strictObject({}),
    create: (_options, ctx) => linearPath(ctx.run.sigmaMin),
  });
