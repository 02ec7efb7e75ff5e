/**
 * The likelihood view: the model's exact log-density log p(x) on a grid beside the target's kernel density, on
 * one colour scale with its colour bar, and the held-out NLL with the solver that computed it (also shown under
 * the quality figures). The figures come from the worker (worker/likelihood-job.ts) after each preview.
 */
import { theme, viridis } from '@flow-visualizer/renderers/plot';
import type { LikelihoodFigures } from '../worker/protocol.js';
import { VIEW_BOX } from '../config/view-box.js';
import { boxArea, createPanel, font, type Panel } from './panel.js';

/** The colour scale spans this many nats below the highest log-density of either panel. */
const SPAN_NATS = 8;
const WAITING = 'Shown after the first preview (computed in the background while training goes on).';

export class LikelihoodView {
  readonly root: HTMLElement;
  /** The NLL line for the quality panel. */
  readonly nllLine: HTMLElement;
  private readonly panel: Panel = createPanel('Likelihood: log p(x), model beside target', 'likelihood', 2.3);
  private readonly note: HTMLElement;
  private figures?: LikelihoodFigures;

  constructor() {
    this.root = this.panel.root;
    const explain = document.createElement('p');
    explain.className = 'note';
    explain.textContent = 'Left: the model\'s exact log-density (divergence integrated back to the Gaussian); right: the target\'s kernel density; same colours.';
    this.note = document.createElement('p');
    this.note.className = 'note likelihood-status';
    this.note.textContent = WAITING;
    this.root.append(explain, this.note);
    this.nllLine = document.createElement('p');
    this.nllLine.className = 'note nll';
    this.nllLine.textContent = 'NLL: shown after the first preview.';
    this.draw();
  }

  /** A new model: its figures come after its first preview. */
  clear(): void {
    this.figures = undefined;
    this.note.textContent = WAITING;
    this.nllLine.textContent = 'NLL: shown after the first preview.';
    this.draw();
  }

  show(f: LikelihoodFigures): void {
    this.figures = f;
    if (f.unavailable) {
      this.note.textContent = `No likelihood for this model: ${f.unavailable}`;
      this.nllLine.textContent = `NLL: none (${f.unavailable})`;
    } else {
      const solver = `exact trace, ${f.integrator} ${f.steps} steps back to the Gaussian`;
      this.note.textContent = `Epoch ${f.epoch}: NLL ${f.nll!.toFixed(3)} nats per point on ${f.nllPoints} held-out points (${solver}; ${f.nfe} evaluations, ${f.seconds!.toFixed(1)} s).`;
      this.nllLine.textContent = `NLL ${f.nll!.toFixed(3)} nats/point (epoch ${f.epoch}, ${f.nllPoints} held-out points; ${solver}).`;
    }
    this.draw();
  }

  private draw(): void {
    const f = this.figures;
    this.panel.paint((g, w, h) => {
      const barW = 44;
      const half = (w - barW) / 2;
      const titleH = 14;
      g.font = font(theme.font.labelSize);
      g.fillStyle = theme.colors.text;
      g.textAlign = 'center';
      // Short titles where the long ones would run into each other.
      const wide = half > 130;
      g.fillText(wide ? 'model: exact log p(x)' : 'model', half / 2, 11);
      g.fillText(wide ? 'target: kernel density' : 'target', half + half / 2, 11);
      if (!f) return;
      const grids = [f.modelLogp, f.targetLogp];
      let top = -Infinity;
      for (const grid of grids) if (grid) for (const v of grid) if (Number.isFinite(v) && v > top) top = v;
      const bottom = top - SPAN_NATS;
      grids.forEach((grid, k) => {
        const { rect } = boxArea(VIEW_BOX, half - 6, h - titleH - 4);
        const x0 = k * half + 3 + rect.x, y0 = titleH + rect.y;
        if (!grid) {
          g.fillStyle = theme.colors.subtleText;
          g.fillText('no likelihood', x0 + rect.w / 2, y0 + rect.h / 2);
          return;
        }
        g.imageSmoothingEnabled = false;
        g.drawImage(heatmap(grid, f.gridSize, bottom, top), x0, y0, rect.w, rect.h);
      });
      // The colour bar, shared by both panels.
      const bx = w - barW + 6, by = titleH + 4, bh = h - titleH - 12;
      for (let i = 0; i < bh; i++) {
        const [r, gg, b] = viridis(1 - i / bh);
        g.fillStyle = `rgb(${r},${gg},${b})`;
        g.fillRect(bx, by + i, 10, 1);
      }
      g.font = font(theme.font.labelSize - 2);
      g.fillStyle = theme.colors.text;
      g.textAlign = 'left';
      g.fillText(top.toFixed(1), bx + 12, by + 8);
      g.fillText(bottom.toFixed(1), bx + 12, by + bh);
      g.fillText('log p', bx - 4, h - 1);
    });
  }
}

/** A gridSize² image of log-densities (rows from the bottom) in the theme's viridis between bottom and top. */
function heatmap(grid: Float32Array, size: number, bottom: number, top: number): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.width = c.height = size;
  const g = c.getContext('2d')!;
  const img = g.createImageData(size, size);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const v = grid[row * size + col];
      const [r, gg, b] = viridis(Number.isFinite(v) ? (v - bottom) / (top - bottom) : 0);
      const o = ((size - 1 - row) * size + col) * 4;
      img.data.set([r, gg, b, 255], o);
    }
  }
  g.putImageData(img, 0, 0);
  return c;
}
