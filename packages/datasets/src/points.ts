/**
 * `points`: the user's own point cloud from a CSV or JSON file, resampled with replacement to `n_samples`
 * (seeded), normalized into the shared box unless asked not to, with `data.noise` added.
 */
import { z } from 'zod';
import { definePlugin } from '@flow-visualizer/core';
import { ringsBounds } from './geometry/polygon.js';
import { applyFit, dataNoise, finish, fitForBounds, type SyncDataset } from './common.js';
import { readUserFile } from './io/read-user-file.js';
import { parsePoints } from './io/parse-points.js';

const PLUGIN = 'fv:dataset-points';

export const pointsOptionsSchema = z
  .strictObject({
    file: z.string().min(1).describe('CSV (x,y per line, header optional) or JSON ([[x,y],…] or [{x,y},…]) file; relative to the config file.'),
    normalize: z.boolean().default(true).describe('Centre and scale the points into the shared box [-2, 2]² (false: keep the raw coordinates).'),
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

/** Reads and parses the file, then builds the dataset. */
export async function pointsDataset(options: PointsOptions, baseDir: string, noise = 0): Promise<SyncDataset> {
  const file = await readUserFile(options.file, baseDir, PLUGIN);
  const raw = parsePoints(file.bytes.toString('utf8'), options.file, PLUGIN);
  // Scaled in double precision before narrowing, so that large raw coordinates (e.g. map units) keep their detail.
  if (options.normalize) applyFit(raw, fitForBounds(ringsBounds([raw])));
  return resampledDataset('points', Float32Array.from(raw), noise);
}

/** Plugin factory: `data.name: points`, `data.options.file: my-points.csv`. */
export const points = () =>
  definePlugin({
    name: PLUGIN,
    kind: 'dataset',
    id: 'points',
    description: 'Your own points from a CSV or JSON file (options: file, normalize).',
    optionsSchema: pointsOptionsSchema,
    create: (options: PointsOptions, ctx) => pointsDataset(options, ctx.baseDir, dataNoise(ctx)),
  });
