/** Options of the canvas renderer (`visualization.options.canvas`), validated and defaulted by this schema. */
import { z } from 'zod';

export const CANVAS_PLOTS = ['comparison', 'trajectory', 'vector_field', 'loss', 'density'] as const;
export type CanvasPlot = (typeof CANVAS_PLOTS)[number];

export const CanvasOptionsSchema = z
  .strictObject({
    plots: z.array(z.enum(CANVAS_PLOTS)).default([]).describe('Plots to draw as PNG, each to <plot>.canvas.png (beside the vega renderer\'s <plot>.png): comparison, trajectory, vector_field, loss, density. Default [] : the vega renderer draws the PNGs and this one only what vega cannot (the GIFs).'),
    gif: z.boolean().default(true).describe('Write the animations: flow.gif (the generated points moving from noise at t=0 to the target at t=1) and evolution.gif (unless evolution_gif=false).'),
    evolution_gif: z.boolean().default(true).describe('With gif: also write evolution.gif: the samples recorded during training (training.evolution_snapshots), morphing from one epoch to the next.'),
    gif_seconds: z.number().min(0.5).max(30).default(4).describe('Length of the animation from t=0 to t=1, seconds (the last frame is then held for gif_hold_seconds).'),
    gif_fps: z.number().int().min(2).max(50).default(20).describe('Frames per second of flow.gif; frames = round(gif_seconds × gif_fps).'),
    gif_hold_seconds: z.number().min(0).max(10).default(1.2).describe('How long the last frame (the learned distribution) stays before the loop restarts.'),
    gif_size: z.number().int().min(120).max(1200).default(420).describe('Width and height of flow.gif in pixels (GIFs are drawn at 1 pixel per pixel).'),
    gif_points: z.number().int().positive().default(3000).describe('Most points animated in flow.gif (a random subset of the generated points when there are more).'),
    trails: z.boolean().default(true).describe('Faint trails behind the moving points in flow.gif.'),
    trail_fade: z.number().gt(0).lt(1).default(0.8).describe('Share of a trail\'s strength kept from one frame to the next (higher: longer trails).'),
    field_backdrop: z.boolean().default(true).describe('Draw the learned velocity field at each frame\'s t, faintly, behind the points of flow.gif.'),
    field_grid: z.number().int().min(4).max(48).default(16).describe('Arrows per side of the flow.gif backdrop field (from the model at each t; else interpolated from visualization.field_times on their grid).'),
    show_target: z.boolean().default(true).describe('Draw the target points, faded, behind the points of flow.gif.'),
    log_loss: z.boolean().default(false).describe('Loss plot on a log scale (falls back to linear when a loss is ≤ 0).'),
    density_bins: z.number().int().min(5).max(200).default(40).describe('Cells per side of the density histograms.'),
    columns: z.number().int().positive().optional().describe('Panels per row of the trajectory and vector-field plots (default: one row up to 4 panels, else balanced rows).'),
  })
  .describe('Canvas renderer: fast PNG plots (@napi-rs/canvas) and the animated flow.gif.');

export type CanvasOptions = z.output<typeof CanvasOptionsSchema>;
