/**
 * The canvas density plot of a run with classes: 2D histograms of target and generated points where each cell
 * takes the mean colour of the classes in it (weighed by their counts) and its strength from the cell's share of
 * the points (sqrt scale, one for both panels): one picture shows where the mass is and whose it is.
 */
import { pointCount, type Bounds, type FlowResult } from '@flow-visualizer/core';
import { colors, mix, type Rgb } from '../../plot/color.js';
import { classCount, classRgb } from '../../plot/conditions.js';
import { createFigure, type Figure } from '../figure.js';
import type { PlotContext } from './common.js';
import { conditionLegendWidth, drawConditionLegend } from './condition-points.js';
import { drawHistogramPanels, type CellColor } from './histogram-panels.js';

const { floor, min, round, sqrt } = Math;

interface ClassHistogram {
  /** Percent of all points per cell. */
  share: Float32Array;
  /** The cell's colour: the count-weighted mean of its classes' colours. */
  color: Rgb[];
}

export function classHistogram(points: Float32Array, labels: ArrayLike<number>, b: Bounds, bins: number, K: number): ClassHistogram {
  const counts = new Float32Array(bins * bins * K);
  const share = new Float32Array(bins * bins);
  const sx = bins / (b.xmax - b.xmin), sy = bins / (b.ymax - b.ymin);
  const n = pointCount(points);
  for (let i = 0; i < n; i++) {
    const ix = floor((points[2 * i] - b.xmin) * sx), iy = floor((points[2 * i + 1] - b.ymin) * sy), k = round(labels[i]);
    if (ix < 0 || ix >= bins || iy < 0 || iy >= bins || !(k >= 0 && k < K)) continue;
    counts[(iy * bins + ix) * K + k]++;
    share[iy * bins + ix]++;
  }
  const color: Rgb[] = [];
  for (let c = 0; c < bins * bins; c++) {
    let r = 0, g = 0, bl = 0;
    for (let k = 0; k < K; k++) {
      const w = counts[c * K + k];
      if (!w) continue;
      const [cr, cg, cb] = classRgb(k);
      r += w * cr, g += w * cg, bl += w * cb;
    }
    color.push(share[c] ? [r / share[c], g / share[c], bl / share[c]] : colors.background);
    share[c] = (100 * share[c]) / (n || 1);
  }
  return { share, color };
}

export function classDensityFigure(result: FlowResult, pc: PlotContext): Figure {
  const b = result.bounds, bins = pc.densityBins, cf = result.conditions!;
  const K = classCount(cf);
  const target = classHistogram(result.target, cf.target, b, bins, K), generated = classHistogram(result.generated, cf.generated, b, bins, K);
  let vmax = 0.001;
  for (const s of [target.share, generated.share]) for (const v of s) if (v > vmax) vmax = v;
  const fig = createFigure(
    { panels: 2, columns: 2, panelW: pc.panel, panelH: pc.panel, subtitle: true, legend: true, legendW: conditionLegendWidth(cf) },
    pc.ratio,
    `Density by class: 2D histograms on a ${bins}×${bins} grid`,
    'cell colour: its classes\' colours by count; strength: share of the points (sqrt scale)',
  );
  const strength = (h: ClassHistogram): CellColor => (c) => mix(colors.background, h.color[c], min(1, sqrt(h.share[c] / vmax)));
  drawHistogramPanels(fig, b, bins, strength(target), strength(generated));
  if (fig.layout.legend) drawConditionLegend(fig.ctx, fig.layout.legend, cf);
  return fig;
}
