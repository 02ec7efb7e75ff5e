/**
 * The two panels of the density figures (plain and by class): each panel's axes, its bins×bins histogram cells
 * filled with the colour the figure gives each cell (cell iy·bins + ix, row 0 at the bottom), and its title.
 */
import type { Bounds } from '@flow-visualizer/core';
import type { Rgb } from '../../plot/color.js';
import { drawAxes, drawPanelTitle, type Figure } from '../figure.js';
import type { Rect } from '../layout.js';

// Module-scope aliases: hot loops run several times slower in a VM context (Jest) when they read `Math` globally.
const { floor, min, round } = Math;

/** A cell's colour by its index. */
export type CellColor = (cell: number) => Rgb;

export function drawHistogramPanels(fig: Figure, b: Bounds, bins: number, target: CellColor, generated: CellColor): void {
  const [pT, pG] = fig.layout.plots;
  drawAxes(fig.ctx, pT, b);
  drawAxes(fig.ctx, pG, b);
  paintCells(fig, pT, bins, target);
  paintCells(fig, pG, bins, generated);
  drawPanelTitle(fig.ctx, pT, 'Target');
  drawPanelTitle(fig.ctx, pG, 'Generated (t = 1)');
}

function paintCells(fig: Figure, rect: Rect, bins: number, colorOf: CellColor): void {
  const { ctx, ratio } = fig;
  const x0 = round(rect.x * ratio), y0 = round(rect.y * ratio);
  const w = round((rect.x + rect.w) * ratio) - x0, h = round((rect.y + rect.h) * ratio) - y0;
  const image = ctx.getImageData(x0, y0, w, h);
  // Each cell's colour once, kept exact (a Float64Array) so that the pixels get the values they got per pixel.
  const cells = new Float64Array(3 * bins * bins);
  for (let c = 0; c < bins * bins; c++) {
    const rgb = colorOf(c);
    cells[3 * c] = rgb[0], cells[3 * c + 1] = rgb[1], cells[3 * c + 2] = rgb[2];
  }
  for (let y = 0; y < h; y++) {
    const iy = bins - 1 - min(bins - 1, floor((y / h) * bins));
    for (let x = 0; x < w; x++) {
      const c = 3 * (iy * bins + min(bins - 1, floor((x / w) * bins)));
      const k = (y * w + x) << 2;
      image.data[k] = cells[c], image.data[k + 1] = cells[c + 1], image.data[k + 2] = cells[c + 2], image.data[k + 3] = 255;
    }
  }
  ctx.putImageData(image, x0, y0);
}
