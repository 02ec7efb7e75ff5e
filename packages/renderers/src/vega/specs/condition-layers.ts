/**
 * Vega-Lite pieces of a run with conditions: points as rows that carry their condition (`c`: a class name or the
 * value), the colour encoding with its legend (classes in the theme's palette, or the continuous scale), and a
 * scatter layer coloured by it. Every conditional plot builds on these, so their legends read the same.
 */
import type { Bounds, ConditionFigures } from '@flow-visualizer/core';
import { theme } from '../../plot/theme.js';
import { classHex, classNames, conditionDomain } from '../../plot/conditions.js';
import { pointSize, round, xyEncoding, type SpecContext, type VlSpec } from './common.js';

export interface CondRow {
  x: number;
  y: number;
  /** The class's name, or the continuous value. */
  c: string | number;
}

/** Interleaved points with their conditions to rows (non-finite points left out), at most `limit`. */
export function condRows(points: Float32Array, values: Float32Array, cf: ConditionFigures, limit = Infinity): CondRow[] {
  const names = cf.kind === 'class' ? classNames(cf) : [];
  const rows: CondRow[] = [];
  for (let i = 0; i + 1 < points.length && rows.length < limit; i += 2) {
    const x = points[i], y = points[i + 1], v = values[i >> 1];
    if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(v)) continue;
    rows.push({ x: round(x), y: round(y), c: cf.kind === 'class' ? (names[Math.round(v)] ?? `class ${Math.round(v)}`) : round(v) });
  }
  return rows;
}

/** The colour encoding of field `c` (or `field`): the class palette with a symbol legend, or the continuous scale with a gradient. */
export function condColor(cf: ConditionFigures, opts: { legend?: boolean; field?: string; gradientLength?: number } = {}): VlSpec {
  const field = opts.field ?? 'c';
  if (cf.kind === 'class') {
    const names = classNames(cf);
    return {
      field, type: 'nominal', title: cf.label,
      scale: { domain: names, range: names.map((_, k) => classHex(k)) },
      legend: opts.legend === false ? null : { orient: 'right', symbolType: 'circle', symbolSize: 80 },
    };
  }
  const [lo, hi] = conditionDomain(cf);
  return {
    field, type: 'quantitative', title: cf.label,
    scale: { domain: [round(lo), round(hi)], range: [...theme.conditionStops], interpolate: 'rgb', clamp: true },
    legend: opts.legend === false ? null : { type: 'gradient', orient: 'right', gradientLength: opts.gradientLength ?? 160, tickCount: 5 },
  };
}

/** A scatter layer of a named dataset of CondRows, coloured by condition. */
export function condScatterLayer(b: Bounds, ctx: SpecContext, data: string, cf: ConditionFigures, opts: { legend?: boolean; opacity?: number } = {}): VlSpec {
  return {
    data: { name: data },
    mark: { type: 'circle', size: pointSize(ctx), opacity: opts.opacity ?? Math.min(0.8, theme.point.opacity + 0.15), clip: true },
    encoding: { ...xyEncoding(b), color: condColor(cf, { legend: opts.legend, gradientLength: Math.min(ctx.panel, 200) }) },
  };
}

/** Concatenated panels share one colour scale and one legend. */
export const SHARED_COLOR = { scale: { color: 'shared' }, legend: { color: 'shared' } } as const;

/** "w = 2" for subtitles; nothing for the plain conditional model (w = 1). */
export function guidanceNote(cf: ConditionFigures): string {
  return Number.isFinite(cf.guidance) && cf.guidance !== 1 ? `; sampled at guidance w = ${cf.guidance}` : '';
}
