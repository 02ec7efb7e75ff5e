/** What the loss plots of every renderer draw besides the raw curve: a smoothed curve and the level it settles at. */

/**
 * Centred moving average over `window` epochs (shrinking at the ends, non-finite values skipped): no lag, so
 * the smoothed curve sits on the raw one. Default window: about 1/25 of the run, odd, at least 3 (none under 8 epochs).
 */
export function smoothLoss(loss: readonly number[], window = defaultWindow(loss.length)): number[] {
  const half = Math.floor(window / 2);
  return loss.map((_, i) => {
    let s = 0, n = 0;
    for (let j = Math.max(0, i - half); j <= Math.min(loss.length - 1, i + half); j++) {
      if (Number.isFinite(loss[j])) s += loss[j], n++;
    }
    return n ? s / n : NaN;
  });
}

export function defaultWindow(n: number): number {
  if (n < 8) return 1;
  const w = Math.max(3, Math.round(n / 25));
  return w % 2 ? w : w + 1;
}
