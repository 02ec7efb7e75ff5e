/**
 * curvature.gif: particles following the learned flow from noise to data, each trailing its last
 * `trail_length` positions, coloured by how curved its whole path is (path length ÷ distance between its ends;
 * 1 = a straight line). A flow with straight paths (OT pairing, rectified flow) shows uniform dark trails; a
 * curved one shows bright, bending ones. The time slider under the plot says where in t the frame is.
 */
import { createCanvas } from '@napi-rs/canvas';
import { createRng, pointCount, type FlowResult, type Snapshot } from '@flow-visualizer/core';
import { theme } from '../plot/theme.js';
import { colors, rgbCss, viridis } from '../plot/color.js';
import { font } from '../canvas/fonts.js';
import { splatInto } from '../plot/splat.js';
import { GifWriter } from './gif-writer.js';
import type { AnimateOptions } from './options.js';
import { drawTimeLabel, drawTimeSlider } from './time-slider.js';

/** Ratios from 1 (straight) to this are spread over the colour scale; more curved paths take its top colour. */
export const CURVATURE_TOP = 1.5;
/** Colour groups: trails are stroked one path per group and age, not one per particle. */
const BUCKETS = 10;

/** Path length ÷ endpoint distance of each particle over the frames (NaN for one that does not move). */
export function pathRatios(frames: readonly Snapshot[], indices: Uint32Array): Float64Array {
  const out = new Float64Array(indices.length);
  const first = frames[0].x, last = frames[frames.length - 1].x;
  indices.forEach((j, i) => {
    let len = 0;
    for (let k = 1; k < frames.length; k++) len += Math.hypot(frames[k].x[2 * j] - frames[k - 1].x[2 * j], frames[k].x[2 * j + 1] - frames[k - 1].x[2 * j + 1]);
    const d = Math.hypot(last[2 * j] - first[2 * j], last[2 * j + 1] - first[2 * j + 1]);
    out[i] = d > 1e-6 ? len / d : NaN;
  });
  return out;
}

const colorOf = (bucket: number) => viridis(0.85 * (bucket / (BUCKETS - 1)));

