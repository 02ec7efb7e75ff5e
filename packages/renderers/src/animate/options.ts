/** Options of the animate renderer (`visualization.options.animate`). */
import { z } from 'zod';

export const ANIMATIONS = ['probability_path', 'curvature'] as const;
export type Animation = (typeof ANIMATIONS)[number];

export const AnimateOptionsSchema = z
  .strictObject({
    animations: z.array(z.enum(ANIMATIONS)).min(1).default([...ANIMATIONS]).describe('Animations to write: probability_path (probability_path.gif) and curvature (curvature.gif).'),
    height: z.number().int().min(120).max(1200).default(360).describe('Height of each GIF in pixels (probability_path.gif is about twice as wide).'),
    contour_levels: z.number().int().min(1).max(12).default(5).describe('Density contours per frame of probability_path.gif, evenly spaced between 0 and the frame\'s peak density.'),
    bandwidth_factor: z.number().positive().max(4).default(0.7).describe('Kernel width of the density estimate as a multiple of Scott\'s rule (1: Scott; smaller: finer detail).'),
    animation_fps: z.number().int().min(1).max(50).default(15).describe('Frames per second of both animations.'),
    n_particles: z.number().int().positive().max(20000).default(300).describe('Particles followed in curvature.gif (a random subset of the generated points).'),
    trail_length: z.number().int().min(0).max(200).default(12).describe('Frames of past positions each particle of curvature.gif trails behind it (0: no trails).'),
    density_grid_size: z.number().int().min(16).max(400).default(80).describe('Cells per side of the kernel density estimate whose contours probability_path.gif draws.'),
    hold_seconds: z.number().min(0).max(10).default(1.2).describe('How long the last frame stays before the loop restarts.'),
  })
  .describe('Animations: the probability path with density contours, and particles with trails coloured by path curvature.');

export type AnimateOptions = z.output<typeof AnimateOptionsSchema>;
