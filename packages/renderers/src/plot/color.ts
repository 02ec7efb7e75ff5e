/** Colours as [r, g, b] bytes: parsing the theme's hex strings, mixing, and the viridis scale of the theme. */
import { theme } from './theme.js';

export type Rgb = readonly [number, number, number];

export function hexToRgb(hex: string): Rgb {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? h.split('').map((c) => c + c).join('') : h;
  const v = parseInt(full, 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

export function rgbCss(c: Rgb, alpha = 1): string {
  return alpha >= 1 ? `rgb(${c[0]},${c[1]},${c[2]})` : `rgba(${c[0]},${c[1]},${c[2]},${alpha})`;
}

/** a + (b - a) * w, per channel. */
export function mix(a: Rgb, b: Rgb, w: number): Rgb {
  return [a[0] + (b[0] - a[0]) * w, a[1] + (b[1] - a[1]) * w, a[2] + (b[2] - a[2]) * w];
}

const VIRIDIS = theme.viridisStops.map(hexToRgb);

/** The theme's sequential scheme at u ∈ [0, 1] (clamped), by linear steps between its stops. */
export function viridis(u: number): Rgb {
  const x = Math.min(1, Math.max(0, Number.isFinite(u) ? u : 0)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const c = mix(VIRIDIS[i], VIRIDIS[i + 1], x - i);
  return [Math.round(c[0]), Math.round(c[1]), Math.round(c[2])];
}

/** The run's colours, parsed once. */
export const colors = {
  target: hexToRgb(theme.colors.target),
  generated: hexToRgb(theme.colors.generated),
  targetFaded: hexToRgb(theme.colors.targetFaded),
  background: hexToRgb(theme.colors.background),
  text: hexToRgb(theme.colors.text),
  subtleText: hexToRgb(theme.colors.subtleText),
  grid: hexToRgb(theme.colors.grid),
  domain: hexToRgb(theme.colors.domain),
  loss: hexToRgb(theme.colors.loss),
};
