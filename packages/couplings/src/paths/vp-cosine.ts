import { z } from 'zod';
import type { ProbabilityPath } from '@flow-visualizer/core';
import { definePlugin } from '@flow-visualizer/core';
import { affinePath } from './affine.js';
import { cosineSchedule } from './schedule.js';

/**
 * The variance-preserving cosine path (the cosine schedule of improved DDPM, as a flow):
 *   x_t = α_t x1 + σ_t x0,  α_t = sin(πt/2), σ_t = cos(πt/2),
 *   u_t = α'_t x1 + σ'_t x0 = (π/2)(cos(πt/2) x1 − sin(πt/2) x0).
 * t=0 is pure noise and t=1 pure data, as for the linear path; α_t² + σ_t² = 1 keeps the variance of
 * unit-variance data constant along the way. Its paths are arcs, not lines, so it needs more sampling steps.
 */
export function vpCosinePath(): ProbabilityPath {
  return affinePath('vp_cosine', cosineSchedule());
}

export const vpCosinePathPlugin = () =>
  definePlugin({
    name: 'fv:path-vp-cosine',
    kind: 'path',
    id: 'vp_cosine',
    description: 'Variance-preserving cosine schedule: x_t = sin(πt/2) x1 + cos(πt/2) x0 (curved paths; flow.sigma_min unused).',
    optionsSchema: z.strictObject({}),
    create: () => vpCosinePath(),
  });
