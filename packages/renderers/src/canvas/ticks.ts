/** Axis ticks: "nice" steps (1, 2, 5 × 10^k) on linear axes, decades (and 2, 5 between) on log axes. */

export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(min / step - 1e-9) * step; v <= max + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

export function logTicks(min: number, max: number): number[] {
  const lo = Math.floor(Math.log10(min)), hi = Math.ceil(Math.log10(max));
  const decades: number[] = [];
  for (let k = lo; k <= hi; k++) decades.push(10 ** k);
  const inside = (v: number) => v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9);
  let out = decades.filter(inside);
  // Less than two decades in view: label 2× and 5× too, or the axis would carry one label or none.
  if (out.length < 3) out = decades.flatMap((d) => [d, 2 * d, 5 * d]).filter(inside);
  if (out.length < 2) out = [min, max];
  return out;
}

/** Short labels: 0.5, 2, 1e-3, 1.2k. */
export function formatTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) return v.toExponential(0).replace('e+', 'e');
  return String(Number(v.toPrecision(3)));
}
