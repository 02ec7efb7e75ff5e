/**
 * 2D histograms of target and generated points side by side on the shared box cut into bins² cells, coloured
 * by share of each set's points (sqrt scale, one scale for both), as the vega renderer draws them.
 */
import { pointCount, type Bounds, type FlowResult } from '@flow-visualizer/core';
import { viridis } from '../../plot/color.js';
import { createFigure, drawColorbar, type Figure } from '../figure.js';
import { formatTick } from '../ticks.js';
import type { PlotContext } from './common.js';
import { classDensityFigure } from './class-density.js';
import { drawHistogramPanels, type CellColor } from './histogram-panels.js';

// Module-scope aliases: hot loops run several times slower in a VM context (Jest) when they read `Math` globally.
const { floor, max, min, round, sqrt } = Math;

/** Percent of the points in each cell, row by row from the bottom-left; points outside the box are left out. */
export function histogram2d(points: Float32Array, b: Bounds, bins: number): Float32Array {
  const share = new Float32Array(bins * bins);
  const sx = bins / (b.xmax - b.xmin), sy = bins / (b.ymax - b.ymin);
  for (let i = 0; i + 1 < points.length; i += 2) {
    const ix = floor((points[i] - b.xmin) * sx), iy = floor((points[i + 1] - b.ymin) * sy);
    if (ix >= 0 && ix < bins && iy >= 0 && iy < bins) share[iy * bins + ix]++;
  }
  const n = pointCount(points) || 1;
  for (let i = 0; i < share.length; i++) share[i] = (100 * share[i]) / n;
  return share;
}

export function densityFigure(result: FlowResult, pc: PlotContext): Figure {
  const b = result.bounds, bins = pc.densityBins;
  if (result.conditions?.kind === 'class') return classDensityFigure(result, pc);
  const target = histogram2d(result.target, b, bins), generated = histogram2d(result.generated, b, bins);
  let vmax = 0.001;
  for (const s of [target, generated]) for (const v of s) if (v > vmax) vmax = v;
  const fig = createFigure(
    { panels: 2, columns: 2, panelW: pc.panel, panelH: pc.panel, subtitle: true, legend: true },
    pc.ratio,
    `Density: 2D histograms on a ${bins}×${bins} grid`,
    "share of each set's points per cell, same colour scale on both panels",
  );
  const lut = Array.from({ length: 256 }, (_, i) => viridis(i / 255));
  const shade = (share: Float32Array): CellColor => (c) => lut[round(sqrt(share[c] / vmax) * 255)];
  drawHistogramPanels(fig, b, bins, shade(target), shade(generated));
  if (fig.layout.legend) {
    // sqrt scale: label the bar at shares whose square roots are evenly spaced.
    drawColorbar(fig.ctx, fig.layout.legend, '% of points', viridis, [0, 0.5, 1].map((u) => ({ u, text: formatTick(u * u * vmax) })));
  }
  return fig;
}
