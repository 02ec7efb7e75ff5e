/**
 * A Gaussian kernel density estimate on a regular grid, fast enough for every frame of an animation: the points
 * are binned onto the grid (each split bilinearly over its four nearest nodes), then the grid is blurred with
 * the Gaussian kernel along x and then y (separable). O(n + G²·k) rather than O(n·G²).
 */
import type { Bounds } from '@flow-visualizer/core';

// Module-scope aliases: hot loops run several times slower in a VM context (Jest) when they read `Math` globally.
const { ceil, exp, floor, max, min, sqrt } = Math;

export interface DensityGrid {
  /** size×size values, row by row from the bottom (row 0 at b.ymin), at the nodes (cell corners). */
  values: Float64Array;
  size: number;
  bounds: Bounds;
  /** Largest value. */
  max: number;
}

/**
 * Scott's rule for 2D, n^(−1/6) times the mean standard deviation of the two axes, times `factor`: Scott's rule
 * assumes one Gaussian bump and blurs a shape like the T-Rex into a blob; 0.7 of it keeps the legs apart while
 * the contours of 2,000 points of noise stay smooth.
 */
export function kdeBandwidth(points: Float32Array, factor = 0.7): number {
  const n = points.length >> 1;
  if (n < 2) return 0.1;
  let sx = 0, sy = 0, sxx = 0, syy = 0, m = 0;
  for (let i = 0; i < n; i++) {
    const x = points[2 * i], y = points[2 * i + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    sx += x; sy += y; sxx += x * x; syy += y * y; m++;
  }
  if (m < 2) return 0.1;
  const vx = sxx / m - (sx / m) ** 2, vy = syy / m - (sy / m) ** 2;
  const sd = (sqrt(max(0, vx)) + sqrt(max(0, vy))) / 2;
  return max(1e-3, factor * sd * m ** (-1 / 6));
}

/** The density of `points` (n×2 interleaved) on a size×size grid over `b`, with kernel width `h` (data units). */
export function kdeGrid(points: Float32Array, b: Bounds, size: number, h: number): DensityGrid {
  const g = new Float64Array(size * size);
  const cx = (size - 1) / (b.xmax - b.xmin), cy = (size - 1) / (b.ymax - b.ymin);
  for (let i = 0; i + 1 < points.length; i += 2) {
    const gx = (points[i] - b.xmin) * cx, gy = (points[i + 1] - b.ymin) * cy;
    if (!(gx >= 0 && gy >= 0 && gx <= size - 1 && gy <= size - 1)) continue; // also skips NaN
    const x0 = min(size - 2, floor(gx)), y0 = min(size - 2, floor(gy));
    const fx = gx - x0, fy = gy - y0;
    const k = y0 * size + x0;
    g[k] += (1 - fx) * (1 - fy);
    g[k + 1] += fx * (1 - fy);
    g[k + size] += (1 - fx) * fy;
    g[k + size + 1] += fx * fy;
  }
  // The kernel in cells (one per axis: the box may be wider than tall).
  const blur = (sigmaCells: number, alongX: boolean) => {
    const r = max(1, ceil(3 * sigmaCells));
    const w = new Float64Array(2 * r + 1);
    for (let j = -r; j <= r; j++) w[j + r] = exp(-0.5 * (j / max(1e-6, sigmaCells)) ** 2);
    const out = new Float64Array(size * size);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        let s = 0;
        for (let j = -r; j <= r; j++) {
          const xx = alongX ? x + j : x, yy = alongX ? y : y + j;
          if (xx < 0 || yy < 0 || xx >= size || yy >= size) continue;
          s += w[j + r] * g[yy * size + xx];
        }
        out[y * size + x] = s;
      }
    }
    g.set(out);
  };
  blur(h * cx, true);
  blur(h * cy, false);
  let top = 0;
  for (let i = 0; i < g.length; i++) if (g[i] > top) top = g[i];
  return { values: g, size, bounds: b, max: top };
}
