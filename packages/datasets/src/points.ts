/**
 * `points`: the user's own point cloud from a CSV or JSON file, or written in the config itself (`points:
 * [[x, y], …]` with `labels: [k, …]` for classes, what the studio exports for a drawn shape), resampled with replacement to `n_samples` (seeded),
 * normalized into the shared box unless asked not to, with `data.noise` added.
 */
import { z } from 'zod';
import { definePlugin, type PluginContext, type UserFiles } from '@flow-visualizer/core';
import { ringsBounds } from './geometry/polygon.js';
import { applyFit, dataNoise, finish, finishLabelled, fitForBounds, labelledDataset, numberedClasses, type SyncDataset } from './common.js';
import { readUserFile, userText } from './io/user-file.js';
import { checkClasses, checkPoints, parseLabelledPoints } from './io/parse-points.js';

const PLUGIN = 'fv:dataset-points';

export const pointsOptionsSchema = z
  .strictObject({
    file: z.string().min(1).optional().describe('CSV (x,y per line, header optional; a column headed `label` gives each point its class 0…K−1) or JSON ([[x,y],…] or [{x,y},…]) file; relative to the config file.'),
    points: z
      .array(z.tuple([z.number(), z.number()]))
      .min(2)
      .optional()
      .describe('The points themselves, [[x, y], …], instead of a file (a shape drawn in the studio is exported this way).'),
    labels: z
      .array(z.number().int().nonnegative().max(1023))
      .optional()
      .describe('With points: the class 0…K−1 of each listed point, in the same order (a shape drawn with the studio\'s class brushes is exported this way); for model.conditional.'),
    normalize: z.boolean().default(true).describe('Centre and scale the points into the shared box [-2, 2]² (false: keep the raw coordinates).'),
  })
  .refine((o) => (o.file === undefined) !== (o.points === undefined), { message: 'give exactly one of file or points' })
  .refine((o) => o.labels === undefined || o.points !== undefined, { message: 'labels go with points (a file gives its classes in a label column)', path: ['labels'] })
  .refine((o) => o.labels === undefined || o.points === undefined || o.labels.length === o.points.length, {
    message: 'give one label per point (labels and points have different lengths)',
    path: ['labels'],
  })
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

/**
 * A labelled dataset resampling the given source points with their classes (`labels[k]` for source point k, in
 * 0…K−1): the same draws as `resampledDataset`, each drawn point keeping its class. Classes are named `class k`.
 */
export function resampledLabelledDataset(id: string, source: Float64Array | Float32Array, labels: Int32Array, noise = 0): SyncDataset {
  const m = source.length / 2;
  const k = labels.reduce((a, l) => Math.max(a, l), 0) + 1;
  return labelledDataset(id, numberedClasses('class', k), (n, rng) => {
    const out = new Float32Array(2 * n);
    const drawn = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const j = rng.int(m);
      out[2 * i] = source[2 * j];
      out[2 * i + 1] = source[2 * j + 1];
      drawn[i] = labels[j];
    }
    return finishLabelled(out, drawn, noise, rng);
  });
}

/** The points of the options (inline), or of the file read through `ctx.files`; n×2 interleaved, unscaled. */
async function sourcePoints(options: PointsOptions, ctx: Pick<PluginContext, 'baseDir' | 'files'>): Promise<{ points: Float64Array; labels?: Int32Array }> {
  if (options.points !== undefined) {
    const points = checkPoints(Float64Array.from(options.points.flat()), 'data.options.points', PLUGIN);
    if (options.labels === undefined) return { points };
    const labels = Int32Array.from(options.labels);
    checkClasses(labels, 'data.options.labels', PLUGIN);
    return { points, labels };
  }
  const file = await readUserFile(ctx.files, options.file!, ctx.baseDir, PLUGIN);
  return parseLabelledPoints(userText(file.bytes), options.file!, PLUGIN);
}

/** Takes the points (inline or from the file), then builds the dataset (labelled when the file has a label column). */
export async function pointsDataset(options: PointsOptions, ctx: Pick<PluginContext, 'baseDir' | 'files'>, noise = 0): Promise<SyncDataset> {
  const { points: raw, labels } = await sourcePoints(options, ctx);
  // Scaled in double precision before narrowing, so that large raw coordinates (e.g. map units) keep their detail.
  const fit = options.normalize ? fitForBounds(ringsBounds([raw])) : undefined;
  if (fit) applyFit(raw, fit);
  const source = Float32Array.from(raw);
  const dataset = labels ? resampledLabelledDataset('points', source, labels, noise) : resampledDataset('points', source, noise);
  // The fit goes with the dataset so that likelihood can give log p in the file's own units.
  return { ...dataset, ...(fit ? { boxFit: fit } : {}) };
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
