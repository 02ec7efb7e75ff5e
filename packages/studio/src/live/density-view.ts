/**
 * The density over time, as the CLI's density plot draws it: the kernel density of the model's samples at a few
 * times from noise (t = 0) to data (t = 1), beside the target's, on one linear colour scale shared by every frame
 * (white at 0, as the CLI's), with the scale's numbers under the frames. The densities come from the worker.
 * A class-conditional model's frames are drawn by class (a box turns it off): each cell in its classes' colours,
 * mixed by their shares of its density (the point views' palette), as strong as the one-colour ramp is dark.
 * Classes overlaid in one frame, not a row per class: at t = 0 every class is the same noise, and by t = 1 each
 * should have found its own part of the data; a class that lands in another's part shows as a wrong colour there.
 */
import { classRgb, hexToRgb, mix, rgbCss, theme, type Rgb } from '@flow-visualizer/renderers/plot';
import type { DensityFrames } from './live-protocol.js';
import { createPanel, font, type Panel } from '../views/panel.js';

/** The CLI's density colours (renderers' vega density spec): white at 0 to dark blue at the scale's top. */
const RAMP: Rgb[] = ['#ffffff', '#c6dbef', '#6baed6', '#2171b5', '#08306b'].map(hexToRgb);
const GAP = 8, TITLE = 16, LEGEND = 26;
const WHITE: Rgb = [255, 255, 255];

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

/** A cell's colour by class: its classes' colours mixed by their shares, from white as far as the ramp's u. */
export function classCellColor(shares: (k: number) => number, count: number, u: number): Rgb {
  let r = 0, gr = 0, b = 0, sum = 0;
  for (let k = 0; k < count; k++) {
    const s = shares(k), rgb = classRgb(k);
    (r += s * rgb[0]), (gr += s * rgb[1]), (b += s * rgb[2]), (sum += s);
  }
  if (!(sum > 0)) return WHITE;
  // A little darker at the top than the class colour itself, so that the core of a mode reads as the ramp's does.
  const full = mix([r / sum, gr / sum, b / sum], [0, 0, 0], (0.15 * Math.max(0, u - 0.7)) / 0.3);
  return mix(WHITE, full, Math.min(1, Math.max(0, u)) ** 0.8);
}

export class DensityView {
  readonly panel: Panel = createPanel('Density over time: p_t from the start (t = 0) to data (t = 1), beside the target', 'density', 5);
  /** Shown for a class-conditional model's frames: colour the cells by class (ticked) or by density alone. */
  readonly classBox: HTMLInputElement;
  private readonly classBar: HTMLLabelElement;
  private last?: { d: DensityFrames | undefined; note: string; names?: string[] };

  constructor() {
    this.panel.root.title = 'Each square is the kernel density of the generated points at one time (the target\'s last), on one colour scale: the flow moves the mass from the Gaussian to the data.';
    this.classBar = document.createElement('label');
    this.classBar.className = 'live-controls';
    this.classBox = document.createElement('input');
    this.classBox.type = 'checkbox';
    this.classBox.checked = true;
    this.classBox.name = 'density-by-class';
    this.classBox.setAttribute('aria-label', 'density by class');
    this.classBar.append(this.classBox, ' colour by class (each cell in its classes\' colours, as strong as its density)');
    this.classBar.hidden = true;
    this.panel.root.append(this.classBar);
    this.classBox.addEventListener('change', () => this.last && this.draw(this.last.d, this.last.note, this.last.names));
  }

  /** Whether the frames on show are coloured by class. */
  get showingClasses(): boolean {
    return !!this.last?.d?.classShares && this.classBox.checked;
  }

  /** `names`: a class-conditional model's class names (the legend of the by-class colours). */
  draw(d: DensityFrames | undefined, note = '', names?: string[]): void {
    this.last = { d, note, ...(names ? { names } : {}) };
    this.classBar.hidden = !d?.classShares;
    const shares = d?.classShares && this.classBox.checked ? d.classShares : undefined;
    const count = d?.classes ?? 0;
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
      const frameCells = frames * cells;
      const off = document.createElement('canvas');
      off.width = off.height = d.size;
      const og = off.getContext('2d')!;
      for (let k = 0; k < frames; k++) {
        const x = GAP + (k % cols) * (side + GAP), y = Math.floor(k / cols) * (side + TITLE + GAP) + TITLE;
        const img = og.createImageData(d.size, d.size);
        for (let iy = 0; iy < d.size; iy++) for (let ix = 0; ix < d.size; ix++) {
          const cell = iy * d.size + ix, u = d.grids[k * cells + cell] / top;
          const c = shares ? classCellColor((j) => shares[j * frameCells + k * cells + cell], count, u) : rampColor(u);
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
      const by = h - LEGEND + 8;
      g.textAlign = 'left';
      g.fillStyle = theme.colors.subtleText;
      g.fillText(note || `${d.n} samples per frame`, GAP, narrow ? by - 8 : by + 8);
      if (shares) return classLegend(g, names ?? [], count, w, by, `full colour ≥ ${Number(top.toPrecision(2))}`);
      // The colour bar: 0 (white) to the scale's top; denser cells are drawn at the top colour.
      const bw = Math.min(200, w / 3), bx = w - GAP - 52 - bw;
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
    });
  }
}

/**
 * The by-class legend at the bottom right: a swatch per class with its name (its id alone when the names do not
 * fit), then what full colour means.
 */
function classLegend(g: CanvasRenderingContext2D, names: string[], count: number, w: number, by: number, scale: string): void {
  const labels = Array.from({ length: count }, (_, k) => `${k} ${names[k] ?? ''}`.trim());
  const room = w / 2 + (w < 560 ? w / 2 - 2 * GAP : 0);
  const widthOf = (ls: string[]) => ls.reduce((a, l) => a + 14 + g.measureText(l).width + 8, 0) + g.measureText(scale).width;
  const shown = widthOf(labels) <= room ? labels : labels.map((_, k) => String(k));
  let x = w - GAP - widthOf(shown);
  g.textAlign = 'left';
  shown.forEach((l, k) => {
    g.fillStyle = rgbCss(classRgb(k));
    g.fillRect(x, by, 10, 10);
    g.fillStyle = theme.colors.text;
    g.fillText(l, x + 14, by + 9);
    x += 14 + g.measureText(l).width + 8;
  });
  g.fillStyle = theme.colors.subtleText;
  g.fillText(scale, x, by + 9);
}
