/** One panel per field time: the learned velocity as arrows on the grid, coloured by speed, over the faded target. */
import { pointCount, type FlowResult } from '@flow-visualizer/core';
import { ARROW_FILL, drawArrows } from '../../plot/arrows.js';
import { colors, viridis } from '../../plot/color.js';
import { cellSize, gridSize } from '../field-at.js';
import { formatSpeed, speedScale } from '../../plot/field-stats.js';
import { createFigure, drawAxes, drawColorbar, drawNote, drawPanelTitle, linearScale, type Figure } from '../figure.js';
import { defaultColumns } from '../layout.js';
import { pointStyle, splatPoints } from '../../plot/splat.js';
import { formatTick } from '../ticks.js';
import { formatT, type PlotContext } from './common.js';

export function vectorFieldFigure(result: FlowResult, pc: PlotContext): Figure {
  const b = result.bounds;
  const fields = result.fields;
  const n = Math.max(1, fields.length);
  const size = fields.length ? gridSize(fields[0]) : 0;
  const { vref: vmax, clipped } = speedScale(fields, result.target, b);
  const fig = createFigure(
    { panels: n, columns: pc.columns ?? defaultColumns(n), panelW: pc.panel, panelH: pc.panel, subtitle: true, legend: fields.length > 0 },
    pc.ratio,
    'Learned velocity field v(x, t)',
    fields.length ? `arrows on a ${size}² grid; an arrow at speed ${formatSpeed(vmax)} (95% of the speeds around the data are slower) fills ${ARROW_FILL} of a cell${clipped ? ', faster ones are drawn at that length' : ''}; target in light blue` : 'no field snapshots in this result',
  );
  const faded = pointStyle(colors.targetFaded, pointCount(result.target), pc.panel, true);
  const lengthPerSpeed = vmax > 0 ? (ARROW_FILL * cellSize(b, size)) / vmax : 0;
  fields.forEach((f, i) => {
    const rect = fig.layout.plots[i];
    drawAxes(fig.ctx, rect, b);
    drawPanelTitle(fig.ctx, rect, `t = ${formatT(f.t)}`);
    splatPoints(fig.ctx, rect, fig.ratio, b, result.target, faded);
    fig.ctx.save();
    fig.ctx.beginPath();
    fig.ctx.rect(rect.x, rect.y, rect.w, rect.h);
    fig.ctx.clip();
    drawArrows(fig.ctx, f, linearScale(rect, b), { lengthPerSpeed, vmax, color: viridis, lineWidth: 1.3 * Math.sqrt(pc.panel / 320) });
    fig.ctx.restore();
  });
  if (!fields.length) {
    drawAxes(fig.ctx, fig.layout.plots[0], b);
    drawNote(fig.ctx, fig.layout.plots[0], 'no field snapshots');
  }
  if (fig.layout.legend) {
    drawColorbar(fig.ctx, fig.layout.legend, 'speed |v|', viridis, [
      { u: 0, text: '0' },
      { u: 0.5, text: formatTick(vmax / 2) },
      { u: 1, text: `${clipped ? '≥ ' : ''}${formatSpeed(vmax)}` },
    ]);
  }
  return fig;
}
