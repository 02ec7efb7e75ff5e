/**
 * A velocity field as arrows, centred on their grid points, all on one length scale so that lengths compare
 * across panels and frames: the longest arrow is ARROW_FILL of a grid cell (the vega renderer's rule too).
 */
import type { FieldSnapshot } from '@flow-visualizer/core';
import { rgbCss, mix, type Rgb } from './color.js';
import type { Canvas2D, Scale } from './scale.js';

export const ARROW_FILL = 0.9;

export interface ArrowStyle {
  /** Data units of arrow length per unit of speed. */
  lengthPerSpeed: number;
  /** Speed at the top of the colour scale. */
  vmax: number;
  color: (u: number) => Rgb;
  lineWidth: number;
  /** Arrows are mixed this much towards `fadeTo` (a faint backdrop); 0 for full colour. */
  fade?: number;
  fadeTo?: Rgb;
}

/** One arrow of a field, centred on its grid point, in data units. */
export interface Arrow {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** |v|, capped at vmax (the speed the arrow is drawn and coloured at). */
  speed: number;
}

/**
 * The arrow of velocity (vx, vy) at grid point (gx, gy): `lengthPerSpeed` data units per unit of speed, and an
 * arrow faster than `vmax` drawn at vmax's length (the legend then reads "≥ vmax"). Undefined for a zero or
 * non-finite speed. Every picture of a field (PNG, GIF, report, Flow Studio) places its arrows with this.
 */
export function arrowAt(gx: number, gy: number, vx: number, vy: number, vmax: number, lengthPerSpeed: number): Arrow | undefined {
  const speed = Math.hypot(vx, vy);
  if (!Number.isFinite(speed) || speed === 0) return undefined;
  const cap = vmax > 0 && speed > vmax ? vmax / speed : 1;
  const dx = vx * cap * lengthPerSpeed, dy = vy * cap * lengthPerSpeed;
  return { x1: gx - dx / 2, y1: gy - dy / 2, x2: gx + dx / 2, y2: gy + dy / 2, speed: vmax > 0 ? Math.min(speed, vmax) : speed };
}

export function drawArrows(ctx: Canvas2D, field: FieldSnapshot, scale: Scale, style: ArrowStyle): void {
  const { grid, velocity } = field;
  ctx.save();
  ctx.lineWidth = style.lineWidth;
  ctx.lineCap = 'round';
  for (let i = 0; i + 1 < grid.length; i += 2) {
    const arrow = arrowAt(grid[i], grid[i + 1], velocity[i], velocity[i + 1], style.vmax, style.lengthPerSpeed);
    if (!arrow) continue;
    const speed = arrow.speed;
    const x1 = scale.x(arrow.x1), y1 = scale.y(arrow.y1);
    const x2 = scale.x(arrow.x2), y2 = scale.y(arrow.y2);
    const len = Math.hypot(x2 - x1, y2 - y1);
    if (len < 0.3) continue;
    let c = style.color(style.vmax > 0 ? Math.min(1, speed / style.vmax) : 0);
    if (style.fade && style.fadeTo) c = mix(c, style.fadeTo, style.fade);
    const css = rgbCss([Math.round(c[0]), Math.round(c[1]), Math.round(c[2])]);
    // The head takes a third of the arrow, so a slow arrow gets a small head, not a big triangle on a dot.
    const head = Math.min(len, Math.max(4, Math.min(len * 0.45, 3 + 2.5 * style.lineWidth)));
    const ux = (x2 - x1) / len, uy = (y2 - y1) / len;
    ctx.strokeStyle = css;
    ctx.fillStyle = css;
    ctx.beginPath();
    ctx.moveTo(x1, y1);
    ctx.lineTo(x2 - ux * head * 0.8, y2 - uy * head * 0.8);
    ctx.stroke();
    ctx.beginPath();
    ctx.moveTo(x2, y2);
    ctx.lineTo(x2 - ux * head - uy * head * 0.42, y2 - uy * head + ux * head * 0.42);
    ctx.lineTo(x2 - ux * head + uy * head * 0.42, y2 - uy * head - ux * head * 0.42);
    ctx.closePath();
    ctx.fill();
  }
  ctx.restore();
}
