/**
 * Training loss per epoch on a linear axis: the raw per-epoch curve faint, a centred moving median on top, and
 * the loss of the trained model on fresh pairs as a dashed line with a note that the flow-matching loss does not
 * go to 0 (a flat curve above 0 is not a failed run).
 */
import type { FlowResult } from '@flow-visualizer/core';
import { theme } from '../../plot/theme.js';
import { defaultWindow, freshOn, lossDomain, smoothLoss } from '../../loss-stats.js';
import { figure, type SpecContext, type VlSpec } from './common.js';

export function lossSpec(result: FlowResult, ctx: SpecContext & { log?: boolean }): VlSpec {
  const loss = result.lossHistory;
  const smooth = smoothLoss(loss);
  const rows = loss.map((l, i) => ({ epoch: i + 1, loss: l, smooth: smooth[i], shown: l })).filter((r) => Number.isFinite(r.loss));
  // A log axis cannot show 0 or negatives (a custom objective could produce them): fall back to linear.
  const log = (ctx.log ?? false) && rows.length > 0 && rows.every((r) => r.loss > 0);
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
  const fresh = typeof result.metrics?.loss_fresh === 'number' && Number.isFinite(result.metrics.loss_fresh) ? result.metrics.loss_fresh : undefined;
  const values = rows.map((r) => r.loss).concat(fresh !== undefined ? [fresh] : []);
  const min = Math.min(...values), max = Math.max(...values);
  const pad = log ? Math.max(1.05, Math.pow(max / min, 0.05)) : 0;
  const dom = lossDomain(loss, smooth, fresh !== undefined ? [fresh] : []);
  const yScale = log ? { type: 'log', domain: [min / pad, max * pad], nice: false } : { domain: [dom.lo, dom.hi], nice: false, zero: false };
  // Epochs above the axis are drawn at its top edge (a line run off the plot can vanish in some rasterizers).
  if (!log) for (const r of rows) r.shown = Math.min(r.loss, dom.hi);
  const spikes = !log && dom.above > 0 ? `; ${dom.above} epoch${dom.above === 1 ? '' : 's'} off the top (up to ${fmt(dom.max)})` : '';
  const x = { field: 'epoch', type: 'quantitative', title: 'epoch', scale: { domain: [1, Math.max(2, rows.length)], nice: false } };
  const yTitle = log ? 'loss (log scale)' : 'loss (mean squared error of v)';
  const window = defaultWindow(loss.length);
  const last = rows[rows.length - 1];
  const layers: VlSpec[] = [
    { mark: { type: 'line', color: theme.colors.loss, strokeWidth: 1, opacity: 0.35, clip: true }, encoding: { x, y: { field: 'shown', type: 'quantitative', title: yTitle, scale: yScale } } },
    ...(window > 1 ? [{ mark: { type: 'line', color: theme.colors.loss, strokeWidth: 2.2, clip: true }, encoding: { x, y: { field: 'smooth', type: 'quantitative' } } }] : []),
    ...(rows.length <= 60 ? [{ mark: { type: 'point', filled: true, color: theme.colors.loss, size: 18 }, encoding: { x, y: { field: 'loss', type: 'quantitative' } } }] : []),
  ];
  if (fresh !== undefined) {
    layers.push(
      { data: { values: [{ y: fresh }] }, mark: { type: 'rule', color: theme.colors.generated, strokeDash: [6, 4], strokeWidth: 1.5 }, encoding: { y: { field: 'y', type: 'quantitative' } } },
      {
        data: { values: [{ y: fresh, text: `trained model on ${freshOn(result)}: ${fmt(fresh)} (the flow-matching loss never reaches 0)` }] },
        mark: { type: 'text', align: 'right', baseline: 'top', dx: -6, dy: 4, color: theme.colors.generated, fontSize: theme.font.labelSize },
        encoding: { x: { datum: rows.length }, y: { field: 'y', type: 'quantitative' }, text: { field: 'text' } },
      },
    );
  }
  return figure(
    `Training loss per epoch (${rows.length} epochs)`,
    `faint: per epoch; bold: ${window > 1 ? `running median of ${window}` : 'the same'}; final ${fmt(last.loss)}${log ? '; log scale' : ''}${spikes}`,
    { width, height, data: { name: 'loss' }, layer: layers },
    { loss: rows },
  );
}

function fmt(v: number): string {
  return v >= 0.01 && v < 1000 ? v.toFixed(4) : v.toPrecision(3);
}
