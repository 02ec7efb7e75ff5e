/**
 * flow.gif: the generated points moving from noise (t=0) to the learned distribution (t=1), with faint trails, the
 * faded target and the learned field at each frame's t as a backdrop. Static parts are drawn once; each frame
 * draws the arrows and the time label on a canvas, blends trails and points into the pixels directly, and is
 * quantized through a fixed palette (one table look-up per pixel) before gifenc encodes it.
 */
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import gifenc from 'gifenc';
import { createRng, pointCount, type FieldSnapshot, type FlowResult } from '@flow-visualizer/core';
import { theme } from '../../plot/theme.js';
import { drawArrows, ARROW_FILL } from '../../plot/arrows.js';
import { colors, viridis } from '../../plot/color.js';
import { cellSize, fieldSampler } from '../field-at.js';
import { linearScale } from '../figure.js';
import { font } from '../fonts.js';
import type { Rect } from '../layout.js';
import { pointStyle, splatInto } from '../../plot/splat.js';
import type { CanvasOptions } from '../options.js';
import { pointsAtTime } from './frames.js';
import { animationPalette, diffAgainst, indexPixels, TRANSPARENT_INDEX } from './palette.js';
import { TrailBuffer } from './trails.js';
import { classNames, classRgb, conditionRamp } from '../../plot/conditions.js';
import { colourGroups, pick } from '../plots/condition-points.js';
import { drawSwatches } from '../figure.js';

export type GifOptions = Pick<CanvasOptions, 'gif_seconds' | 'gif_fps' | 'gif_hold_seconds' | 'gif_size' | 'gif_points' | 'trails' | 'trail_fade' | 'field_backdrop' | 'field_grid' | 'show_target'>;

/** Number of frames flow.gif gets for these options (t = k / (frames − 1), k = 0 … frames − 1). */
export function gifFrameCount(o: Pick<GifOptions, 'gif_seconds' | 'gif_fps'>): number {
  return Math.max(2, Math.round(o.gif_seconds * o.gif_fps));
}

/** Where the plot goes in a size×size GIF: a header band for the title and t, the square plot below it. */

/** A GIF's background and plot frame, the part every frame shares. */
export function drawGifBackground(ctx: SKRSContext2D, size: number, plot: Rect): void {
  ctx.fillStyle = theme.colors.background;
  ctx.fillRect(0, 0, size, size);
  ctx.strokeStyle = theme.colors.domain;
  ctx.lineWidth = 1;
  ctx.strokeRect(plot.x - 0.5, plot.y - 0.5, plot.w + 1, plot.h + 1);
}
export function gifLayout(size: number): { header: number; plot: Rect } {
  const header = Math.max(26, Math.round(size * 0.075));
  const side = size - header - 8;
  return { header, plot: { x: Math.round((size - side) / 2), y: header, w: side, h: side } };
}

