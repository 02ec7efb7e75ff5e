/** Training loss per epoch, on a log scale by default (flow-matching losses fall fast, then creep). */
import type { FlowResult } from '@flow-visualizer/core';
import { theme } from '../../theme.js';
import { figure, type SpecContext, type VlSpec } from './common.js';

export function lossSpec(result: FlowResult, ctx: SpecContext & { log?: boolean }): VlSpec {
  const loss = result.lossHistory;
  const rows = loss.map((l, i) => ({ epoch: i + 1, loss: l })).filter((r) => Number.isFinite(r.loss));
  // A log axis cannot show 0 or negatives (a custom objective could produce them): fall back to linear.
  const log = (ctx.log ?? true) && rows.length > 0 && rows.every((r) => r.loss > 0);
  // Twice a panel wide, but never narrower than its title needs.
  const width = Math.max(480, Math.round(ctx.panel * 2)), height = Math.max(240, Math.round(ctx.panel * 0.9));
  if (!rows.length) {
    return figure('Training loss', 'no loss recorded (model loaded, not trained in this run)', {
      width, height,
      data: { values: [{ text: 'no training in this run' }] },
      mark: { type: 'text', color: theme.colors.subtleText, fontSize: theme.font.panelTitleSize },
      encoding: { text: { field: 'text' } },
    }, {});
  }
  const last = rows[rows.length - 1].loss;
  const min = rows.reduce((m, r) => Math.min(m, r.loss), Infinity);
  const max = rows.reduce((m, r) => Math.max(m, r.loss), -Infinity);
  // Tight y domain with a little air: a "nice" log domain can add a decade of empty plot.
  const pad = log ? Math.max(1.05, Math.pow(max / min, 0.05)) : 0;
  const yScale = log ? { type: 'log', domain: [min / pad, max * pad], nice: false } : { zero: false };
  return figure(
    `Training loss per epoch (${rows.length} epochs)`,
    `final ${fmt(last)}, lowest ${fmt(min)}${log ? '; log scale' : ''}`,
    {
      width, height,
      data: { name: 'loss' },
      layer: [
        {
          mark: { type: 'line', color: theme.colors.loss, strokeWidth: 1.6, interpolate: 'linear', clip: true },
          encoding: {
            x: { field: 'epoch', type: 'quantitative', title: 'epoch', scale: { domain: [1, Math.max(2, rows.length)], nice: false } },
            y: { field: 'loss', type: 'quantitative', title: log ? 'loss (log scale)' : 'loss', scale: yScale },
          },
        },
        ...(rows.length <= 60
          ? [{ mark: { type: 'point', filled: true, color: theme.colors.loss, size: 18 }, encoding: { x: { field: 'epoch', type: 'quantitative' }, y: { field: 'loss', type: 'quantitative' } } }]
          : []),
      ],
    },
    { loss: rows },
  );
}

function fmt(v: number): string {
  return v >= 0.01 && v < 1000 ? v.toFixed(4) : v.toPrecision(3);
}
