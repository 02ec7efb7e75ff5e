/**
 * evolution.gif: the model's samples during training (the same noise carried to t = 1 at each snapshot),
 * morphing from one snapshot to the next (the points correspond, so the motion is how training moved them), each
 * snapshot held with its epoch and sliced W1 in the header, over the faded target.
 */
import { createCanvas } from '@napi-rs/canvas';
import gifenc from 'gifenc';
import { evolutionFloor, pointCount, type FlowResult } from '@flow-visualizer/core';
import { theme } from '../../plot/theme.js';
import { colors } from '../../plot/color.js';
import { font } from '../fonts.js';
import { splatInto } from '../../plot/splat.js';
import { drawGifBackground, gifLayout } from './flow-gif.js';
import { colourGroups, pick } from '../plots/condition-points.js';

export const EVOLUTION_GIF = 'evolution.gif';

/** Morph frames between two snapshots, and how long each snapshot is held (ms). */
const MORPH_FRAMES = 8, MORPH_MS = 60, HOLD_MS = 700;

export function renderEvolutionGif(result: FlowResult, size: number): Uint8Array | null {
  const snaps = result.evolution ?? [];
  if (!snaps.length) return null;
  const { header, plot } = gifLayout(size);
  const b = result.bounds;
  const canvas = createCanvas(size, size);
  const ctx = canvas.getContext('2d');
  // The static part: background, frame, faded target.
  drawGifBackground(ctx, size, plot);
  const area = { stride: size, offset: plot.y * size + plot.x };
  const img = ctx.getImageData(0, 0, size, size);
  const pixels = Uint8ClampedArray.from(img.data);
  splatInto(pixels, plot.w, plot.h, result.target, b, 1.2, colors.targetFaded, 0.5, area);
  img.data.set(pixels);
  ctx.putImageData(img, 0, 0);
  // Kept as a canvas: drawImage is a fast blit.
  const base = createCanvas(size, size);
  base.getContext('2d').drawImage(canvas, 0, 0);

  const n = Math.min(...snaps.map((s) => pointCount(s.x)));
  const floor = evolutionFloor(snaps);
  const cur = new Float32Array(2 * n);
  // A conditional run whose record kept the samples' conditions: each point in its condition's colour.
  const cond = result.conditions && snaps[0].conditions ? result.conditions : undefined;
  const groups = cond ? colourGroups(snaps[0].conditions!, cond, n) : undefined;
  const frames: { rgba: Uint8ClampedArray; delay: number }[] = [];
  const draw = (k: number, w: number, delay: number) => {
    const a = snaps[k].x, c = snaps[Math.min(k + 1, snaps.length - 1)].x;
    for (let i = 0; i < 2 * n; i++) cur[i] = a[i] + (c[i] - a[i]) * w;
    const shown = w < 0.5 ? snaps[k] : snaps[Math.min(k + 1, snaps.length - 1)];
    ctx.drawImage(base, 0, 0);
    ctx.fillStyle = theme.colors.text;
    ctx.font = font(Math.max(11, Math.round(header * 0.48)), 'bold');
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    ctx.fillText(`epoch ${shown.epoch}`, plot.x, header / 2);
    ctx.textAlign = 'right';
    ctx.font = font(Math.max(10, Math.round(header * 0.42)));
    ctx.fillText(`sliced W1 ${Number.isFinite(shown.sliced_w1) ? shown.sliced_w1.toFixed(3) : 'n/a'}${floor !== undefined ? ` (floor ${floor.toFixed(3)})` : ''}`, plot.x + plot.w, header / 2);
    const rgba = new Uint8ClampedArray(ctx.getImageData(0, 0, size, size).data);
    if (groups) for (const g of groups) splatInto(rgba, plot.w, plot.h, pick(cur, g.indices), b, 1.5, g.color, 0.8, area);
    else splatInto(rgba, plot.w, plot.h, cur, b, 1.5, colors.generated, 0.8, area);
    frames.push({ rgba, delay });
  };
  for (let k = 0; k < snaps.length; k++) {
    draw(k, 0, k === snaps.length - 1 ? 3 * HOLD_MS : HOLD_MS);
    if (k + 1 < snaps.length) for (let m = 1; m < MORPH_FRAMES; m++) draw(k, m / MORPH_FRAMES, MORPH_MS);
  }
  // One palette for all frames, from the last (the most varied) frame.
  const palette = gifenc.quantize(frames[frames.length - 1].rgba, 64);
  const encoder = gifenc.GIFEncoder();
  frames.forEach((f, i) => encoder.writeFrame(gifenc.applyPalette(f.rgba, palette), size, size, i === 0 ? { palette, delay: f.delay, repeat: 0 } : { delay: f.delay }));
  encoder.finish();
  return encoder.bytes();
}
