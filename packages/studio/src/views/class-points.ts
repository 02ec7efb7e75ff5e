/**
 * Points coloured by their condition, as every picture of a conditional run colours them: class k in
 * theme.classColors[k], a continuous value on the theme's condition ramp over the target's span.
 */
import { classRgb, conditionRamp, pointStyle, splatPoints, type Rect, type Rgb } from '@flow-visualizer/renderers/plot';
import { VIEW_BOX } from '../config/view-box.js';

/** A colour per point: by class, or by place in [lo, hi] for a continuous value. */
export interface ConditionColours {
  /** Per point its class id or value. */
  of: ArrayLike<number>;
  kind: 'class' | 'continuous';
  /** A continuous value's span (the target's). */
  span?: [number, number];
}

/** Splats `points` (n×2) in the colour of each point's condition: one splat per class, or per tenth of the span. */
export function splatByCondition(g: CanvasRenderingContext2D, rect: Rect, ratio: number, points: Float32Array, c: ConditionColours, panel: number, faded = false): void {
  const n = Math.min(points.length >> 1, c.of.length);
  const groups = new Map<number, number[]>();
  const [lo, hi] = c.span ?? [0, 1];
  for (let i = 0; i < n; i++) {
    const v = c.of[i];
    if (!Number.isFinite(v)) continue;
    const key = c.kind === 'class' ? Math.round(v) : Math.min(9, Math.max(0, Math.floor(((v - lo) / (hi - lo || 1)) * 10)));
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(points[2 * i], points[2 * i + 1]);
  }
  for (const [key, list] of groups) {
    const colour: Rgb = c.kind === 'class' ? classRgb(key) : conditionRamp((key + 0.5) / 10);
    // The style of all n points (their crowding), so that classes look as the one-colour picture does.
    splatPoints(g, rect, ratio, VIEW_BOX, Float32Array.from(list), pointStyle(colour, n, panel, faded));
  }
}

/** The span of a continuous condition: the values' own range (a single value ±1). */
export function spanOf(values: ArrayLike<number>): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) (lo = Math.min(lo, values[i])), (hi = Math.max(hi, values[i]));
  return lo < hi ? [lo, hi] : Number.isFinite(lo) ? [lo - 1, lo + 1] : [0, 1];
}
