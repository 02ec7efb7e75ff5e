/**
 * The density over time, as the CLI's density plot computes it: a kernel density (renderers' kde2d) of the
 * preview's points at a few times and of the target, on one grid over the view box. Runs in the worker, after
 * each preview, so the page only colours cells.
 */
import { kde2d } from '@flow-visualizer/renderers/plot';
import { VIEW_BOX } from '../config/view-box.js';
import type { DensityFrames } from './live-protocol.js';

/** The frames' times: noise, three steps on the way, data (as the CLI's trajectory times, fewer). */
export const DENSITY_TIMES = [0, 0.25, 0.5, 0.75, 1];
/** Cells per side: 64 as the CLI's density plot. */
export const DENSITY_GRID = 64;

/** Densities of `points` (times.length × n × 2, snapshots at `times`) at DENSITY_TIMES, then of `target`. */
export function densityFrames(times: readonly number[], points: Float32Array, n: number, target: Float32Array): DensityFrames {
  const size = DENSITY_GRID, cells = size * size;
  const grids = new Float32Array((DENSITY_TIMES.length + 1) * cells);
  DENSITY_TIMES.forEach((t, k) => {
    // The snapshot nearest t (the preview's times include every DENSITY_TIMES entry; nearest guards against a change).
    let best = 0;
    times.forEach((s, i) => (Math.abs(s - t) < Math.abs(times[best] - t) ? (best = i) : 0));
    grids.set(kde2d(points.subarray(best * 2 * n, (best + 1) * 2 * n), VIEW_BOX, size).values, k * cells);
  });
  grids.set(kde2d(target, VIEW_BOX, size).values, DENSITY_TIMES.length * cells);
  return { times: [...DENSITY_TIMES], size, grids, n, nTarget: target.length / 2 };
}
