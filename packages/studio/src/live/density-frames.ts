/**
 * The density over time, as the CLI's density plot computes it: a kernel density (renderers' kde2d) of the
 * preview's points at a few times and of the target, on one grid over the view box. Runs in the worker, after
 * each preview, so the page only colours cells.
 */
import { kde2d, KDE_BANDWIDTH } from '@flow-visualizer/renderers/plot';
import { VIEW_BOX } from '../config/view-box.js';
import type { DensityFrames } from './live-protocol.js';

/** The frames' times: noise, three steps on the way, data (as the CLI's trajectory times, fewer). */
export const DENSITY_TIMES = [0, 0.25, 0.5, 0.75, 1];
/** Cells per side: 64 as the CLI's density plot. */
export const DENSITY_GRID = 64;

/** A class-conditional model's classes: of each generated point (as sampled) and of each target point (its label). */
export interface FrameClasses {
  generated: ArrayLike<number>;
  target: ArrayLike<number>;
  count: number;
}

/**
 * Densities of `points` (times.length × n × 2, snapshots at `times`) at DENSITY_TIMES, then of `target`; with
 * `classes`, each class's share of every cell too.
 */
export function densityFrames(times: readonly number[], points: Float32Array, n: number, target: Float32Array, classes?: FrameClasses): DensityFrames {
  const size = DENSITY_GRID, cells = size * size, frames = DENSITY_TIMES.length + 1;
  const grids = new Float32Array(frames * cells);
  const sets: { points: Float32Array; labels?: ArrayLike<number> }[] = DENSITY_TIMES.map((t) => {
    // The snapshot nearest t (the preview's times include every DENSITY_TIMES entry; nearest guards against a change).
    let best = 0;
    times.forEach((s, i) => (Math.abs(s - t) < Math.abs(times[best] - t) ? (best = i) : 0));
    return { points: points.subarray(best * 2 * n, (best + 1) * 2 * n), labels: classes?.generated };
  });
  sets.push({ points: target, labels: classes?.target });
  sets.forEach((set, f) => grids.set(kde2d(set.points, VIEW_BOX, size).values, f * cells));
  const byClass = classes && classes.count > 1 ? classShares(sets, classes.count, size) : undefined;
  return { times: [...DENSITY_TIMES], size, grids, n, nTarget: target.length / 2, ...(byClass ? { classShares: byClass, classes: classes!.count } : {}) };
}

/**
 * Per class, per frame, its share of each cell's density: each class's kernel density weighed by its share of
 * the points, over their sum. One kernel width for every class of a frame, so that the shares are of one
 * smoothing; wider than the one-colour view's as the classes have fewer points each (Scott's n^(−1/6) on the
 * mean class size against the 2,000 the default width suits, as the CLI's class-density plot widens): 50 points
 * a class otherwise break into specks of single colours where the classes in fact mix evenly (at t = 0).
 */
function classShares(sets: { points: Float32Array; labels?: ArrayLike<number> }[], count: number, size: number): Float32Array {
  const cells = size * size, frames = sets.length;
  const out = new Float32Array(count * frames * cells);
  sets.forEach((set, f) => {
    const total = set.points.length >> 1;
    const width = KDE_BANDWIDTH * Math.max(1, (2000 / Math.max(1, total / count)) ** (1 / 6));
    const sum = new Float64Array(cells);
    const weighted: Float64Array[] = [];
    for (let k = 0; k < count; k++) {
      const mine: number[] = [];
      for (let i = 0; i < total; i++) if (set.labels && Math.round(set.labels[i]) === k) mine.push(set.points[2 * i], set.points[2 * i + 1]);
      const w = new Float64Array(cells);
      if (mine.length) {
        const g = kde2d(Float32Array.from(mine), VIEW_BOX, size, width).values, share = mine.length / 2 / total;
        for (let c = 0; c < cells; c++) (w[c] = g[c] * share), (sum[c] += w[c]);
      }
      weighted.push(w);
    }
    for (let k = 0; k < count; k++) {
      const base = (k * frames + f) * cells;
      for (let c = 0; c < cells; c++) out[base + c] = sum[c] > 0 ? weighted[k][c] / sum[c] : 0;
    }
  });
  return out;
}
