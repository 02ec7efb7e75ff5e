export { maxSpeed } from '../plot/field-stats.js';
/**
 * The learned field at any time t on a grid: from `result.velocity` when the run carries the model, otherwise
 * interpolated linearly in t between the two nearest `result.fields` snapshots (then on their grid).
 */
import { gridPoints, type Bounds, type FieldSnapshot, type FlowResult } from '@flow-visualizer/core';

export interface FieldSampler {
  /** The field at t: positions and velocities, n×2 interleaved. */
  at(t: number): Promise<FieldSnapshot>;
  /** Arrows per side of the grid used. */
  size: number;
}

export function fieldSampler(result: FlowResult, size: number): FieldSampler | null {
  const velocity = result.velocity;
  if (velocity) {
    const grid = gridPoints(result.bounds, size);
    // Copy: a field may return a reused buffer.
    return { size, at: async (t) => ({ t, grid, velocity: Float32Array.from(await velocity(grid, t)) }) };
  }
  const fields = [...result.fields].sort((a, b) => a.t - b.t);
  if (!fields.length) return null;
  return { size: gridSize(fields[0]), at: async (t) => interpolateFields(fields, t) };
}

/** Arrows per side of a field's square grid. */
export function gridSize(f: FieldSnapshot): number {
  return Math.round(Math.sqrt(f.grid.length / 2));
}

/** Linear in t between the snapshots around t (the nearest one outside their range). Sorted input. */
export function interpolateFields(fields: readonly FieldSnapshot[], t: number): FieldSnapshot {
  let hi = fields.findIndex((f) => f.t >= t);
  if (hi < 0) hi = fields.length - 1;
  const lo = Math.max(0, fields[hi].t > t ? hi - 1 : hi);
  const a = fields[lo], b = fields[hi];
  if (a === b || b.t === a.t || a.grid.length !== b.grid.length) return { t, grid: b.grid, velocity: b.velocity };
  const w = Math.min(1, Math.max(0, (t - a.t) / (b.t - a.t)));
  const v = new Float32Array(a.velocity.length);
  for (let i = 0; i < v.length; i++) v[i] = a.velocity[i] + (b.velocity[i] - a.velocity[i]) * w;
  return { t, grid: a.grid, velocity: v };
}


/** Grid spacing of a size² grid of cell centres over the box. */
export function cellSize(b: Bounds, size: number): number {
  return (b.xmax - b.xmin) / Math.max(1, size);
}
