/**
 * A figure on a @napi-rs/canvas: the canvas at `pixel_ratio`, the background and titles, and the pieces every
 * panel shares (axes with ticks and grid, panel titles, colour bar, legend swatches). Drawing happens in CSS
 * pixels (the context is scaled); only point splatting works in device pixels (see splat.ts).
 */
import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { Bounds } from '@flow-visualizer/core';
import { theme } from '../plot/theme.js';
import { colors, rgbCss, type Rgb } from '../plot/color.js';
import { font } from './fonts.js';
import { figureLayout, PAD, type FigureLayout, type FigureSpec, type Rect } from './layout.js';
import { formatTick, logTicks, niceTicks } from './ticks.js';

export interface Figure {
  canvas: Canvas;
  ctx: SKRSContext2D;
  layout: FigureLayout;
  ratio: number;
}

/**
 * Most device pixels of one figure (about 160 MB of RGBA): panel_size 2000 at pixel_ratio 8 would otherwise ask
 * for a 65 000-pixel-wide canvas. Larger figures are drawn at the highest ratio that fits.
 */
export const MAX_FIGURE_PIXELS = 40e6;

/** A blank figure with its title (what is shown) and subtitle (how) drawn. */
export function createFigure(spec: FigureSpec, askedRatio: number, title: string, subtitle?: string): Figure {
  const layout = figureLayout({ ...spec, subtitle: !!subtitle });
  const ratio = Math.min(askedRatio, Math.sqrt(MAX_FIGURE_PIXELS / (layout.width * layout.height)));
  const canvas = createCanvas(Math.round(layout.width * ratio), Math.round(layout.height * ratio));
  const ctx = canvas.getContext('2d');
  ctx.scale(ratio, ratio);
  ctx.fillStyle = theme.colors.background;
  ctx.fillRect(0, 0, layout.width, layout.height);
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  ctx.fillStyle = theme.colors.text;
  ctx.font = font(theme.font.titleSize, theme.font.titleWeight);
  ctx.fillText(title, PAD, PAD);
  if (subtitle) {
    ctx.fillStyle = theme.colors.subtleText;
    ctx.font = font(theme.font.labelSize + 1);
    ctx.fillText(subtitle, PAD, PAD + 21);
  }
  return { canvas, ctx, layout, ratio };
}

export { linearScale, type Scale } from '../plot/scale.js';

export interface AxisOptions {
  xTitle?: string;
  yTitle?: string;
  logY?: boolean;
  /** Fill of the plot area (density panels are dark). */
  fill?: string;
}

/** Grid, frame, tick labels and axis titles of one panel over `b`. */
export function drawAxes(ctx: SKRSContext2D, rect: Rect, b: Bounds, opts: AxisOptions = {}): void {
  // About one tick per 45 px, as Vega's axes choose them, so both renderers label the same values.
  const xt = niceTicks(b.xmin, b.xmax, Math.max(3, Math.round(rect.w / 45)));
  const yt = opts.logY ? logTicks(b.ymin, b.ymax) : niceTicks(b.ymin, b.ymax, Math.max(3, Math.round(rect.h / 45)));
  const sx = (v: number) => rect.x + ((v - b.xmin) / (b.xmax - b.xmin)) * rect.w;
  const ly = (v: number) => (opts.logY ? Math.log10(v) : v);
  const sy = (v: number) => rect.y + rect.h - ((ly(v) - ly(b.ymin)) / (ly(b.ymax) - ly(b.ymin))) * rect.h;
  ctx.save();
  if (opts.fill) {
    ctx.fillStyle = opts.fill;
    ctx.fillRect(rect.x, rect.y, rect.w, rect.h);
  } else {
    ctx.strokeStyle = theme.colors.grid;
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (const v of xt) ctx.moveTo(Math.round(sx(v)) + 0.5, rect.y), ctx.lineTo(Math.round(sx(v)) + 0.5, rect.y + rect.h);
    for (const v of yt) ctx.moveTo(rect.x, Math.round(sy(v)) + 0.5), ctx.lineTo(rect.x + rect.w, Math.round(sy(v)) + 0.5);
    ctx.stroke();
  }
  ctx.strokeStyle = theme.colors.domain;
  ctx.lineWidth = 0.5;
  ctx.strokeRect(rect.x, rect.y, rect.w, rect.h);
  ctx.fillStyle = theme.colors.subtleText;
  ctx.font = font(theme.font.labelSize);
  ctx.beginPath();
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const v of xt) {
    const x = sx(v);
    ctx.moveTo(x, rect.y + rect.h), ctx.lineTo(x, rect.y + rect.h + 4);
    // Flush labels at the ends, as the vega axes do (labelFlush), so they stay under their own panel.
    ctx.textAlign = x - rect.x < 8 ? 'left' : rect.x + rect.w - x < 8 ? 'right' : 'center';
    ctx.fillText(formatTick(v), x, rect.y + rect.h + 6);
  }
  ctx.textAlign = 'right';
  for (const v of yt) {
    const y = sy(v);
    ctx.moveTo(rect.x - 4, y), ctx.lineTo(rect.x, y);
    ctx.textBaseline = y - rect.y < 6 ? 'top' : rect.y + rect.h - y < 6 ? 'bottom' : 'middle';
    ctx.fillText(formatTick(v), rect.x - 6, y);
  }
  ctx.strokeStyle = theme.colors.domain;
  ctx.lineWidth = 1;
  ctx.stroke();
  ctx.font = font(theme.font.axisTitleSize);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText(opts.xTitle ?? 'x', rect.x + rect.w / 2, rect.y + rect.h + 33);
  ctx.translate(rect.x - 33, rect.y + rect.h / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'top';
  ctx.fillText(opts.yTitle ?? 'y', 0, -2);
  ctx.restore();
}

