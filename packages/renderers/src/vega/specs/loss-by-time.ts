/**
 * The trained model's loss in bins of t beside its irreducible part (the variance of the target velocity that
 * even the best field leaves): the gap between the two is where in time the model is still wrong.
 */
import type { FlowResult, LossByTime } from '@flow-visualizer/core';
import { theme } from '../../plot/theme.js';
import { figure, type SpecContext, type VlSpec } from './common.js';

export function lossByTimeSpec(result: FlowResult, ctx: SpecContext): VlSpec {
  const lbt = result.metrics?.loss_by_time as LossByTime | undefined;
  const width = Math.max(360, Math.round(ctx.panel * 1.4)), height = Math.max(200, Math.round(ctx.panel * 0.7));
  if (!lbt || !lbt.loss.length) {
    return figure('Loss by time', 'not measured in this run (no probability path, or a reflow run drawn without its couples)', {
      width, height,
      data: { values: [{ text: 'no loss by time' }] },
      mark: { type: 'text', color: theme.colors.subtleText, fontSize: theme.font.panelTitleSize },
      encoding: { text: { field: 'text' } },
    }, {});
  }
  const MODEL = 'trained model', FLOOR = 'irreducible part';
  const rows: { t0: number; t1: number; t: number; series: string; loss: number }[] = [];
  lbt.loss.forEach((l, k) => {
    const t0 = lbt.edges[k], t1 = lbt.edges[k + 1];
    rows.push({ t0, t1, t: (t0 + t1) / 2, series: MODEL, loss: l });
    const f = lbt.irreducible?.[k];
    if (typeof f === 'number') rows.push({ t0, t1, t: (t0 + t1) / 2, series: FLOOR, loss: f });
  });
  const gaps = lbt.irreducible ? lbt.loss.map((l, k) => l - (lbt.irreducible![k] ?? l)) : [];
  const worst = gaps.length ? gaps.indexOf(Math.max(...gaps)) : -1;
  const subtitle = lbt.irreducible
    ? [`${lbt.pairs} fresh pairs per bin; irreducible: what even the best field leaves (exact, over the training points).`, `The gap is what the model still misses: largest at t ${lbt.edges[worst].toFixed(2)}–${lbt.edges[worst + 1].toFixed(2)} (${gaps[worst].toFixed(3)}).`]
    : [`${lbt.pairs} pairs per bin; the irreducible part is not computable`, 'for paired (OT) or coupled (reflow) training'];
  const x = { field: 't', type: 'quantitative', title: 'time t (bin centre)', scale: { domain: [0, 1], nice: false } };
  const color = { field: 'series', type: 'nominal', title: null, scale: { domain: [MODEL, FLOOR], range: [theme.colors.generated, theme.colors.target] }, legend: { orient: 'top-left', labelLimit: 0 } };
  return figure('Loss by time: where the model is still wrong', subtitle, {
    width, height,
    data: { name: 'bins' },
    layer: [
      { mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y: { field: 'loss', type: 'quantitative', title: 'loss (mean squared error of v)' }, color } },
      { mark: { type: 'point', filled: true, size: 40 }, encoding: { x, y: { field: 'loss', type: 'quantitative' }, color, tooltip: [{ field: 't0', title: 'from t' }, { field: 't1', title: 'to t' }, { field: 'series' }, { field: 'loss', format: '.4f' }] } },
    ],
  }, { bins: rows });
}
