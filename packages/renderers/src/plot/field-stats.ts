import type { Bounds, FieldSnapshot } from '@flow-visualizer/core';

/**
 * Largest finite |v| over some fields (0 when none).
 */
export function maxSpeed(fields: readonly FieldSnapshot[]): number {
  let m = 0;
  for (const f of fields) for (let i = 0; i + 1 < f.velocity.length; i += 2) {
    const s = Math.hypot(f.velocity[i], f.velocity[i + 1]);
    if (Number.isFinite(s) && s > m) m = s;
  }
  return m;
}

/** Share of the speeds in the data's region below the reference speed: faster arrows are drawn at its length. */
export const SPEED_PERCENTILE = 0.95;

export interface SpeedScale {
  /** Speed drawn at full arrow length and at the top of the colour scale; faster arrows are capped there. */
  vref: number;
  /** True when some arrow is faster than vref (the legend then reads "≥ vref" at its top). */
  clipped: boolean;
}

/**
 * The speed every renderer scales arrows by: the 95th percentile of |v| over the grid points in the data's
 * region (cells holding a target point, and their neighbours), over all field times. The field far from the
 * data (an empty corner at t → 1) is fast and says little; scaling by it shrank the arrows inside the shape
 * to dots. Without target points, all grid points count.
 */
export function speedScale(fields: readonly FieldSnapshot[], target: Float32Array, b: Bounds): SpeedScale {
  if (!fields.length) return { vref: 0, clipped: false };
  const grid = fields[0].grid;
  const n = grid.length >> 1;
  const size = Math.round(Math.sqrt(n)) || 1;
  const inRegion = regionMask(target, b, size);
  const speeds: number[] = [];
  let max = 0;
  for (const f of fields) for (let k = 0; k < n; k++) {
    const s = Math.hypot(f.velocity[2 * k], f.velocity[2 * k + 1]);
    if (!Number.isFinite(s)) continue;
    if (s > max) max = s;
    if (!inRegion || inRegion[k]) speeds.push(s);
  }
  if (!speeds.length) return { vref: max, clipped: false };
  speeds.sort((a, c) => a - c);
  const vref = speeds[Math.floor(SPEED_PERCENTILE * (speeds.length - 1))] || max;
  return { vref, clipped: max > vref * (1 + 1e-9) };
}

/** Cells (row by row from the bottom-left, as core's gridPoints) that hold a target point or touch one; null when none do. */
function regionMask(target: Float32Array, b: Bounds, size: number): Uint8Array | null {
  const hit = new Uint8Array(size * size);
  const sx = size / (b.xmax - b.xmin), sy = size / (b.ymax - b.ymin);
  let any = false;
  for (let i = 0; i + 1 < target.length; i += 2) {
    const ix = Math.floor((target[i] - b.xmin) * sx), iy = Math.floor((target[i + 1] - b.ymin) * sy);
    if (ix >= 0 && ix < size && iy >= 0 && iy < size) hit[iy * size + ix] = 1, (any = true);
  }
  if (!any) return null;
  const mask = new Uint8Array(size * size);
  for (let iy = 0; iy < size; iy++) for (let ix = 0; ix < size; ix++) {
    if (!hit[iy * size + ix]) continue;
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
      const x = ix + dx, y = iy + dy;
      if (x >= 0 && x < size && y >= 0 && y < size) mask[y * size + x] = 1;
    }
  }
  return mask;
}

/** A speed as legends print it (3 significant digits at most). */
export function formatSpeed(v: number): string {
  return String(Number(v.toPrecision(v >= 10 ? 3 : 2)));
}