/** A panel's own title, centred over its plot area. */
export function drawPanelTitle(ctx: SKRSContext2D, rect: Rect, text: string): void {
  ctx.save();
  ctx.fillStyle = theme.colors.text;
  ctx.font = font(theme.font.panelTitleSize, 'bold');
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText(text, rect.x + rect.w / 2, rect.y - 6);
  ctx.restore();
}

/** A vertical colour bar with a title and min/max (and mid) labels; `map` takes u ∈ [0, 1]. */
export function drawColorbar(ctx: SKRSContext2D, rect: Rect, title: string, map: (u: number) => Rgb, labels: { u: number; text: string }[]): void {
  ctx.save();
  ctx.fillStyle = theme.colors.subtleText;
  ctx.font = font(theme.font.labelSize);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'bottom';
  // The bar starts a label's half-height below the title, so the top label (centred on the bar's end) clears it.
  ctx.fillText(title, rect.x, rect.y - 2);
  const barW = 14, top = rect.y + 8, h = rect.h - 10;
  for (let i = 0; i < h; i++) {
    ctx.fillStyle = rgbCss(map(1 - i / (h - 1)));
    ctx.fillRect(rect.x, top + i, barW, 1.2);
  }
  ctx.strokeStyle = theme.colors.domain;
  ctx.lineWidth = 0.5;
  ctx.strokeRect(rect.x, top, barW, h);
  ctx.fillStyle = theme.colors.subtleText;
  ctx.textBaseline = 'middle';
  for (const l of labels) ctx.fillText(l.text, rect.x + barW + 5, top + (1 - l.u) * h);
  ctx.restore();
}

/** Colour swatches with names, in a row from (x, y), e.g. "● target ● generated" inside an overlay panel. */
export function drawSwatches(ctx: SKRSContext2D, x: number, y: number, items: { color: Rgb; label: string }[]): void {
  ctx.save();
  ctx.font = font(theme.font.labelSize);
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  let cx = x;
  for (const it of items) {
    ctx.fillStyle = rgbCss(it.color);
    ctx.beginPath();
    ctx.arc(cx + 4, y, 4, 0, 2 * Math.PI);
    ctx.fill();
    ctx.fillStyle = theme.colors.subtleText;
    ctx.fillText(it.label, cx + 11, y);
    cx += 11 + ctx.measureText(it.label).width + 12;
  }
  ctx.restore();
}

/** A centred note in an empty plot area ("no training in this run"). */
export function drawNote(ctx: SKRSContext2D, rect: Rect, text: string): void {
  ctx.save();
  ctx.fillStyle = theme.colors.subtleText;
  ctx.font = font(theme.font.panelTitleSize);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, rect.x + rect.w / 2, rect.y + rect.h / 2);
  ctx.restore();
}

export { colors };
