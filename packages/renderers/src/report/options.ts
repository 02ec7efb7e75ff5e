/** Options of the report renderer (`visualization.options.report`), validated and defaulted by this schema. */
import { z } from 'zod';

export const ReportOptionsSchema = z
  .strictObject({
    field_samples: z.number().int().min(2).max(101).default(21).describe('Times t = 0 … 1 at which the learned field is sampled for the slider (evenly spaced; the page interpolates between them).'),
    field_grid: z.number().int().min(4).max(48).optional().describe('Arrows per side of the field in the report (default: visualization.grid_size).'),
    max_points: z.number().int().positive().default(2000).describe('Most generated points embedded per frame (a random subset when there are more); the file grows with points × frames.'),
    max_target: z.number().int().positive().default(2000).describe('Most target points embedded (a random subset when there are more).'),
    decimals: z.number().int().min(1).max(6).default(3).describe('Decimals kept of each coordinate in the embedded data (3: far below a pixel, and a compact file).'),
    play_seconds: z.number().min(0.5).max(60).default(4).describe('Seconds the play button takes from t = 0 to t = 1.'),
  })
  .describe('Interactive report.html: one offline file (Vega inlined) with a time slider and play button over the flow, the loss curve, the metrics and the resolved config.');

export type ReportOptions = z.output<typeof ReportOptionsSchema>;
