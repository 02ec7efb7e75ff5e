/**
 * probability_path.gif: the marginal probability path p_t of the learned flow, laid out left to right: noise
 * (t = 0) on the left travels to the data (t = 1) on the right, the cloud shifted sideways in proportion to t,
 * with the contours of a kernel density estimate of each frame and a time slider under it.
 */
import { createCanvas } from '@napi-rs/canvas';
import type { Bounds, FlowResult } from '@flow-visualizer/core';
import { theme } from '../plot/theme.js';
import { colors, rgbCss, viridis } from '../plot/color.js';
import { font } from '../canvas/fonts.js';
import { splatInto } from '../plot/splat.js';
import { contourSegments } from './contours.js';
import { GifWriter } from './gif-writer.js';
import { kdeBandwidth, kdeGrid } from './kde.js';
import type { AnimateOptions } from './options.js';
import { drawTimeLabel, drawTimeSlider } from './time-slider.js';

/** How far the cloud travels from t = 0 to t = 1, in box widths: a little more than one, so the ends do not touch. */
const TRAVEL = 1.15;

export function probabilityPathLayout(b: Bounds, height: number) {
  const header = Math.round(height * 0.09), slider = Math.round(height * 0.13), pad = Math.round(height * 0.03);
  const bw = b.xmax - b.xmin, bh = b.ymax - b.ymin;
  const plotH = height - header - slider;
  const scale = plotH / bh;
  const D = TRAVEL * bw;
  const width = Math.round((bw + D) * scale) + 2 * pad;
  const left = b.xmin - D / 2;
  return {
    width, height, header, slider, pad, scale, D,
    /** Pixel position of data point (x, y) shown at time t. */
    px: (x: number, t: number) => pad + (x + (t - 0.5) * D - left) * scale,
    py: (y: number) => header + (b.ymax - y) * scale,
    /** The box the cloud sits in at time t, in data units of the unshifted points. */
    plot: { y: header, h: plotH },
  };
}

export async function renderProbabilityPathGif(result: FlowResult, o: AnimateOptions): Promise<Uint8Array> {
  const b = result.bounds;
  const L = probabilityPathLayout(b, o.height);
  const { width: W, height: H } = L;
  const frames = [...result.frames].sort((p, q) => p.t - q.t);
  if (!frames.length) throw new Error('the result has no frames to animate');
  const cx = (b.xmin + b.xmax) / 2;
  const textSize = Math.max(10, Math.round(H * 0.042));

  // Static layer: title, the target faded at the right end, the t = 0 cloud faded at the left end, labels.
  const base = createCanvas(W, H);
  const bctx = base.getContext('2d');
  bctx.fillStyle = theme.colors.background;
  bctx.fillRect(0, 0, W, H);
  const baseImg = bctx.getImageData(0, 0, W, H);
  const rgba = Uint8ClampedArray.from(baseImg.data);
  const shifted = (x: Float32Array, t: number) => {
    const out = new Float32Array(x.length);
    const off = (t - 0.5) * L.D;
    for (let i = 0; i < x.length; i += 2) (out[i] = x[i] + off), (out[i + 1] = x[i + 1]);
    return out;
  };
  // The whole frame as one box in data units: splatting then places points exactly as L.px/L.py do.
  const world: Bounds = { xmin: b.xmin - L.D / 2 - L.pad / L.scale, xmax: b.xmin - L.D / 2 + (W - L.pad) / L.scale, ymin: b.ymin - (H - L.header - L.plot.h) / L.scale, ymax: b.ymax + L.header / L.scale };
  splatInto(rgba, W, H, shifted(result.target, 1), world, 1, colors.targetFaded, 0.35);
  splatInto(rgba, W, H, shifted(frames[0].x, 0), world, 1, colors.grid, 0.6);
  baseImg.data.set(rgba);
  bctx.putImageData(baseImg, 0, 0);
  bctx.fillStyle = theme.colors.text;
  bctx.font = font(Math.round(textSize * 1.15), 'bold');
  bctx.textBaseline = 'middle';
  bctx.fillText(`Probability path p_t: noise → ${result.context.dataset}`, L.pad, L.header / 2);
  bctx.font = font(textSize);
  bctx.fillStyle = theme.colors.subtleText;
  bctx.textAlign = 'center';
  bctx.textBaseline = 'top';
  bctx.fillText('noise N(0, I), t = 0', L.px(cx, 0), L.header + 4);
  bctx.fillText('data, t = 1', L.px(cx, 1), L.header + 4);

  const canvas = createCanvas(W, H);
  const ctx = canvas.getContext('2d');
  const h = kdeBandwidth(frames[frames.length - 1].x, o.bandwidth_factor);
  const levels = Array.from({ length: o.contour_levels }, (_, j) => (j + 1) / (o.contour_levels + 1));
  const G = o.density_grid_size;
  const draw = (k: number): Uint8ClampedArray => {
    const f = frames[k];
    ctx.drawImage(base, 0, 0);
    // Contours of this frame's density, each level a fraction of the frame's peak, coloured low → high.
    const grid = kdeGrid(f.x, b, G, Math.max(h, kdeBandwidth(f.x, o.bandwidth_factor)));
    const gx = (b.xmax - b.xmin) / (G - 1), gy = (b.ymax - b.ymin) / (G - 1);
    ctx.lineWidth = 1.4;
    levels.forEach((u, j) => {
      const seg = contourSegments(grid, u * grid.max);
      ctx.strokeStyle = rgbCss(viridis(0.1 + 0.8 * (j / Math.max(1, levels.length - 1))));
      ctx.beginPath();
      for (let i = 0; i < seg.length; i += 4) {
        ctx.moveTo(L.px(b.xmin + seg[i] * gx, f.t), L.py(b.ymin + seg[i + 1] * gy));
        ctx.lineTo(L.px(b.xmin + seg[i + 2] * gx, f.t), L.py(b.ymin + seg[i + 3] * gy));
      }
      ctx.stroke();
    });
    drawTimeLabel(ctx, W - L.pad, L.header / 2, f.t, textSize);
    drawTimeSlider(ctx, L.px(cx, 0), L.px(cx, 1), H - L.slider * 0.72, f.t, textSize);
    const img = ctx.getImageData(0, 0, W, H);
    const px = Uint8ClampedArray.from(img.data);
    splatInto(px, W, H, shifted(f.x, f.t), world, 0.9, colors.generated, 0.45);
    return px;
  };

  const writer = new GifWriter(W, H, [draw(0), draw(frames.length >> 1), draw(frames.length - 1)]);
  const frameMs = 1000 / o.animation_fps;
  for (let k = 0; k < frames.length; k++) {
    writer.add(draw(k), frameMs + (k === frames.length - 1 ? o.hold_seconds * 1000 : k === 0 ? 400 : 0));
  }
  return writer.bytes();
}
