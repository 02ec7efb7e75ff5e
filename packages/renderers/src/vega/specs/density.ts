/**
 * 2D histograms of target and generated points side by side, binned here (not by Vega) so that the bins are
 * exactly the shared box cut into bins² cells, and coloured by share of points so that two sets of different
 * sizes compare on one colour scale.
 */
import { pointCount, type Bounds, type FlowResult } from '@flow-visualizer/core';
import { theme } from '../../theme.js';
import { figure, panelTitle, round, xyEncoding, type SpecContext, type VlSpec } from './common.js';

export interface Bin {
  x: number;
  y: number;
  x2: number;
  y2: number;
  /** Share of the set's points in this cell, percent. */
  share: number;
}

/** Non-empty cells of a bins² histogram over `b`; points outside the box are left out. */
export function histogram2d(points: Float32Array, b: Bounds, bins: number): Bin[] {
  const counts = new Uint32Array(bins * bins);
  const sx = bins / (b.xmax - b.xmin), sy = bins / (b.ymax - b.ymin);
  for (let i = 0; i + 1 < points.length; i += 2) {
    const ix = Math.floor((points[i] - b.xmin) * sx), iy = Math.floor((points[i + 1] - b.ymin) * sy);
    if (ix >= 0 && ix < bins && iy >= 0 && iy < bins) counts[iy * bins + ix]++;
  }
  const n = pointCount(points) || 1;
  const out: Bin[] = [];
  const wx = (b.xmax - b.xmin) / bins, wy = (b.ymax - b.ymin) / bins;
  for (let iy = 0; iy < bins; iy++) for (let ix = 0; ix < bins; ix++) {
    const c = counts[iy * bins + ix];
    if (c) out.push({ x: round(b.xmin + ix * wx), x2: round(b.xmin + (ix + 1) * wx), y: round(b.ymin + iy * wy), y2: round(b.ymin + (iy + 1) * wy), share: round((100 * c) / n) });
  }
  return out;
}

export function densitySpec(result: FlowResult, ctx: SpecContext & { bins?: number }): VlSpec {
  const b = result.bounds;
  const bins = ctx.bins ?? 40;
  const target = histogram2d(result.target, b, bins), generated = histogram2d(result.generated, b, bins);
  const vmax = [...target, ...generated].reduce((m, c) => Math.max(m, c.share), 0.001);
  const color = {
    field: 'share',
    type: 'quantitative',
    title: '% of points',
    // sqrt: thin structures (outlines) hold most points; a linear scale would leave the rest invisible.
    scale: { type: 'sqrt', scheme: theme.sequentialScheme, domain: [0, round(vmax)] },
    legend: { orient: 'right', gradientLength: Math.min(ctx.panel, 200) },
  };
  const hist = (name: string, title: string): VlSpec => ({
    title: panelTitle(title),
    width: ctx.panel,
    height: ctx.panel,
    data: { name },
    // Empty cells take the scale's zero colour: a dark field in which the data glows, as in matplotlib's hist2d.
    view: { fill: theme.viridisStops[0], stroke: null },
    mark: { type: 'rect', clip: true },
    encoding: { ...noGrid(xyEncoding(b)), x2: { field: 'x2' }, y2: { field: 'y2' }, color },
  });
  return figure(
    `Density: 2D histograms on a ${bins}×${bins} grid`,
    'share of each set\'s points per cell, same colour scale on both panels',
    {
      hconcat: [hist('target', 'Target'), hist('generated', 'Generated (t = 1)')],
      resolve: { scale: { color: 'shared' }, legend: { color: 'shared' } },
    },
    { target, generated },
  );
}

/** Grid lines would cut across the cells: axes without them. */
function noGrid<T extends { x: object; y: object }>(enc: T): T {
  return { ...enc, x: { ...enc.x, axis: { grid: false } }, y: { ...enc.y, axis: { grid: false } } };
}
