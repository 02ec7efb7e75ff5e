/** Axis ticks: "nice" steps (1, 2, 5 × 10^k) on linear axes, decades (and 2, 5 between) on log axes. */

export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  // Integer multiples of the step, rounded: adding 0.2 five times gives 0.6000000000000001.
  for (let k = Math.ceil(min / step - 1e-9); k * step <= max + step * 1e-9; k++) out.push(Number((k * step).toPrecision(12)) || 0);
  return out;
}

export function logTicks(min: number, max: number): number[] {
  const lo = Math.floor(Math.log10(min)), hi = Math.ceil(Math.log10(max));
  const decades: number[] = [];
  for (let k = lo; k <= hi; k++) decades.push(10 ** k);
  const inside = (v: number) => v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9);
  // Decades when they are enough; within a decade or two, more mantissas, or the axis carries one label or none.
  for (const mantissas of [[1], [1, 2, 5], [1, 1.5, 2, 3, 4, 5, 6, 8]]) {
    const out = decades.flatMap((d) => mantissas.map((m) => Number((m * d).toPrecision(3)))).filter(inside);
    if (out.length >= 3) return out;
  }
  return niceTicks(min, max, 4).filter((v) => v > 0);
}

/** Short labels: 0.5, 2, 1e-3, 1.2k. */
export function formatTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) return v.toExponential(0).replace('e+', 'e');
  return String(Number(v.toPrecision(3)));
}