/** Renders flow.gif into bytes. */
export async function renderFlowGif(result: FlowResult, o: GifOptions): Promise<Uint8Array> {
  const size = o.gif_size;
  const { header, plot } = gifLayout(size);
  const b = result.bounds;
  const nFrames = gifFrameCount(o);
  const times = Array.from({ length: nFrames }, (_, k) => k / (nFrames - 1));

  // Follow a random subset when there are many points (the same points in every frame).
  const n = pointCount(result.frames[0]?.x ?? result.generated);
  const indices = n > o.gif_points ? createRng(result.context.seed, 'gif-points').permutation(n).slice(0, o.gif_points) : undefined;
  const points = pointsAtTime(result.frames.length ? result.frames : [{ t: 1, x: result.generated }], indices);

  // The backdrop field at every frame's t, on one length scale: the 98th percentile speed fills ARROW_FILL of a
  // cell (one outlier must not shrink every arrow to a dot); faster arrows are capped at that length.
  const sampler = o.field_backdrop ? fieldSampler(result, o.field_grid) : null;
  const fields: FieldSnapshot[] = [];
  if (sampler) for (const t of times) fields.push(await sampler.at(t));
  const speeds: number[] = [];
  for (const f of fields) for (let i = 0; i + 1 < f.velocity.length; i += 2) {
    const s = Math.hypot(f.velocity[i], f.velocity[i + 1]);
    if (Number.isFinite(s)) speeds.push(s);
  }
  speeds.sort((p, q) => p - q);
  const vref = speeds.length ? speeds[Math.floor(0.98 * (speeds.length - 1))] : 0;

  // Static layer: background, frame, title, faded target.
  const canvas = createCanvas(size, size);
  const ctx = canvas.getContext('2d');
  drawGifBackground(ctx, size, plot);
  const dataset = result.context.dataset;
  ctx.fillStyle = theme.colors.text;
  ctx.font = font(Math.max(11, Math.round(header * 0.5)), 'bold');
  ctx.textBaseline = 'middle';
  ctx.fillText(`Flow: noise → ${dataset}${result.conditions ? `, by ${result.conditions.label}` : ''}`, plot.x, header / 2);
  if (o.show_target) {
    const img = ctx.getImageData(plot.x, plot.y, plot.w, plot.h);
    const st = pointStyle(colors.targetFaded, pointCount(result.target), plot.w, true);
    splatInto(img.data, plot.w, plot.h, result.target, b, st.radius, st.color, st.opacity * 0.8);
    ctx.putImageData(img, plot.x, plot.y);
  }
  // Kept as a canvas: drawImage is a fast blit, putImageData of the same pixels is not.
  const base = createCanvas(size, size);
  base.getContext('2d').drawImage(canvas, 0, 0);

  // A conditional run: the followed points grouped by the colour of their condition (result.generated's order).
  const cf = result.conditions;
  const groups = cf ? colourGroups(Array.from({ length: points.count }, (_, i) => cf.generated[indices ? indices[i] : i]), cf) : undefined;
  if (cf?.kind === 'class') {
    const names = classNames(cf);
    if (names.length <= 6) drawSwatches(ctx, plot.x + 6, plot.y + plot.h - 10, names.map((label, k) => ({ color: classRgb(k), label })));
    base.getContext('2d').drawImage(canvas, 0, 0);
  }
  const palette = cf ? animationPalette(cf.kind === 'class' ? classNames(cf).map((_, k) => classRgb(k)) : [0, 1, 2, 3, 4, 5, 6].map((k) => conditionRamp(k / 6))) : animationPalette();
  const encoder = gifenc.GIFEncoder();
  const trails = o.trails ? new TrailBuffer(plot.w, plot.h, o.trail_fade) : null;
  const style = pointStyle(colors.generated, points.count, plot.w);
  const radius = Math.max(0.9, style.radius), opacity = Math.min(0.9, style.opacity + 0.2);
  let prev: Float32Array = points.at(0, new Float32Array(2 * points.count));
  let cur: Float32Array = new Float32Array(2 * points.count);
  const scale = linearScale(plot, b);
  const lengthPerSpeed = vref > 0 ? (ARROW_FILL * cellSize(b, sampler?.size ?? 1)) / vref : 0;
  let indexed = new Uint8Array(size * size), previous = new Uint8Array(size * size);
  const diff = new Uint8Array(size * size);
  // Our own buffer: typed arrays made by the native canvas are slow to loop over in some hosts (Jest's VM).
  const rgba = new Uint8ClampedArray(size * size * 4);
  const area = { stride: size, offset: plot.y * size + plot.x };
  const frameMs = Math.max(20, Math.round(100 / o.gif_fps) * 10);

  for (let k = 0; k < nFrames; k++) {
    const t = times[k];
    ctx.drawImage(base, 0, 0);
    if (fields[k]) {
      ctx.save();
      ctx.beginPath();
      ctx.rect(plot.x, plot.y, plot.w, plot.h);
      ctx.clip();
      drawArrows(ctx, clampSpeeds(fields[k], vref), scale, { lengthPerSpeed, vmax: vref, color: viridis, lineWidth: 1, fade: 0.62, fadeTo: colors.background });
      ctx.restore();
    }
    // Time label and a progress bar under the header.
    ctx.fillStyle = theme.colors.text;
    ctx.font = font(Math.max(11, Math.round(header * 0.5)));
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    ctx.fillText(`t = ${t.toFixed(2)}`, plot.x + plot.w, header / 2);
    ctx.textAlign = 'left';
    ctx.fillStyle = theme.colors.generated;
    ctx.fillRect(plot.x, header - 4, plot.w * t, 2);

    // One read of the pixels per frame; trails and points are blended into the plot area of that copy.
    points.at(t, cur);
    rgba.set(ctx.getImageData(0, 0, size, size).data);
    if (trails) {
      if (k > 0) trails.step(prev, cur, b);
      // Grey trails under coloured points: trails of several colours would blend into mud.
      trails.paint(rgba, area, groups ? colors.subtleText : colors.generated, groups ? 0.25 : 0.4);
    }
    if (groups) for (const g of groups) splatInto(rgba, plot.w, plot.h, pick(cur, g.indices), b, radius, g.color, opacity, area);
    else splatInto(rgba, plot.w, plot.h, cur, b, radius, colors.generated, opacity, area);
    [prev, cur] = [cur, prev];
    indexPixels(rgba, palette.lut, indexed);
    const hold = k === nFrames - 1 ? o.gif_hold_seconds * 1000 : k === 0 ? 400 : 0;
    // dispose 1 (leave the frame in place): the next frame draws only its changed pixels over it.
    if (k === 0) encoder.writeFrame(indexed, size, size, { palette: palette.colors, delay: frameMs + hold, repeat: 0, dispose: 1 });
    else encoder.writeFrame(diffAgainst(previous, indexed, diff), size, size, { delay: frameMs + hold, transparent: true, transparentIndex: TRANSPARENT_INDEX, dispose: 1 });
    [previous, indexed] = [indexed, previous];
  }
  encoder.finish();
  return encoder.bytes();
}

/** Arrows faster than vref are drawn at vref's length (the colour scale tops out there too). */
function clampSpeeds(f: FieldSnapshot, vref: number): FieldSnapshot {
  if (!(vref > 0)) return f;
  const v = Float32Array.from(f.velocity);
  for (let i = 0; i + 1 < v.length; i += 2) {
    const s = Math.hypot(v[i], v[i + 1]);
    if (s > vref) v[i] *= vref / s, v[i + 1] *= vref / s;
  }
  return { t: f.t, grid: f.grid, velocity: v };
}
