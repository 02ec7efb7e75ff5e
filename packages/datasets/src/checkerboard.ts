/** A checkerboard: points uniform in alternate cells, none in the others (sharp edges, many modes). */
import { z } from 'zod';
import { definePlugin } from '@flow-visualizer/core';
import { applyFit, dataNoise, finishLabelled, fitForBounds, labelledDataset, numberedClasses, type SyncLabelledDataset } from './common.js';

export const checkerboardOptionsSchema = z
  .strictObject({
    cells: z.number().int().min(2).max(16).default(4).describe('Cells per side of the board; points fill the cells whose row + column is even.'),
  })
  .describe('Options of the checkerboard dataset.');

export type CheckerboardOptions = z.output<typeof checkerboardOptionsSchema>;

export function checkerboardDataset(options: Partial<CheckerboardOptions> = {}, noise = 0): SyncLabelledDataset {
  const { cells } = checkerboardOptionsSchema.parse(options);
  const fit = fitForBounds({ xmin: 0, xmax: cells, ymin: 0, ymax: cells });
  // The filled cells (row + column even), listed once; each point picks one uniformly (all have equal area).
  const filled: Array<[number, number]> = [];
  for (let i = 0; i < cells; i++) for (let j = 0; j < cells; j++) if ((i + j) % 2 === 0) filled.push([i, j]);
  // Label c: the c-th filled cell, column i (x) outer, row j (y) inner, from the lower left.
  return labelledDataset('checkerboard', numberedClasses('cell', filled.length), (n, rng) => {
    const out = new Float32Array(2 * n);
    const labels = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      const c = rng.int(filled.length);
      const [i, j] = filled[c];
      out[2 * k] = i + rng.next();
      out[2 * k + 1] = j + rng.next();
      labels[k] = c;
    }
    return finishLabelled(applyFit(out, fit), labels, noise, rng);
  });
}

/** Plugin factory: `data.name: checkerboard`. */
export const checkerboard = () =>
  definePlugin({
    name: 'fv:dataset-checkerboard',
    kind: 'dataset',
    id: 'checkerboard',
    description: 'Points uniform in alternate cells of a checkerboard (options: cells).',
    optionsSchema: checkerboardOptionsSchema,
    create: (options: CheckerboardOptions, ctx) => checkerboardDataset(options, dataNoise(ctx)),
  });
