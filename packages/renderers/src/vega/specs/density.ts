/**
 * The probability path p_t: a smooth density (kernel density estimate on a fine grid) of the generated points
 * at each trajectory time, beside the target's, with iso-lines, on one linear colour scale shared by every panel
 * and labelled in the legend. Low densities stay white, so the picture is the data, not a dark background.
 */
import { pointCount, type Bounds, type FlowResult } from '@flow-visualizer/core';
import { theme } from '../../plot/theme.js';
import { densityContours, kde2d, type DensityGrid } from '../../kde.js';
import { defaultColumns, figure, formatT, panelTitle, round, xyEncoding, type SpecContext, type VlSpec } from './common.js';
import { classDensitySpec } from './class-density.js';

export interface Cell {
  x: number;
  y: number;
  x2: number;
  y2: number;
  /** Probability density (per unit area), capped at the colour scale's top. */
  density: number;
}

/** Share of the scale's top below which a cell is left white. */
const WHITE_BELOW = 0.03;

/** Cells of a density grid at or above `floor`, densities capped at `top`. */
export function densityCells(d: DensityGrid, top: number, floor: number): Cell[] {
  const { size, bounds: b } = d;
  const wx = (b.xmax - b.xmin) / size, wy = (b.ymax - b.ymin) / size;
  const out: Cell[] = [];
  for (let iy = 0; iy < size; iy++) for (let ix = 0; ix < size; ix++) {
    const v = d.values[iy * size + ix];
    if (!(v >= floor)) continue;
    out.push({ x: round(b.xmin + ix * wx), x2: round(b.xmin + (ix + 1) * wx), y: round(b.ymin + iy * wy), y2: round(b.ymin + (iy + 1) * wy), density: round(Math.min(v, top)) });
  }
  return out;
}

/** The top of a shared colour scale: the 99.5th percentile of all non-negligible cells (a few peaks do not wash out the rest). */
export function scaleTop(grids: readonly DensityGrid[]): { top: number; clipped: boolean } {
  let max = 0;
  for (const g of grids) for (const v of g.values) max = Math.max(max, v);
  const vals: number[] = [];
  for (const g of grids) for (const v of g.values) if (v > 0.01 * max) vals.push(v);
  vals.sort((a, c) => a - c);
  const top = vals.length ? vals[Math.floor(0.995 * (vals.length - 1))] : 1;
  return { top: top || 1, clipped: max > top * 1.001 };
}

export function densitySpec(result: FlowResult, ctx: SpecContext & { bins?: number }): VlSpec {
  const b = result.bounds;
  const size = ctx.bins ?? 64;
  const sets: { title: string; points: Float32Array }[] = [
    { title: 'Target', points: result.target },
    ...result.trajectory.map((s) => ({ title: `t = ${formatT(s.t)}`, points: s.x })),
  ];
  // Classes: each class's density as contours in its colour, over all points' density in grey.
  if (result.conditions?.kind === 'class') return classDensitySpec(result, ctx, sets, size);
  const grids = sets.map((s) => kde2d(s.points, b, size));
  const { top, clipped } = scaleTop(grids);
  const levels = [0.2, 0.4, 0.6, 0.8].map((u) => u * top);
  const datasets: Record<string, unknown[]> = {};
  const color = {
    field: 'density',
    type: 'quantitative',
    title: 'density',
    // White at 0 (an explicit range: the 'blues' scheme starts at a light blue, which made a hard edge where cells stop).
    scale: { range: ['#ffffff', '#c6dbef', '#6baed6', '#2171b5', '#08306b'], interpolate: 'rgb', domain: [0, round(top)], clamp: true },
    legend: {
      orient: 'right', gradientLength: Math.min(ctx.panel, 200), values: [0, round(top / 2), round(top)],
      labelExpr: `datum.value >= ${round(top)} ? '${clipped ? '≥ ' : ''}${fmt(top)}' : format(datum.value, '.2~f')`,
    },
  };
  const panels = sets.map((s, i) => {
    datasets[`cells${i}`] = densityCells(grids[i], top, WHITE_BELOW * top);
    datasets[`lines${i}`] = contourRows(grids[i], levels);
    return {
      title: panelTitle(`${s.title} (${pointCount(s.points)} points)`),
      width: ctx.panel,
      height: ctx.panel,
      layer: [
        { data: { name: `cells${i}` }, mark: { type: 'rect', clip: true }, encoding: { ...noGrid(xyEncoding(b)), x2: { field: 'x2' }, y2: { field: 'y2' }, color } },
        { data: { name: `lines${i}` }, mark: { type: 'line', color: '#08306b', strokeWidth: 0.7, opacity: 0.65, clip: true }, encoding: { ...noGrid(xyEncoding(b)), detail: { field: 'ring', type: 'nominal' }, order: { field: 'k', type: 'quantitative' } } },
      ],
    };
  });
  return figure(
    'Density over time: the probability path p_t, from noise to data',
    `kernel density of the points on a ${size}×${size} grid; lines at 20/40/60/80% of the colour scale's top; same linear scale on every panel`,
    { concat: panels, columns: defaultColumns(panels.length), resolve: { scale: { color: 'shared' }, legend: { color: 'shared' } } },
    datasets,
  );
}

export function contourRows(d: DensityGrid, levels: number[]): { ring: string; k: number; x: number; y: number }[] {
  const rows: { ring: string; k: number; x: number; y: number }[] = [];
  densityContours(d, levels).forEach(({ rings }, li) => rings.forEach((ring, ri) => ring.forEach(([x, y], k) => rows.push({ ring: `${li}-${ri}`, k, x: round(x), y: round(y) }))));
  return rows;
}

function fmt(v: number): string {
  return String(Number(v.toPrecision(2)));
}

/** Grid lines would cut across the cells: axes without them. */
export function noGrid<T extends { x: object; y: object }>(enc: T): T {
  return { ...enc, x: { ...enc.x, axis: { grid: false } }, y: { ...enc.y, axis: { grid: false } } };
}

export type { Bounds };
