/**
 * Training loss per epoch, as the vega renderer draws it: linear by default, each epoch faint, a running median
 * bold, the trained model's loss on fresh pairs dashed, one diverging epoch kept from flattening the axis.
 */
import type { FlowResult } from '@flow-visualizer/core';
import { theme } from '../../plot/theme.js';
import { createFigure, drawAxes, drawNote, type Figure } from '../figure.js';
import { font } from '../fonts.js';
import type { PlotContext } from './common.js';
import { defaultWindow, freshOn, lossDomain, smoothLoss } from '../../loss-stats.js';

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
  const smooth = smoothLoss(result.lossHistory);
  const fresh = typeof result.metrics?.loss_fresh === 'number' && Number.isFinite(result.metrics.loss_fresh) ? result.metrics.loss_fresh : undefined;
  const window = defaultWindow(result.lossHistory.length);
  const dom = lossDomain(result.lossHistory, smooth, fresh !== undefined ? [fresh] : []);
  const off = !log && dom.above > 0 ? `; ${dom.above} epoch${dom.above === 1 ? '' : 's'} off the top (up to ${fmt(dom.max)})` : '';
  const fig = createFigure(spec, pc.ratio, `Training loss per epoch (${rows.length} epochs)`, `faint: per epoch; bold: ${window > 1 ? `running median of ${window}` : 'the same'}; final ${fmt(last)}${log ? '; log scale' : ''}${off}`);
  const rect = fig.layout.plots[0];
  let ymin: number, ymax: number;
  if (log) {
    const pad = Math.max(1.05, (hi / lo) ** 0.05);
    ymin = lo / pad, ymax = hi * pad;
  } else {
    ymin = dom.lo, ymax = dom.hi;
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
  ctx.lineJoin = 'round';
  // Each epoch, faint (values off the top drawn at its edge), then the running median.
  ctx.globalAlpha = window > 1 ? 0.35 : 1;
  ctx.lineWidth = window > 1 ? 1 : 1.6;
  ctx.beginPath();
  rows.forEach((r, i) => {
    const y = sy(Math.min(r.loss, ymax));
    return i ? ctx.lineTo(sx(r.epoch), y) : ctx.moveTo(sx(r.epoch), y);
  });
  ctx.stroke();
  ctx.globalAlpha = 1;
  if (window > 1) {
    ctx.lineWidth = 2.2;
    ctx.beginPath();
    let started = false;
    smooth.forEach((v, i) => {
      if (!Number.isFinite(v)) return;
      if (started) ctx.lineTo(sx(i + 1), sy(v));
      else ctx.moveTo(sx(i + 1), sy(v)), (started = true);
    });
    ctx.stroke();
  }
  if (fresh !== undefined) {
    ctx.strokeStyle = theme.colors.generated;
    ctx.fillStyle = theme.colors.generated;
    ctx.lineWidth = 1.5;
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    ctx.moveTo(rect.x, sy(fresh));
    ctx.lineTo(rect.x + rect.w, sy(fresh));
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.font = font(theme.font.labelSize);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'top';
    ctx.fillText(`trained model on ${freshOn(result)}: ${fmt(fresh)} (the flow-matching loss never reaches 0)`, rect.x + rect.w - 6, sy(fresh) + 4);
    ctx.fillStyle = theme.colors.loss;
  }
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
