/**
 * Fast scatter plots: points are blended straight into the pixels of the plot area (one getImageData, one
 * putImageData) as antialiased discs, instead of one canvas path per point. 100k points take tens of
 * milliseconds this way; arc() paths would take seconds.
 */
import type { Bounds } from '@flow-visualizer/core';
import { theme } from './theme.js';
import type { Rgb } from './color.js';
import type { Canvas2D, Rect } from './scale.js';

// Module-scope aliases: hot loops that look up `Math` on the global object run several times slower inside a VM
// context (Jest runs tests in one), where every global read goes through the context's interceptor.
const { floor, max, min, sqrt } = Math;

export interface SplatStyle {
  color: Rgb;
  /** Disc radius in CSS pixels. */
  radius: number;
  /** Opacity of one point at the disc's centre. */
  opacity: number;
}

/**
 * The theme's point style, grown with the panel as the vega renderer does, and thinned for large counts so that
 * 100k points show their density instead of a solid blot.
 */
export function pointStyle(color: Rgb, n: number, panel: number, faded = false): SplatStyle {
  const base = theme.point.radius * Math.sqrt(panel / 320);
  const crowd = Math.max(1, n / 3000);
  const opacity = (faded ? theme.point.fadedOpacity : theme.point.opacity) / Math.sqrt(crowd);
  return { color, radius: Math.max(0.6, base / crowd ** 0.25), opacity: Math.max(0.04, opacity) };
}

/** Blends the points (n×2 interleaved, data units) into the plot area `rect` (CSS px) of a figure drawn at `ratio`. */
export function splatPoints(ctx: Canvas2D, rect: Rect, ratio: number, b: Bounds, points: Float32Array, style: SplatStyle): void {
  const x0 = Math.round(rect.x * ratio), y0 = Math.round(rect.y * ratio);
  const w = Math.round((rect.x + rect.w) * ratio) - x0, h = Math.round((rect.y + rect.h) * ratio) - y0;
  if (w <= 0 || h <= 0) return;
  const image = ctx.getImageData(x0, y0, w, h);
  // Blend in a copy we made: typed arrays made by the native canvas are slow to loop over in some hosts (Jest).
  const pixels = Uint8ClampedArray.from(image.data);
  splatInto(pixels, w, h, points, b, style.radius * ratio, style.color, style.opacity);
  image.data.set(pixels);
  ctx.putImageData(image as never, x0, y0);
}

/** Where a w×h area sits in a larger RGBA buffer: pixel (x, y) of the area is pixel `offset + y·stride + x`. */
export interface Area {
  stride: number;
  offset: number;
}

/**
 * Blends discs of radius `r` (pixels) into an RGBA buffer of w×h pixels that shows the box `b` (or into the w×h
 * `area` of a wider buffer). Each pixel takes the disc's coverage (1 inside, a one-pixel ramp at the edge) times
 * `opacity`, "over" what is there.
 */
export function splatInto(data: Uint8ClampedArray, w: number, h: number, points: Float32Array, b: Bounds, r: number, color: Rgb, opacity: number, area: Area = { stride: w, offset: 0 }): void {
  const { stride, offset } = area;
  const sx = w / (b.xmax - b.xmin), sy = h / (b.ymax - b.ymin);
  const [cr, cg, cb] = color;
  const reach = r + 0.5;
  for (let i = 0; i + 1 < points.length; i += 2) {
    const px = (points[i] - b.xmin) * sx, py = h - (points[i + 1] - b.ymin) * sy;
    if (!(px > -reach && px < w + reach && py > -reach && py < h + reach)) continue; // also skips NaN
    const ix0 = max(0, floor(px - reach)), ix1 = min(w - 1, floor(px + reach));
    const iy0 = max(0, floor(py - reach)), iy1 = min(h - 1, floor(py + reach));
    for (let y = iy0; y <= iy1; y++) {
      const dy = y + 0.5 - py;
      for (let x = ix0; x <= ix1; x++) {
        const dx = x + 0.5 - px;
        const cov = reach - sqrt(dx * dx + dy * dy);
        if (cov <= 0) continue;
        const a = opacity * (cov < 1 ? cov : 1);
        const k = (offset + y * stride + x) << 2;
        data[k] += (cr - data[k]) * a;
        data[k + 1] += (cg - data[k + 1]) * a;
        data[k + 2] += (cb - data[k + 2]) * a;
        data[k + 3] = 255;
      }
    }
  }
}
