/**
 * The particle-paths picture of plain and conditional runs alike: the faded target, one line per path coloured by
 * `color`, grey dots where the paths start, and dots where they end filled as their lines are. The end dots read
 * that colour from a field of their own (`dotField`): Vega-Lite merges the legends of channels that encode the same
 * field, and the dots' symbol legend would replace the lines'.
 */
import type { FlowResult } from '@flow-visualizer/core';
import { theme } from '../../plot/theme.js';
import { figure, scatterLayer, toRows, xyEncoding, type SpecContext, type VlSpec } from './common.js';

export interface PathsPicture {
  title: string;
  subtitle: string;
  /** Rows of every path (id, t, x, y, and the colour's field), the rows at t = 0, and those at t = 1 with `dotField`. */
  rows: unknown[];
  starts: unknown[];
  ends: unknown[];
  color: VlSpec;
  dotField: string;
}

/** The paths panel's side: larger than the other panels', so that the lines can be told apart. */
export function pathsPanelSize(ctx: SpecContext): number {
  return Math.round(ctx.panel * 1.6);
}

export function pathsFigure(result: FlowResult, ctx: SpecContext, p: PathsPicture): VlSpec {
  const b = result.bounds;
  const size = pathsPanelSize(ctx);
  const big = { ...ctx, panel: size };
  const xy = xyEncoding(b);
  const r = theme.point.radius * Math.sqrt(size / 320) * 1.3;
  return figure(
    p.title,
    p.subtitle,
    {
      width: size,
      height: size,
      layer: [
        scatterLayer(b, big, 'target', theme.colors.targetFaded, { opacity: theme.point.fadedOpacity }),
        { data: { name: 'paths' }, mark: { type: 'line', strokeWidth: 0.8, strokeOpacity: 0.6, clip: true }, encoding: { ...xy, detail: { field: 'id', type: 'nominal' }, order: { field: 't', type: 'quantitative' }, color: p.color } },
        { data: { name: 'starts' }, mark: { type: 'circle', size: Math.PI * r * r, color: '#777777', opacity: 0.7, clip: true }, encoding: xy },
        { data: { name: 'ends' }, mark: { type: 'circle', size: Math.PI * r * r * 1.6, opacity: 1, stroke: '#ffffff', strokeWidth: 0.4, clip: true }, encoding: { ...xy, fill: { ...p.color, field: p.dotField, legend: null } } },
      ],
    },
    { target: toRows(result.target, ctx.maxPoints), paths: p.rows, starts: p.starts, ends: p.ends },
  );
}
