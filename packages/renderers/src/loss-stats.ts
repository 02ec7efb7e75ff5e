/** What the loss plots of every renderer draw besides the raw curve: a smoothed curve and the level it settles at. */
import type { FlowResult } from '@flow-visualizer/core';

/**
 * Centred moving median over `window` epochs (shrinking at the ends, non-finite values skipped): no lag, so the
 * smoothed curve sits on the raw one, and one diverging epoch does not raise its neighbours (a moving mean turned
 * a single spike into a plateau as wide as the window). Default window: about 1/25 of the run, odd, at least 3
 * (none under 8 epochs).
 */
export function smoothLoss(loss: readonly number[], window = defaultWindow(loss.length)): number[] {
  const half = Math.floor(window / 2);
  return loss.map((_, i) => {
    const w: number[] = [];
    for (let j = Math.max(0, i - half); j <= Math.min(loss.length - 1, i + half); j++) if (Number.isFinite(loss[j])) w.push(loss[j]);
    if (!w.length) return NaN;
    w.sort((a, b) => a - b);
    const m = w.length >> 1;
    return w.length % 2 ? w[m] : (w[m - 1] + w[m]) / 2;
  });
}

export function defaultWindow(n: number): number {
  if (n < 8) return 1;
  const w = Math.max(3, Math.round(n / 25));
  return w % 2 ? w : w + 1;
}

/**
 * The loss axis: the whole first tenth of training (the fall from the first loss is the curve's story), then the
 * higher of the moving median and the raw curve's 99th percentile, with a little air. One diverging epoch later
 * on (a spike of 2.5 in a curve at 0.9) would otherwise flatten everything into a line; the epochs above the axis
 * are counted so that the plot can say so.
 */
export function lossDomain(loss: readonly number[], smooth: readonly number[], extra: readonly number[] = []): { lo: number; hi: number; above: number; max: number } {
  const raw = loss.filter(Number.isFinite);
  if (!raw.length) return { lo: 0, hi: 1, above: 0, max: NaN };
  const early = Math.max(3, Math.ceil(raw.length / 10));
  const rest = raw.slice(early).sort((a, b) => a - b);
  const p99 = rest.length ? rest[Math.floor(0.99 * (rest.length - 1))] : -Infinity;
  const sm = smooth.filter(Number.isFinite);
  const lo = Math.min(...raw, ...sm, ...extra);
  let hi = Math.max(p99, ...raw.slice(0, early), ...sm, ...extra);
  const pad = (hi - lo) * 0.06 || Math.abs(hi) * 0.05 || 1;
  hi += pad;
  const above = raw.filter((v) => v > hi).length;
  return { lo: lo >= 0 ? Math.max(0, lo - pad) : lo - pad, hi, above, max: Math.max(...raw) };
}

/** What the dashed line was measured on: fresh pairs, or a reflow run's own couples (metrics.json says which). */
export function freshOn(result: FlowResult): string {
  return typeof result.metrics?.loss_fresh_on === 'string' ? result.metrics.loss_fresh_on : 'fresh pairs';
}
