/** One panel per snapshot time: where the generated points are at t, over the faded target. */
import { pointCount, type FlowResult } from '@flow-visualizer/core';
import { colors } from '../../plot/color.js';
import { createFigure, drawAxes, drawPanelTitle, type Figure } from '../figure.js';
import { defaultColumns } from '../layout.js';
import { pointStyle, splatPoints } from '../../plot/splat.js';
import { formatT, type PlotContext } from './common.js';
import { conditionLegendWidth, drawConditionLegend, splatByCondition } from './condition-points.js';
import { conditionNote } from '../../plot/conditions.js';

export function trajectoryFigure(result: FlowResult, pc: PlotContext): Figure {
  const b = result.bounds;
  const snaps = result.trajectory;
  const n = Math.max(1, snaps.length);
  const cf = result.conditions;
  const fig = createFigure(
    { panels: n, columns: pc.columns ?? defaultColumns(n), panelW: pc.panel, panelH: pc.panel, subtitle: true, legend: !!cf, legendW: cf && conditionLegendWidth(cf) },
    pc.ratio,
    `Trajectory: generated points carried from noise (t = 0) to data (t = 1)${cf ? ', by condition' : ''}`,
    `target in light blue; ${snaps.length} snapshots at t = ${snaps.map((s) => formatT(s.t)).join(', ')}${cf ? `; ${conditionNote(cf)}` : ''}`,
  );
  if (cf && fig.layout.legend) drawConditionLegend(fig.ctx, fig.layout.legend, cf);
  const faded = pointStyle(colors.targetFaded, pointCount(result.target), pc.panel, true);
  snaps.forEach((s, i) => {
    const rect = fig.layout.plots[i];
    drawAxes(fig.ctx, rect, b);
    drawPanelTitle(fig.ctx, rect, `t = ${formatT(s.t)}`);
    splatPoints(fig.ctx, rect, fig.ratio, b, result.target, faded);
    if (cf) splatByCondition(fig.ctx, rect, fig.ratio, b, s.x, cf.generated, cf, pc.panel);
    else splatPoints(fig.ctx, rect, fig.ratio, b, s.x, pointStyle(colors.generated, pointCount(s.x), pc.panel));
  });
  return fig;
}
