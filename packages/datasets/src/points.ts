/**
 * `points`: the user's own point cloud from a CSV or JSON file, or written in the config itself (`points:
 * [[x, y], …]`, what the studio exports for a drawn shape), resampled with replacement to `n_samples` (seeded),
 * normalized into the shared box unless asked not to, with `data.noise` added.
 */
import { z } from 'zod';
import { definePlugin, type PluginContext, type UserFiles } from '@flow-visualizer/core';
import { ringsBounds } from './geometry/polygon.js';
import { applyFit, dataNoise, finish, fitForBounds, type SyncDataset } from './common.js';
import { readUserFile, userText } from './io/user-file.js';
import { checkPoints, parsePoints } from './io/parse-points.js';

const PLUGIN = 'fv:dataset-points';

export const pointsOptionsSchema = z
  .strictObject({
    file: z.string().min(1).optional().describe('CSV (x,y per line, header optional) or JSON ([[x,y],…] or [{x,y},…]) file; relative to the config file.'),
    points: z
      .array(z.tuple([z.number(), z.number()]))
      .min(2)
      .optional()
      .describe('The points themselves, [[x, y], …], instead of a file (a shape drawn in the studio is exported this way).'),
    normalize: z.boolean().default(true).describe('Centre and scale the points into the shared box [-2, 2]² (false: keep the raw coordinates).'),
  })
  .refine((o) => (o.file === undefined) !== (o.points === undefined), { message: 'give exactly one of file or points' })
  .describe('Options of the points dataset.');

export type PointsOptions = z.output<typeof pointsOptionsSchema>;

/** A dataset resampling the given source points (n×2 interleaved, already scaled as wanted). */
export function resampledDataset(id: string, source: Float64Array | Float32Array, noise = 0): SyncDataset {
  const m = source.length / 2;
  return {
    id,
    sample(n, rng) {
      const out = new Float32Array(2 * n);
      for (let i = 0; i < n; i++) {
        const k = rng.int(m);
        out[2 * i] = source[2 * k];
        out[2 * i + 1] = source[2 * k + 1];
      }
      return finish(out, noise, rng);
    },
  };
}

/** The points of the options (inline), or of the file read through `ctx.files`; n×2 interleaved, unscaled. */
async function sourcePoints(options: PointsOptions, ctx: Pick<PluginContext, 'baseDir' | 'files'>): Promise<Float64Array> {
  if (options.points !== undefined) return checkPoints(Float64Array.from(options.points.flat()), 'data.options.points', PLUGIN);
  const file = await readUserFile(ctx.files, options.file!, ctx.baseDir, PLUGIN);
  return parsePoints(userText(file.bytes), options.file!, PLUGIN);
}

/** Takes the points (inline or from the file), then builds the dataset. */
export async function pointsDataset(options: PointsOptions, ctx: Pick<PluginContext, 'baseDir' | 'files'>, noise = 0): Promise<SyncDataset> {
  const raw = await sourcePoints(options, ctx);
  // Scaled in double precision before narrowing, so that large raw coordinates (e.g. map units) keep their detail.
  const fit = options.normalize ? fitForBounds(ringsBounds([raw])) : undefined;
  if (fit) applyFit(raw, fit);
  // The fit goes with the dataset so that likelihood can give log p in the file's own units.
  return { ...resampledDataset('points', Float32Array.from(raw), noise), ...(fit ? { boxFit: fit } : {}) };
}

/**
 * Plugin factory: `data.name: points`, `data.options.file: my-points.csv` (or `points: [[0, 0], [1, 2], …]`).
 * Files are read through the context's reader (PluginContext.files), else through `defaults.files`.
 */
export const points = (defaults: { files?: UserFiles } = {}) =>
  definePlugin({
    name: PLUGIN,
    kind: 'dataset',
    id: 'points',
    description: 'Your own points from a CSV or JSON file, or listed in the config (options: file | points, normalize).',
    optionsSchema: pointsOptionsSchema,
    create: (options: PointsOptions, ctx) => pointsDataset(options, { baseDir: ctx.baseDir, files: ctx.files ?? defaults.files }, dataNoise(ctx)),
  });
