/**
 * A velocity field as arrows, centred on their grid points, all on one length scale so that lengths compare
 * across panels and frames: the longest arrow is ARROW_FILL of a grid cell (the vega renderer's rule too).
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { FieldSnapshot } from '@flow-visualizer/core';
import { rgbCss, mix, type Rgb } from './color.js';
import type { Scale } from './figure.js';

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

export function drawArrows(ctx: SKRSContext2D, field: FieldSnapshot, scale: Scale, style: ArrowStyle): void {
  const { grid, velocity } = field;
  ctx.save();
  ctx.lineWidth = style.lineWidth;
  ctx.lineCap = 'round';
  for (let i = 0; i + 1 < grid.length; i += 2) {
    const vx = velocity[i], vy = velocity[i + 1];
    const speed = Math.hypot(vx, vy);
    if (!Number.isFinite(speed) || speed === 0) continue;
    // Faster than the top of the colour scale: drawn at its length (the legend reads "≥ vmax").
    const cap = style.vmax > 0 && speed > style.vmax ? style.vmax / speed : 1;
    const dx = vx * cap * style.lengthPerSpeed, dy = vy * cap * style.lengthPerSpeed;
    const x1 = scale.x(grid[i] - dx / 2), y1 = scale.y(grid[i + 1] - dy / 2);
    const x2 = scale.x(grid[i] + dx / 2), y2 = scale.y(grid[i + 1] + dy / 2);
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
