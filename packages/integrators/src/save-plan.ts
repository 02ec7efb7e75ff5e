import { FvError, type IntegrateOptions } from '@flow-visualizer/core';

/** One requested snapshot: where it goes in the output, its time, and how to reach it from the step grid. */
export interface PlannedSave {
  /** Position in `saveAt` (snapshots come back in the order asked). */
  index: number;
  t: number;
  /** Grid index of the last grid state at or before t. */
  k: number;
  /** True when t falls on the grid (within rounding): the snapshot is the grid state itself, no extra work. */
  onGrid: boolean;
}

export interface Span {
  t0: number;
  t1: number;
  steps: number;
}

/** Validates the common options (steps, t0, t1, x0) and returns the span. */
export function checkOptions(x0: Float32Array, options: IntegrateOptions, who: string): Span {
  const steps = options.steps;
  if (!Number.isInteger(steps) || steps < 1) {
    throw new FvError('USAGE', `${who}: steps must be a positive integer, got ${steps}.`, { hint: 'Set visualization.n_sampling_steps to 1 or more.' });
  }
  if (x0.length % 2 !== 0) throw new FvError('DATA_INVALID', `${who}: x0 must hold n×2 coordinates, got ${x0.length} numbers.`);
  const t0 = options.t0 ?? 0, t1 = options.t1 ?? 1;
  if (!Number.isFinite(t0) || !Number.isFinite(t1) || t0 === t1) {
    throw new FvError('USAGE', `${who}: t0 and t1 must be finite and different, got ${t0} and ${t1}.`);
  }
  return { t0, t1, steps };
}

/** Relative tolerance (in units of one step) below which a save time counts as on the grid. */
const GRID_EPS = 1e-7;

/**
 * Maps each requested save time onto the fixed grid t_k = t0 + (t1 - t0) k / steps. A time within rounding of
 * a grid point is taken from that grid state; any other gets a partial step from the grid state before it, so
 * that the snapshot is a true solution at t and not the nearest grid state.
 */
export function planSaves(saveAt: readonly number[] | undefined, span: Span, who: string): PlannedSave[] {
  const { t0, t1, steps } = span;
  const lo = Math.min(t0, t1), hi = Math.max(t0, t1);
  const tol = (hi - lo) * 1e-9;
  return (saveAt ?? []).map((t, index) => {
    if (!Number.isFinite(t) || t < lo - tol || t > hi + tol) {
      throw new FvError('USAGE', `${who}: save time ${t} lies outside [${lo}, ${hi}].`, { hint: 'Ask for snapshot times within the integration span.' });
    }
    const u = ((t - t0) / (t1 - t0)) * steps;
    const r = Math.round(u);
    if (Math.abs(u - r) <= GRID_EPS * Math.max(1, steps)) return { index, t, k: Math.min(Math.max(r, 0), steps), onGrid: true };
    return { index, t, k: Math.min(Math.max(Math.floor(u), 0), steps - 1), onGrid: false };
  });
}

/** Copies a state held in float64 into a new Float32Array (a snapshot or the result). */
export function toFloat32(y: Float64Array): Float32Array {
  return Float32Array.from(y);
}

/** Calls the field and checks the shape of what comes back (a wrong-sized answer is a bug in the model). */
export async function evaluate(field: (x: Float32Array, t: number) => Promise<Float32Array>, x: Float32Array, t: number, who: string): Promise<Float32Array> {
  const v = await field(x, t);
  if (!v || v.length !== x.length) {
    throw new FvError('INTERNAL', `${who}: the velocity field returned ${v?.length ?? 'nothing'} numbers for ${x.length} coordinates.`);
  }
  return v;
}
