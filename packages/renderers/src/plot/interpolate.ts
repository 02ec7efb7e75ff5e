/**
 * Moving pictures between stored snapshots: which two snapshots bracket a time, and points between them. Points
 * are flat [x0, y0, x1, y1, …] lists; null marks a coordinate that was not finite (JSON has no NaN) and is skipped.
 */

/** The neighbouring samples of an ascending list of times around `t`, and the weight of the later one. */
export function bracket(times: readonly number[], t: number): { lo: number; hi: number; w: number } {
  let hi = 0;
  while (hi < times.length - 1 && times[hi] < t) hi++;
  const lo = hi > 0 && times[hi] > t ? hi - 1 : hi;
  const span = times[hi] - times[lo];
  return { lo, hi, w: span > 0 ? Math.min(1, Math.max(0, (t - times[lo]) / span)) : 0 };
}

export interface XY {
  x: number;
  y: number;
}

/** Point by point a + (c − a)·w, as {x, y} rows (the shape Vega's data takes). */
export function lerpPoints(a: ArrayLike<number | null>, c: ArrayLike<number | null>, w: number): XY[] {
  const out: XY[] = [];
  for (let i = 0; i + 1 < a.length; i += 2) {
    const ax = a[i], ay = a[i + 1], cx = c[i], cy = c[i + 1];
    if (ax === null || ay === null || cx === null || cy === null) continue;
    out.push({ x: ax + (cx - ax) * w, y: ay + (cy - ay) * w });
  }
  return out;
}

/** A flat list as {x, y} rows, skipping non-finite pairs. */
export function pointRows(flat: ArrayLike<number | null>): XY[] {
  return lerpPoints(flat, flat, 0);
}

/**
 * lerpPoints with each row's condition (`values[i]` for point i, a class name or a value) as field `c`: a
 * conditional run's live view colours the points by it. Rows of points with a missing position are left out.
 */
export function lerpPointsWith(a: ArrayLike<number | null>, c: ArrayLike<number | null>, w: number, values: ArrayLike<string | number | null>): (XY & { c: string | number | null })[] {
  const out: (XY & { c: string | number | null })[] = [];
  for (let i = 0; i + 1 < a.length; i += 2) {
    const ax = a[i], ay = a[i + 1], cx = c[i], cy = c[i + 1];
    if (ax === null || ay === null || cx === null || cy === null) continue;
    out.push({ x: ax + (cx - ax) * w, y: ay + (cy - ay) * w, c: values[i >> 1] ?? null });
  }
  return out;
}
