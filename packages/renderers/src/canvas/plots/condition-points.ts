/**
 * Canvas pieces of a run with conditions: points splatted in the colour of their condition (one pass per class,
 * or per step of the continuous scale), and the legend that names the classes or shows the scale.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Bounds, ConditionFigures } from '@flow-visualizer/core';
import { theme } from '../../plot/theme.js';
import { rgbCss, type Rgb } from '../../plot/color.js';
import { classNames, classRgb, conditionDomain, conditionRamp } from '../../plot/conditions.js';
import { pointStyle, splatPoints } from '../../plot/splat.js';
import { drawColorbar } from '../figure.js';
import { font } from '../fonts.js';
import type { Rect } from '../layout.js';
import { formatTick } from '../ticks.js';

/** Steps of the continuous scale a canvas draws (one splat pass each): finer than the eye tells apart. */
export const CONTINUOUS_STEPS = 24;

export interface ColourGroup {
  color: Rgb;
  /** Indices of the points of this colour. */
  indices: number[];
}

/** The points' indices grouped by colour: by class, or by step of the continuous scale; non-finite values left out. */
export function colourGroups(values: ArrayLike<number>, cf: ConditionFigures, count = values.length): ColourGroup[] {
  const groups = new Map<number, ColourGroup>();
  const [lo, hi] = conditionDomain(cf);
  for (let i = 0; i < count; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    let key: number, color: () => Rgb;
    if (cf.kind === 'class') key = Math.round(v), color = () => classRgb(key);
    else {
      key = Math.min(CONTINUOUS_STEPS - 1, Math.max(0, Math.floor(((v - lo) / (hi - lo)) * CONTINUOUS_STEPS)));
      color = () => conditionRamp((key + 0.5) / CONTINUOUS_STEPS);
    }
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { color: color(), indices: [] }));
    g.indices.push(i);
  }
  return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, g]) => g);
}

/** The listed points, packed. */
export function pick(points: Float32Array, indices: readonly number[]): Float32Array {
  const out = new Float32Array(2 * indices.length);
  indices.forEach((i, k) => ((out[2 * k] = points[2 * i]), (out[2 * k + 1] = points[2 * i + 1])));
  return out;
}

/** Splats the points in their conditions' colours; the point size and opacity follow the whole set's count. */
export function splatByCondition(ctx: SKRSContext2D, rect: Rect, ratio: number, b: Bounds, points: Float32Array, values: ArrayLike<number>, cf: ConditionFigures, panel: number): void {
  const n = points.length >> 1;
  for (const g of colourGroups(values, cf, n)) {
    const style = pointStyle(g.color, n, panel);
    splatPoints(ctx, rect, ratio, b, pick(points, g.indices), { ...style, opacity: Math.min(0.85, style.opacity + 0.15) });
  }
}

/** Width of the legend column that fits the class names (about 6.6 px per character at the label size). */
export function conditionLegendWidth(cf: ConditionFigures): number | undefined {
  if (cf.kind !== 'class') return undefined;
  const longest = Math.max(cf.label.length, ...classNames(cf).map((n) => n.length + 2));
  return Math.max(84, Math.ceil(16 + 14 + longest * 6.6 + 8));
}

/** The legend in the figure's legend column: a swatch and name per class, or the continuous colour bar. */
export function drawConditionLegend(ctx: SKRSContext2D, rect: Rect, cf: ConditionFigures): void {
  if (cf.kind === 'continuous') {
    const [lo, hi] = conditionDomain(cf);
    drawColorbar(ctx, rect, cf.label, conditionRamp, [0, 0.5, 1].map((u) => ({ u, text: formatTick(lo + u * (hi - lo)) })));
    return;
  }
  ctx.save();
  ctx.font = font(theme.font.labelSize);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = theme.colors.subtleText;
  ctx.fillText(cf.label, rect.x, rect.y + 4);
  classNames(cf).forEach((name, k) => {
    const y = rect.y + 22 + 17 * k;
    ctx.fillStyle = rgbCss(classRgb(k));
    ctx.beginPath();
    ctx.arc(rect.x + 5, y, 4.5, 0, 2 * Math.PI);
    ctx.fill();
    ctx.fillStyle = theme.colors.subtleText;
    ctx.fillText(name, rect.x + 14, y);
  });
  ctx.restore();
}
