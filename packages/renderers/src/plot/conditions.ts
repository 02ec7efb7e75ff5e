/**
 * Colours of a run with conditions (FlowResult.conditions), shared by every renderer: class k takes
 * theme.classColors[k mod 10]; a continuous condition maps through theme.conditionStops over the span of the
 * target's values (the data's range, so the asked values of generated points read on the same legend).
 */
import type { ConditionFigures } from '@flow-visualizer/core';
import { theme } from './theme.js';
import { hexToRgb, mix, type Rgb } from './color.js';

const CLASS_RGB = theme.classColors.map(hexToRgb);
const STOPS = theme.conditionStops.map(hexToRgb);

/** Number of classes: the names given, or one more than the largest label seen. */
export function classCount(c: ConditionFigures): number {
  if (c.names?.length) return c.names.length;
  let k = 0;
  for (const v of c.target) if (Number.isFinite(v)) k = Math.max(k, Math.round(v) + 1);
  for (const v of c.generated) if (Number.isFinite(v)) k = Math.max(k, Math.round(v) + 1);
  return k;
}

/** Class names for legends: the run's, or "class k". */
export function classNames(c: ConditionFigures): string[] {
  return Array.from({ length: classCount(c) }, (_, k) => c.names?.[k] ?? `class ${k}`);
}

export function classHex(k: number): string {
  return theme.classColors[((Math.round(k) % theme.classColors.length) + theme.classColors.length) % theme.classColors.length];
}

export function classRgb(k: number): Rgb {
  return CLASS_RGB[((Math.round(k) % CLASS_RGB.length) + CLASS_RGB.length) % CLASS_RGB.length];
}

/** The span a continuous condition's colour scale covers: the target's values (or the generated ones' when the target has none). */
export function conditionDomain(c: ConditionFigures): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const set of [c.target, c.generated]) {
    for (const v of set) if (Number.isFinite(v)) lo = Math.min(lo, v), hi = Math.max(hi, v);
    if (lo < hi) break;
  }
  return lo < hi ? [lo, hi] : lo === hi && Number.isFinite(lo) ? [lo - 1, lo + 1] : [0, 1];
}

/** The continuous scale at u ∈ [0, 1] (clamped): linear steps between the theme's stops. */
export function conditionRamp(u: number): Rgb {
  const x = Math.min(1, Math.max(0, Number.isFinite(u) ? u : 0)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const c = mix(STOPS[i], STOPS[i + 1], x - i);
  return [Math.round(c[0]), Math.round(c[1]), Math.round(c[2])];
}

/** The colour of one condition value: its class's, or its place on the continuous scale. */
export function conditionColorOf(c: ConditionFigures): (value: number) => Rgb {
  if (c.kind === 'class') return classRgb;
  const [lo, hi] = conditionDomain(c);
  return (v) => conditionRamp((v - lo) / (hi - lo));
}

/** "class: moon 0, moon 1" / "target x from −1 to 2": what the colours mean, for subtitles. */
export function conditionNote(c: ConditionFigures): string {
  if (c.kind === 'class') return `colour: ${c.label} (${classNames(c).join(', ')})`;
  const [lo, hi] = conditionDomain(c);
  return `colour: ${c.label} (${fmt(lo)} to ${fmt(hi)})`;
}

function fmt(v: number): string {
  return String(Number(v.toPrecision(3)));
}
