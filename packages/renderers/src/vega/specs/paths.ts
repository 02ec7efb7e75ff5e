/**
 * Particle paths: a few hundred generated points followed from noise (t = 0) to data (t = 1) through every
 * saved frame, as lines coloured by where they end, over the faded target. The trajectory plot shows where the
 * cloud is at a few times; this one shows which way each point went.
 */
import { pointCount, type FlowResult } from '@flow-visualizer/core';
import { round, type SpecContext, type VlSpec } from './common.js';
import { classNames, conditionNote } from '../../plot/conditions.js';
import { condColor, guidanceNote } from './condition-layers.js';
import { pathsFigure, pathsPanelSize } from './paths-figure.js';

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
  // The end dots' own field name (see paths-figure.ts).
  const ends = rows.filter((r) => r.t === 1).map((r) => ({ ...r, end_dot: r.end }));
  const starts = rows.filter((r) => r.t === 0);
  const size = pathsPanelSize(ctx);
  const color = {
    field: 'end',
    type: 'quantitative',
    title: 'x at t = 1',
    // The span of the end points: the colours spread over the shape, not over the empty margin of the box.
    scale: { scheme: 'turbo', domain: endDomain(ends, b), clamp: true },
    legend: { type: 'gradient', orient: 'right', gradientLength: Math.min(size, 220), tickCount: 5 },
  };
  return pathsFigure(result, ctx, {
    title: `Particle paths: ${ends.length} points carried from noise (t = 0) to data (t = 1)`,
    subtitle: `one line per point, ${result.frames.length} time steps; colour: where it ends; grey dots: starts`,
    rows,
    starts,
    ends,
    color,
    dotField: 'end_dot',
  });
}

function endDomain(ends: readonly PathRow[], b: { xmin: number; xmax: number }): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const r of ends) lo = Math.min(lo, r.end), hi = Math.max(hi, r.end);
  return lo < hi ? [round(lo), round(hi)] : [round(b.xmin), round(b.xmax)];
}

/** A run with conditions: each path in the colour of the condition it was sampled with (ids index result.generated's order). */
function conditionalPaths(result: FlowResult, ctx: SpecContext, plain: PathRow[]): VlSpec {
  const cf = result.conditions!;
  const names = classNames(cf);
  const cOf = (id: number) => {
    const v = cf.generated[id];
    return cf.kind === 'class' ? (names[Math.round(v)] ?? `class ${Math.round(v)}`) : round(v);
  };
  const rows = plain.filter((r) => Number.isFinite(cf.generated[r.id])).map((r) => ({ ...r, c: cOf(r.id) }));
  // The end dots' own field name (see paths-figure.ts).
  const ends = rows.filter((r) => r.t === 1).map((r) => ({ ...r, c_dot: r.c }));
  const starts = rows.filter((r) => r.t === 0);
  return pathsFigure(result, ctx, {
    title: `Particle paths: ${ends.length} points carried from noise (t = 0) to data (t = 1), by condition`,
    subtitle: `one line per point, ${result.frames.length} time steps; grey dots: starts; ${conditionNote(cf)}${guidanceNote(cf)}`,
    rows,
    starts,
    ends,
    color: condColor(cf, { gradientLength: Math.min(pathsPanelSize(ctx), 220) }),
    dotField: 'c_dot',
  });
}
