/** The time indicator drawn into each frame: a track from t = 0 to t = 1, its filled part, a knob and labels. */
import type { SKRSContext2D } from '@napi-rs/canvas';
import { theme } from '../plot/theme.js';
import { font } from '../canvas/fonts.js';

export function drawTimeSlider(ctx: SKRSContext2D, x0: number, x1: number, y: number, t: number, size: number): void {
  const knob = Math.max(4, size * 0.45);
  ctx.save();
  ctx.lineCap = 'round';
  ctx.lineWidth = Math.max(2, size * 0.22);
  ctx.strokeStyle = theme.colors.grid;
  ctx.beginPath(); ctx.moveTo(x0, y); ctx.lineTo(x1, y); ctx.stroke();
  ctx.strokeStyle = theme.colors.generated;
  ctx.beginPath(); ctx.moveTo(x0, y); ctx.lineTo(x0 + (x1 - x0) * t, y); ctx.stroke();
  ctx.font = font(Math.max(9, Math.round(size * 0.8)));
  ctx.fillStyle = theme.colors.subtleText;
  ctx.textBaseline = 'top';
  ctx.textAlign = 'center';
  for (const u of [0, 0.5, 1]) {
    ctx.fillRect(x0 + (x1 - x0) * u - 0.5, y + knob * 0.6, 1, knob * 0.5);
    ctx.fillText(String(u), x0 + (x1 - x0) * u, y + knob * 1.2);
  }
  ctx.fillStyle = theme.colors.background;
  ctx.strokeStyle = theme.colors.generated;
  ctx.lineWidth = 2;
  ctx.beginPath(); ctx.arc(x0 + (x1 - x0) * t, y, knob, 0, 2 * Math.PI); ctx.fill(); ctx.stroke();
  ctx.restore();
}

/** "t = 0.42" at the right end of a header band. */
export function drawTimeLabel(ctx: SKRSContext2D, right: number, y: number, t: number, size: number): void {
  ctx.save();
  ctx.font = font(size);
  ctx.fillStyle = theme.colors.text;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  ctx.fillText(`t = ${t.toFixed(2)}`, right, y);
  ctx.restore();
}
