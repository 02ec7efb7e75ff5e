/** Training loss per epoch, on a log scale by default (flow-matching losses fall fast, then creep). */
import type { FlowResult } from '@flow-visualizer/core';
import { theme } from '../../theme.js';
import { createFigure, drawAxes, drawNote, type Figure } from '../figure.js';
import type { PlotContext } from './common.js';

function fmt(v: number): string {
  return v >= 0.01 && v < 1000 ? v.toFixed(4) : v.toPrecision(3);
}

export function lossFigure(result: FlowResult, pc: PlotContext): Figure {
  const rows = result.lossHistory.map((l, i) => ({ epoch: i + 1, loss: l })).filter((r) => Number.isFinite(r.loss));
  const panelW = Math.round(pc.panel * 2), panelH = Math.round(pc.panel * 0.9);
  const spec = { panels: 1, columns: 1, panelW, panelH, subtitle: true, legend: false };
  if (!rows.length) {
    const fig = createFigure(spec, pc.ratio, 'Training loss', 'no loss recorded (model loaded, not trained in this run)');
    const r = fig.layout.plots[0];
    fig.ctx.strokeStyle = theme.colors.domain;
    fig.ctx.lineWidth = 0.5;
    fig.ctx.strokeRect(r.x, r.y, r.w, r.h);
    drawNote(fig.ctx, fig.layout.plots[0], 'no training in this run');
    return fig;
  }
  // A log axis cannot show 0 or negatives (a custom objective could produce them): fall back to linear.
  const log = pc.logLoss && rows.every((r) => r.loss > 0);
  let lo = Infinity, hi = -Infinity;
  for (const r of rows) lo = Math.min(lo, r.loss), hi = Math.max(hi, r.loss);
  const last = rows[rows.length - 1].loss;
  const fig = createFigure(spec, pc.ratio, `Training loss per epoch (${rows.length} epochs)`, `final ${fmt(last)}, lowest ${fmt(lo)}${log ? '; log scale' : ''}`);
  const rect = fig.layout.plots[0];
  let ymin: number, ymax: number;
  if (log) {
    const pad = Math.max(1.05, (hi / lo) ** 0.05);
    ymin = lo / pad, ymax = hi * pad;
  } else {
    const pad = (hi - lo) * 0.05 || Math.abs(hi) * 0.05 || 1;
    ymin = lo - pad, ymax = hi + pad;
  }
  const b = { xmin: 1, xmax: Math.max(2, rows.length), ymin, ymax };
  drawAxes(fig.ctx, rect, b, { xTitle: 'epoch', yTitle: log ? 'loss (log scale)' : 'loss', logY: log });
  const ly = (v: number) => (log ? Math.log10(v) : v);
  const sx = (e: number) => rect.x + ((e - b.xmin) / (b.xmax - b.xmin)) * rect.w;
  const sy = (v: number) => rect.y + rect.h - ((ly(v) - ly(ymin)) / (ly(ymax) - ly(ymin))) * rect.h;
  const { ctx } = fig;
  ctx.save();
  ctx.beginPath();
  ctx.rect(rect.x, rect.y, rect.w, rect.h);
  ctx.clip();
  ctx.strokeStyle = theme.colors.loss;
  ctx.fillStyle = theme.colors.loss;
  ctx.lineWidth = 1.6;
  ctx.lineJoin = 'round';
  ctx.beginPath();
  rows.forEach((r, i) => (i ? ctx.lineTo(sx(r.epoch), sy(r.loss)) : ctx.moveTo(sx(r.epoch), sy(r.loss))));
  ctx.stroke();
  if (rows.length <= 60) {
    for (const r of rows) {
      ctx.beginPath();
      ctx.arc(sx(r.epoch), sy(r.loss), 2.4, 0, 2 * Math.PI);
      ctx.fill();
    }
  }
  ctx.restore();
  return fig;
}