export async function renderCurvatureGif(result: FlowResult, o: AnimateOptions): Promise<Uint8Array> {
  const frames = [...result.frames].sort((p, q) => p.t - q.t);
  if (!frames.length) throw new Error('the result has no frames to animate');
  const H = o.height;
  const header = Math.round(H * 0.09), slider = Math.round(H * 0.13), pad = Math.round(H * 0.03), legend = Math.round(H * 0.48);
  const side = H - header - slider;
  const W = pad + side + legend;
  const b = result.bounds;
  const scale = side / (b.xmax - b.xmin);
  const X = (x: number) => pad + (x - b.xmin) * scale, Y = (y: number) => header + (b.ymax - y) * scale;
  const textSize = Math.max(10, Math.round(H * 0.042));

  const n = pointCount(frames[0].x);
  const m = Math.min(n, o.n_particles);
  const indices = createRng(result.context.seed, 'curvature-particles').permutation(n).slice(0, m);
  const ratios = pathRatios(frames, indices);
  const bucket = Uint8Array.from(ratios, (r) => (Number.isFinite(r) ? Math.min(BUCKETS - 1, Math.round(((r - 1) / (CURVATURE_TOP - 1)) * (BUCKETS - 1))) : 0));
  // Both figures: the median is the typical path; the mean (what the run prints, metrics.json's straightness)
  // is pulled up by the few particles that move little and wander, whose ratios are large.
  const finite = [...ratios].filter(Number.isFinite).sort((p, q) => p - q);
  const medianRatio = typeof result.metrics?.straightness_median === 'number' ? result.metrics.straightness_median : finite.length ? finite[finite.length >> 1] : NaN;
  const meanRatio = typeof result.metrics?.straightness === 'number' ? result.metrics.straightness : finite.reduce((a, r) => a + r, 0) / finite.length;

  // Static layer: title, frame, faded target, colour bar.
  const base = createCanvas(W, H);
  const bctx = base.getContext('2d');
  bctx.fillStyle = theme.colors.background;
  bctx.fillRect(0, 0, W, H);
  const img = bctx.getImageData(pad, header, side, side);
  const px = Uint8ClampedArray.from(img.data);
  splatInto(px, side, side, result.target, b, 1, colors.targetFaded, 0.3);
  img.data.set(px);
  bctx.putImageData(img, pad, header);
  bctx.strokeStyle = theme.colors.domain;
  bctx.lineWidth = 1;
  bctx.strokeRect(pad - 0.5, header - 0.5, side + 1, side + 1);
  bctx.fillStyle = theme.colors.text;
  bctx.font = font(Math.round(textSize * 1.15), 'bold');
  bctx.textBaseline = 'middle';
  bctx.fillText('Path curvature', pad, header / 2);
  const barX = pad + side + legend * 0.14, barW = legend * 0.1, barY = header + side * 0.14, barH = side * 0.62;
  for (let k = 0; k < BUCKETS; k++) {
    bctx.fillStyle = rgbCss(colorOf(k));
    bctx.fillRect(barX, barY + barH * (1 - (k + 1) / BUCKETS), barW, barH / BUCKETS + 0.5);
  }
  bctx.font = font(Math.round(textSize * 0.9));
  bctx.fillStyle = theme.colors.subtleText;
  bctx.textAlign = 'left';
  bctx.fillText(`≥ ${CURVATURE_TOP} (curved)`, barX + barW + 4, barY + 2);
  bctx.fillText('1 (straight)', barX + barW + 4, barY + barH - 2);
  bctx.fillText(`median ${medianRatio.toFixed(2)}`, barX, barY + barH + textSize * 1.2);
  bctx.fillText(`mean ${meanRatio.toFixed(2)} (printed)`, barX, barY + barH + textSize * 2.3);
  bctx.font = font(Math.round(textSize * 0.75));
  bctx.fillText('mean > median: a few', barX, barY + barH + textSize * 3.4);
  bctx.fillText('short paths bend most', barX, barY + barH + textSize * 4.3);
  bctx.textBaseline = 'bottom';
  bctx.fillText('length ÷ distance', barX, barY - 6 - textSize);
  bctx.fillText('of each path', barX, barY - 6);

  const canvas = createCanvas(W, H);
  const ctx = canvas.getContext('2d');
  const trail = o.trail_length;
  const draw = (k: number): Uint8ClampedArray => {
    const t = frames[k].t;
    ctx.drawImage(base, 0, 0);
    ctx.save();
    ctx.beginPath();
    ctx.rect(pad, header, side, side);
    ctx.clip();
    ctx.lineCap = 'round';
    // Oldest segments first and faintest; one stroke per (age, colour group).
    for (let age = Math.min(trail, k); age >= 1; age--) {
      const a = frames[k - age].x, c = frames[k - age + 1].x;
      ctx.globalAlpha = 0.15 + 0.75 * (1 - (age - 1) / Math.max(1, trail));
      ctx.lineWidth = 1.6;
      for (let g = 0; g < BUCKETS; g++) {
        ctx.strokeStyle = rgbCss(colorOf(g));
        ctx.beginPath();
        let any = false;
        for (let i = 0; i < m; i++) {
          if (bucket[i] !== g) continue;
          const j = indices[i];
          ctx.moveTo(X(a[2 * j]), Y(a[2 * j + 1]));
          ctx.lineTo(X(c[2 * j]), Y(c[2 * j + 1]));
          any = true;
        }
        if (any) ctx.stroke();
      }
    }
    ctx.globalAlpha = 1;
    const x = frames[k].x;
    for (let g = 0; g < BUCKETS; g++) {
      ctx.fillStyle = rgbCss(colorOf(g));
      ctx.beginPath();
      for (let i = 0; i < m; i++) {
        if (bucket[i] !== g) continue;
        const j = indices[i];
        ctx.moveTo(X(x[2 * j]) + 2.2, Y(x[2 * j + 1]));
        ctx.arc(X(x[2 * j]), Y(x[2 * j + 1]), 2.2, 0, 2 * Math.PI);
      }
      ctx.fill();
    }
    ctx.restore();
    drawTimeLabel(ctx, pad + side, header / 2 + header * 0.0, t, textSize);
    drawTimeSlider(ctx, pad + side * 0.06, pad + side * 0.94, H - slider * 0.72, t, textSize);
    return Uint8ClampedArray.from(ctx.getImageData(0, 0, W, H).data);
  };

  const writer = new GifWriter(W, H, [draw(0), draw(frames.length >> 1), draw(frames.length - 1)]);
  const frameMs = 1000 / o.animation_fps;
  for (let k = 0; k < frames.length; k++) {
    writer.add(draw(k), frameMs + (k === frames.length - 1 ? o.hold_seconds * 1000 : k === 0 ? 400 : 0));
  }
  return writer.bytes();
}
