/**
 * The density over time, as the CLI's density plot draws it: the kernel density of the model's samples at a few
 * times from noise (t = 0) to data (t = 1), beside the target's, on one linear colour scale shared by every frame
 * (white at 0, as the CLI's), with the scale's numbers under the frames. The densities come from the worker.
 */
import { hexToRgb, mix, theme, type Rgb } from '@flow-visualizer/renderers/plot';
import type { DensityFrames } from './live-protocol.js';
import { createPanel, font, type Panel } from '../views/panel.js';

/** The CLI's density colours (renderers' vega density spec): white at 0 to dark blue at the scale's top. */
const RAMP: Rgb[] = ['#ffffff', '#c6dbef', '#6baed6', '#2171b5', '#08306b'].map(hexToRgb);
const GAP = 8, TITLE = 16, LEGEND = 26;

export function rampColor(u: number): Rgb {
  const x = Math.min(1, Math.max(0, u)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(x));
  return mix(RAMP[i], RAMP[i + 1], x - i);
}

/** The scale's top: the 99.5th percentile of the cells above 1% of the peak, over every frame (as the CLI's). */
export function scaleTop(grids: Float32Array): number {
  let max = 0;
  for (const v of grids) if (v > max) max = v;
  const vals: number[] = [];
  for (const v of grids) if (v > 0.01 * max) vals.push(v);
  vals.sort((a, b) => a - b);
  return vals.length ? vals[Math.floor(0.995 * (vals.length - 1))] || 1 : 1;
}

export class DensityView {
  readonly panel: Panel = createPanel('Density over time: p_t from the start (t = 0) to data (t = 1), beside the target', 'density', 5);

  constructor() {
    this.panel.root.title = 'Each square is the kernel density of the generated points at one time (the target\'s last), on one colour scale: the flow moves the mass from the Gaussian to the data.';
  }

  draw(d: DensityFrames | undefined, note = ''): void {
    const canvas = this.panel.canvas;
    this.panel.paint((g, w, h) => {
      const frames = d ? d.times.length + 1 : 6;
      const cols = w >= 560 ? frames : Math.ceil(frames / 2);
      const rows = Math.ceil(frames / cols);
      const side = Math.max(20, (w - GAP * (cols + 1)) / cols);
      // The canvas takes the height its frames need (the ResizeObserver repaints after the change).
      // On a narrow screen the note takes a line of its own above the colour bar.
      const narrow = w < 560;
      const legend = narrow ? LEGEND + 16 : LEGEND;
      const want = rows * (side + TITLE + GAP) + legend;
      const aspect = (w / want).toFixed(3);
      if (Math.abs(want - h) > 2 && canvas.style.aspectRatio !== aspect) canvas.style.aspectRatio = aspect;
      g.fillStyle = theme.colors.text;
      g.font = font(theme.font.labelSize);
      g.textBaseline = 'alphabetic';
      if (!d) {
        g.textAlign = 'left';
        g.fillText(note || 'no model yet', GAP, TITLE);
        return;
      }
      const top = scaleTop(d.grids);
      const cells = d.size * d.size;
      const off = document.createElement('canvas');
      off.width = off.height = d.size;
      const og = off.getContext('2d')!;
      for (let k = 0; k < frames; k++) {
        const x = GAP + (k % cols) * (side + GAP), y = Math.floor(k / cols) * (side + TITLE + GAP) + TITLE;
        const img = og.createImageData(d.size, d.size);
        for (let iy = 0; iy < d.size; iy++) for (let ix = 0; ix < d.size; ix++) {
          const c = rampColor(d.grids[k * cells + iy * d.size + ix] / top);
          // Grid rows go up from the bottom; image rows go down from the top.
          const o = 4 * ((d.size - 1 - iy) * d.size + ix);
          img.data[o] = c[0];
          img.data[o + 1] = c[1];
          img.data[o + 2] = c[2];
          img.data[o + 3] = 255;
        }
        og.putImageData(img, 0, 0);
        g.imageSmoothingEnabled = true;
        g.drawImage(off, x, y, side, side);
        g.strokeStyle = theme.colors.grid;
        g.strokeRect(x, y, side, side);
        g.fillStyle = theme.colors.text;
        g.textAlign = 'center';
        const isTarget = k === d.times.length;
        g.fillText(isTarget ? `target (${d.nTarget})` : `t = ${d.times[k].toFixed(2)}${k === 0 ? ' start' : ''}`, x + side / 2, y - 4);
      }
      // The colour bar: 0 (white) to the scale's top; denser cells are drawn at the top colour.
      const by = h - LEGEND + 8, bw = Math.min(200, w / 3), bx = w - GAP - 52 - bw;
      for (let i = 0; i < bw; i++) {
        const c = rampColor(i / bw);
        g.fillStyle = `rgb(${c[0]},${c[1]},${c[2]})`;
        g.fillRect(bx + i, by, 1, 8);
      }
      g.strokeStyle = theme.colors.domain;
      g.strokeRect(bx, by, bw, 8);
      g.fillStyle = theme.colors.subtleText;
      g.textAlign = 'right';
      g.fillText('density 0', bx - 4, by + 8);
      g.textAlign = 'left';
      g.fillText(`≥ ${Number(top.toPrecision(2))}`, bx + bw + 4, by + 8);
      g.textAlign = 'left';
      g.fillText(note || `${d.n} samples per frame`, GAP, narrow ? by - 8 : by + 8);
    });
  }
}
