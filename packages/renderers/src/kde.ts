/**
 * A smooth 2D density of a point set on a regular grid: points binned onto the grid (linear binning), then a
 * separable Gaussian blur, normalised to a probability density (integrates to 1 over the box). What a kernel
 * density estimate with a Gaussian kernel gives, at a cost that does not grow with the points times the cells.
 */
import { contours } from 'd3-contour';
import type { Bounds } from '@flow-visualizer/core';

export interface DensityGrid {
  /** Cells per side; values row by row from the bottom-left (y up). */
  size: number;
  values: Float64Array;
  bounds: Bounds;
}

/** Kernel width, as a share of the box's side: ~0.1 data units on the default [-2.4, 2.4] box. */
export const KDE_BANDWIDTH = 0.022;

export function kde2d(points: Float32Array, b: Bounds, size: number, bandwidth = KDE_BANDWIDTH): DensityGrid {
  const grid = new Float64Array(size * size);
  const w = b.xmax - b.xmin, h = b.ymax - b.ymin;
  let n = 0;
  for (let i = 0; i + 1 < points.length; i += 2) {
    // Cell-centre coordinates: cell k covers [k, k+1), its centre at k + 0.5.
    const gx = ((points[i] - b.xmin) / w) * size - 0.5, gy = ((points[i + 1] - b.ymin) / h) * size - 0.5;
    if (!Number.isFinite(gx) || !Number.isFinite(gy)) continue;
    n++;
    const ix = Math.floor(gx), iy = Math.floor(gy), fx = gx - ix, fy = gy - iy;
    for (const [dx, dy, wgt] of [[0, 0, (1 - fx) * (1 - fy)], [1, 0, fx * (1 - fy)], [0, 1, (1 - fx) * fy], [1, 1, fx * fy]] as const) {
      const x = ix + dx, y = iy + dy;
      if (x >= 0 && x < size && y >= 0 && y < size) grid[y * size + x] += wgt;
    }
  }
  const sigma = bandwidth * size;
  blur(grid, size, sigma);
  const cellArea = (w / size) * (h / size);
  const k = n > 0 ? 1 / (n * cellArea) : 0;
  for (let i = 0; i < grid.length; i++) grid[i] *= k;
  return { size, values: grid, bounds: b };
}

function blur(grid: Float64Array, size: number, sigma: number): void {
  const r = Math.max(1, Math.ceil(3 * sigma));
  const kernel = new Float64Array(2 * r + 1);
  let s = 0;
  for (let i = -r; i <= r; i++) s += kernel[i + r] = Math.exp(-(i * i) / (2 * sigma * sigma));
  for (let i = 0; i < kernel.length; i++) kernel[i] /= s;
  const tmp = new Float64Array(grid.length);
  // Rows, then columns; mass that would leave the box is dropped (a density over the box shown).
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
    let acc = 0;
    for (let j = -r; j <= r; j++) { const xx = x + j; if (xx >= 0 && xx < size) acc += grid[y * size + xx] * kernel[j + r]; }
    tmp[y * size + x] = acc;
  }
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
    let acc = 0;
    for (let j = -r; j <= r; j++) { const yy = y + j; if (yy >= 0 && yy < size) acc += tmp[yy * size + x] * kernel[j + r]; }
    grid[y * size + x] = acc;
  }
}

/** One closed contour line in data units. */
export type Ring = [number, number][];

/** Iso-lines of a density grid at the given levels (d3-contour's marching squares), in data units. */
export function densityContours(d: DensityGrid, levels: readonly number[]): { level: number; rings: Ring[] }[] {
  const { size, bounds: b } = d;
  const gen = contours().size([size, size]).smooth(true);
  // d3-contour puts cell k's value at [k, k+1) in grid units; cell centres are at k + 0.5.
  const sx = (b.xmax - b.xmin) / size, sy = (b.ymax - b.ymin) / size;
  return levels.map((level) => {
    const mp = gen.contour(Array.from(d.values), level);
    const rings: Ring[] = [];
    for (const poly of mp.coordinates) for (const ring of poly) rings.push(ring.map(([gx, gy]) => [b.xmin + gx * sx, b.ymin + gy * sy]));
    return { level, rings };
  });
}
