/**
 * Particle paths: a few hundred generated points followed from noise (t = 0) to data (t = 1) through every
 * saved frame, as lines coloured by where they end, over the faded target. The trajectory plot shows where the
 * cloud is at a few times; this one shows which way each point went.
 */
import { pointCount, type FlowResult } from '@flow-visualizer/core';
import { theme } from '../../plot/theme.js';
import { figure, round, scatterLayer, toRows, xyEncoding, type SpecContext, type VlSpec } from './common.js';
import { classNames, conditionNote } from '../../plot/conditions.js';
import { condColor, guidanceNote } from './condition-layers.js';

/** Points whose paths are drawn by default: enough to see the flow, few enough to tell lines apart. */
export const DEFAULT_PATHS = 300;

export interface PathRow {
  id: number;
  t: number;
  x: number;
  y: number;
  /** x at t = 1: the colour of the path. */
  end: number;
}

/** Rows of the first `count` points' paths through the frames (sorted by t); a path with a non-finite point is left out. */
export function pathRows(result: FlowResult, count: number): PathRow[] {
  const frames = [...result.frames].sort((a, b) => a.t - b.t);
  if (frames.length < 2) return [];
  const n = Math.min(count, ...frames.map((f) => pointCount(f.x)));
  const last = frames[frames.length - 1].x;
  const rows: PathRow[] = [];
  for (let i = 0; i < n; i++) {
    const path: PathRow[] = [];
    for (const f of frames) {
      const x = f.x[2 * i], y = f.x[2 * i + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) break;
      path.push({ id: i, t: round(f.t), x: round(x), y: round(y), end: round(last[2 * i]) });
    }
    if (path.length === frames.length) rows.push(...path);
  }
  return rows;
}

export function pathsSpec(result: FlowResult, ctx: SpecContext & { count?: number }): VlSpec {
  const b = result.bounds;
  const rows = pathRows(result, ctx.count ?? DEFAULT_PATHS);
  if (result.conditions) return conditionalPaths(result, ctx, rows);
  // Their own field name: Vega-Lite merges the legends of channels that encode the same field (and the dots'
  // symbol legend would replace the lines' gradient).
  const ends = rows.filter((r) => r.t === 1).map((r) => ({ ...r, end_dot: r.end }));
  const starts = rows.filter((r) => r.t === 0);
  const size = Math.round(ctx.panel * 1.6);
  const big = { ...ctx, panel: size };
  const xy = xyEncoding(b);
  const color = {
    field: 'end',
    type: 'quantitative',
    title: 'x at t = 1',
    // The span of the end points: the colours spread over the shape, not over the empty margin of the box.
    scale: { scheme: 'turbo', domain: endDomain(ends, b), clamp: true },
    legend: { type: 'gradient', orient: 'right', gradientLength: Math.min(size, 220), tickCount: 5 },
  };
  const r = theme.point.radius * Math.sqrt(size / 320) * 1.3;
  return figure(
    `Particle paths: ${ends.length} points carried from noise (t = 0) to data (t = 1)`,
    `one line per point, ${result.frames.length} time steps; colour: where it ends; grey dots: starts`,
    {
      width: size,
      height: size,
      layer: [
        scatterLayer(b, big, 'target', theme.colors.targetFaded, { opacity: theme.point.fadedOpacity }),
        { data: { name: 'paths' }, mark: { type: 'line', strokeWidth: 0.8, strokeOpacity: 0.6, clip: true }, encoding: { ...xy, detail: { field: 'id', type: 'nominal' }, order: { field: 't', type: 'quantitative' }, color } },
        { data: { name: 'starts' }, mark: { type: 'circle', size: Math.PI * r * r, color: '#777777', opacity: 0.7, clip: true }, encoding: xy },
        { data: { name: 'ends' }, mark: { type: 'circle', size: Math.PI * r * r * 1.6, opacity: 1, stroke: '#ffffff', strokeWidth: 0.4, clip: true }, encoding: { ...xy, fill: { ...color, field: 'end_dot', legend: null } } },
      ],
    },
    { target: toRows(result.target, ctx.maxPoints), paths: rows, starts, ends },
  );
}

function endDomain(ends: readonly PathRow[], b: { xmin: number; xmax: number }): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const r of ends) lo = Math.min(lo, r.end), hi = Math.max(hi, r.end);
  return lo < hi ? [round(lo), round(hi)] : [round(b.xmin), round(b.xmax)];
}

/** A run with conditions: each path in the colour of the condition it was sampled with (ids index result.generated's order). */
function conditionalPaths(result: FlowResult, ctx: SpecContext, plain: PathRow[]): VlSpec {
  const b = result.bounds, cf = result.conditions!;
  const names = classNames(cf);
  const cOf = (id: number) => {
    const v = cf.generated[id];
    return cf.kind === 'class' ? (names[Math.round(v)] ?? `class ${Math.round(v)}`) : round(v);
  };
  const rows = plain.filter((r) => Number.isFinite(cf.generated[r.id])).map((r) => ({ ...r, c: cOf(r.id) }));
  // The end dots' own field name: Vega-Lite would merge their legend into the lines'.
  const ends = rows.filter((r) => r.t === 1).map((r) => ({ ...r, c_dot: r.c }));
  const starts = rows.filter((r) => r.t === 0);
  const size = Math.round(ctx.panel * 1.6);
  const big = { ...ctx, panel: size };
  const xy = xyEncoding(b);
  const color = condColor(cf, { gradientLength: Math.min(size, 220) });
  const r = theme.point.radius * Math.sqrt(size / 320) * 1.3;
  return figure(
    `Particle paths: ${ends.length} points carried from noise (t = 0) to data (t = 1), by condition`,
    `one line per point, ${result.frames.length} time steps; grey dots: starts; ${conditionNote(cf)}${guidanceNote(cf)}`,
    {
      width: size,
      height: size,
      layer: [
        scatterLayer(b, big, 'target', theme.colors.targetFaded, { opacity: theme.point.fadedOpacity }),
        { data: { name: 'paths' }, mark: { type: 'line', strokeWidth: 0.8, strokeOpacity: 0.6, clip: true }, encoding: { ...xy, detail: { field: 'id', type: 'nominal' }, order: { field: 't', type: 'quantitative' }, color } },
        { data: { name: 'starts' }, mark: { type: 'circle', size: Math.PI * r * r, color: '#777777', opacity: 0.7, clip: true }, encoding: xy },
        { data: { name: 'ends' }, mark: { type: 'circle', size: Math.PI * r * r * 1.6, opacity: 1, stroke: '#ffffff', strokeWidth: 0.4, clip: true }, encoding: { ...xy, fill: { ...color, field: 'c_dot', legend: null } } },
      ],
    },
    { target: toRows(result.target, ctx.maxPoints), paths: rows, starts, ends },
  );
}
