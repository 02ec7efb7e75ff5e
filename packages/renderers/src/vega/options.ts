/** Options of the vega renderer (`visualization.options.vega`), validated and defaulted by this schema. */
import { z } from 'zod';

export const VEGA_PLOTS = ['comparison', 'trajectory', 'paths', 'vector_field', 'density', 'evolution', 'loss', 'loss_by_time', 'likelihood', 'density_model', 'estimator_spread', 'guidance'] as const;
export type VegaPlot = (typeof VEGA_PLOTS)[number];

export const VEGA_FORMATS = ['png', 'svg', 'vl.json'] as const;
export type VegaFormat = (typeof VEGA_FORMATS)[number];

export const VegaOptionsSchema = z
  .strictObject({
    plots: z.array(z.enum(VEGA_PLOTS)).min(1).default([...VEGA_PLOTS]).describe('Plots to draw, each to <plot>.<format>: comparison, trajectory, paths, vector_field, density (p_t over time), evolution (samples during training), loss, loss_by_time (the loss in bins of t beside its irreducible part), likelihood (the model\'s exact density beside the data\'s), density_model (p_t by the continuity equation), estimator_spread (Hutchinson vs exact); the likelihood three only when the run has a likelihood; guidance (the same noise at w = 0, 1, 2, 4, coloured by the asked class) only on a conditional run.'),
    formats: z.array(z.enum(VEGA_FORMATS)).min(1).default([...VEGA_FORMATS]).describe('Files per plot: png (at visualization.pixel_ratio), svg, vl.json (the Vega-Lite spec, data inline, opens in the Vega editor).'),
    log_loss: z.boolean().default(false).describe('Loss plot on a log scale (falls back to linear when a loss is ≤ 0).'),
    density_bins: z.number().int().min(16).max(160).default(64).describe('Cells per side of the density grid (kernel density estimate).'),
    paths: z.number().int().min(1).max(5000).default(300).describe('Points whose whole paths from t = 0 to 1 the paths plot draws.'),
    max_points: z.number().int().positive().default(5000).describe('Most points of one set drawn in a scatter panel (a random sample beyond it; SVG size and render time grow with it). The density plot bins all of them.'),
    columns: z.number().int().positive().optional().describe('Panels per row of the trajectory and vector-field plots (default: one row up to 4 panels, else balanced rows).'),
  })
  .describe('Vega-Lite renderer: PNG, SVG and Vega-Lite JSON of each plot.');

export type VegaOptions = z.output<typeof VegaOptionsSchema>;
