/** Target | generated | overlay, on the same square axes (`result.bounds`), so that shapes compare by eye. */
import { pointCount, type FlowResult } from '@flow-visualizer/core';
import { colors } from '../../plot/color.js';
import { createFigure, drawAxes, drawPanelTitle, drawSwatches, type Figure } from '../figure.js';
import { pointStyle, splatPoints } from '../../plot/splat.js';
import { fmt, type PlotContext } from './common.js';

export function comparisonFigure(result: FlowResult, pc: PlotContext): Figure {
  const b = result.bounds;
  const nT = pointCount(result.target), nG = pointCount(result.generated);
  const w1 = result.metrics?.sliced_w1, floor = result.metrics?.sliced_w1_floor;
  const subtitle = Number.isFinite(w1)
    ? `sliced Wasserstein-1 = ${fmt(w1)}${Number.isFinite(floor) ? ` (two target draws: ${fmt(floor)})` : ''}`
    : undefined;
  const fig = createFigure({ panels: 3, columns: 3, panelW: pc.panel, panelH: pc.panel, subtitle: !!subtitle, legend: false }, pc.ratio, 'Target vs generated samples (t = 1)', subtitle);
  const [pT, pG, pO] = fig.layout.plots;
  const target = pointStyle(colors.target, nT, pc.panel), generated = pointStyle(colors.generated, nG, pc.panel);
  const panels: [typeof pT, string][] = [[pT, `Target (${nT} points)`], [pG, `Generated (${nG} points)`], [pO, 'Overlay']];
  for (const [rect, title] of panels) {
    drawAxes(fig.ctx, rect, b);
    drawPanelTitle(fig.ctx, rect, title);
  }
  splatPoints(fig.ctx, pT, fig.ratio, b, result.target, target);
  splatPoints(fig.ctx, pG, fig.ratio, b, result.generated, generated);
  splatPoints(fig.ctx, pO, fig.ratio, b, result.target, target);
  splatPoints(fig.ctx, pO, fig.ratio, b, result.generated, generated);
  drawSwatches(fig.ctx, pO.x + 8, pO.y + 10, [{ color: colors.target, label: 'target' }, { color: colors.generated, label: 'generated' }]);
  return fig;
}
