/**
 * compare.gif: several models side by side, each carrying the same noise from t=0 to t=1, one panel per run with
 * its title, the faded target behind and one shared time label; drawn and encoded as flow.gif is (fixed palette,
 * only changed pixels after the first frame).
 */
import { createCanvas } from '@napi-rs/canvas';
import gifenc from 'gifenc';
import type { Bounds, Snapshot } from '@flow-visualizer/core';
import { theme } from '../plot/theme.js';
import { colors } from '../plot/color.js';
import { font } from '../canvas/fonts.js';
import { pointStyle, splatInto } from '../plot/splat.js';
import { pointsAtTime } from '../canvas/gif/frames.js';
import { animationPalette, diffAgainst, indexPixels, TRANSPARENT_INDEX } from '../canvas/gif/palette.js';

export interface CompareGifPanel {
  title: string;
  target: Float32Array;
  /** Positions of the same noise points at increasing t, from 0 to 1. */
  frames: Snapshot[];
}

export interface CompareGifOptions {
  title: string;
  bounds: Bounds;
  /** Width and height of one panel, pixels. */
  panelSize: number;
  seconds: number;
  fps: number;
  holdSeconds: number;
  columns?: number;
}

export async function renderCompareGif(panels: readonly CompareGifPanel[], o: CompareGifOptions): Promise<Uint8Array> {
  const cols = Math.max(1, Math.min(o.columns ?? 4, panels.length));
  const rows = Math.ceil(panels.length / cols);
  const gap = 10, header = 30, titleBand = 20, side = o.panelSize;
  const width = cols * side + (cols + 1) * gap;
  const height = header + rows * (titleBand + side + gap);
  const rect = (i: number) => ({ x: gap + (i % cols) * (side + gap), y: header + Math.floor(i / cols) * (titleBand + side + gap) + titleBand, w: side, h: side });

  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = theme.colors.background;
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = theme.colors.text;
  ctx.textBaseline = 'middle';
  ctx.font = font(14, 'bold');
  ctx.fillText(o.title, gap, header / 2);
  panels.forEach((p, i) => {
    const r = rect(i);
    ctx.strokeStyle = theme.colors.domain;
    ctx.lineWidth = 1;
    ctx.strokeRect(r.x - 0.5, r.y - 0.5, r.w + 1, r.h + 1);
    ctx.fillStyle = theme.colors.text;
    ctx.font = font(12);
    ctx.textAlign = 'center';
    ctx.fillText(p.title, r.x + r.w / 2, r.y - titleBand / 2, r.w);
    ctx.textAlign = 'left';
    const img = ctx.getImageData(r.x, r.y, r.w, r.h);
    const st = pointStyle(colors.targetFaded, p.target.length >> 1, side, true);
    splatInto(img.data, r.w, r.h, p.target, o.bounds, st.radius, st.color, Math.min(0.8, st.opacity * 1.5));
    ctx.putImageData(img, r.x, r.y);
  });
  const base = createCanvas(width, height);
  base.getContext('2d').drawImage(canvas, 0, 0);

  const nFrames = Math.max(2, Math.round(o.seconds * o.fps));
  const movers = panels.map((p) => pointsAtTime(p.frames));
  const buffers = movers.map((m) => new Float32Array(2 * m.count));
  const palette = animationPalette();
  const encoder = gifenc.GIFEncoder();
  const rgba = new Uint8ClampedArray(width * height * 4);
  let indexed = new Uint8Array(width * height), previous = new Uint8Array(width * height);
  const diff = new Uint8Array(width * height);
  const frameMs = Math.max(20, Math.round(100 / o.fps) * 10);
  for (let k = 0; k < nFrames; k++) {
    const t = k / (nFrames - 1);
    ctx.drawImage(base, 0, 0);
    ctx.fillStyle = theme.colors.text;
    ctx.font = font(13);
    ctx.textAlign = 'right';
    ctx.fillText(`t = ${t.toFixed(2)}`, width - gap, header / 2);
    ctx.textAlign = 'left';
    rgba.set(ctx.getImageData(0, 0, width, height).data);
    movers.forEach((m, i) => {
      const r = rect(i);
      const st = pointStyle(colors.generated, m.count, side);
      splatInto(rgba, r.w, r.h, m.at(t, buffers[i]), o.bounds, Math.max(0.9, st.radius), colors.generated, Math.min(0.9, st.opacity + 0.2), { stride: width, offset: r.y * width + r.x });
    });
    indexPixels(rgba, palette.lut, indexed);
    const hold = k === nFrames - 1 ? o.holdSeconds * 1000 : k === 0 ? 400 : 0;
    if (k === 0) encoder.writeFrame(indexed, width, height, { palette: palette.colors, delay: frameMs + hold, repeat: 0, dispose: 1 });
    else encoder.writeFrame(diffAgainst(previous, indexed, diff), width, height, { delay: frameMs + hold, transparent: true, transparentIndex: TRANSPARENT_INDEX, dispose: 1 });
    [previous, indexed] = [indexed, previous];
  }
  encoder.finish();
  return encoder.bytes();
}
