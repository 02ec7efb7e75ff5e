/**
 * The quality figures of the latest preview (core's metrics against held-out target points) beside their noise
 * floor (two draws of the target scored against each other: what a perfect model would get with this many points).
 * A bar shows how far the samples have come from the noise they started as toward that floor.
 */
import type { QualityFigures } from '../worker/protocol.js';
import { theme } from '@flow-visualizer/renderers/plot';
import { createPanel, font, type Panel } from './panel.js';

const ROWS: [keyof QualityFigures, keyof QualityFigures, string][] = [
  ['sliced_w1', 'sliced_w1_floor', 'sliced W1'],
  ['energy_distance', 'energy_distance_floor', 'energy dist.'],
  ['mmd_rbf', 'mmd_rbf_floor', 'MMD (RBF)'],
];

export class QualityView {
  readonly root: HTMLElement;
  private readonly body: HTMLElement;
  /** Sliced W1 over training, against its floor and the noise's score. */
  private readonly chart: Panel = createPanel('sliced W1 over epochs', 'w1-history', 2.2);
  private history: { epoch: number; w1: number; floor: number; noise: number }[] = [];

  constructor() {
    this.root = document.createElement('figure');
    this.root.className = 'panel quality';
    const cap = document.createElement('figcaption');
    cap.textContent = 'Quality (lower is better)';
    this.body = document.createElement('div');
    this.body.className = 'quality-body';
    this.body.textContent = 'Shown after the first preview.';
    this.root.append(cap, this.body, this.chart.root);
  }

  /** A new model: its figures come with its first preview. */
  clear(): void {
    this.body.textContent = 'Shown after the first preview.';
    this.history = [];
    this.drawHistory();
  }

  show(q: QualityFigures | undefined, epoch: number): void {
    if (!q) return;
    const table = document.createElement('table');
    table.innerHTML = '<thead><tr><th></th><th>samples</th><th>floor</th></tr></thead>';
    const tb = document.createElement('tbody');
    for (const [k, f, name] of ROWS) {
      const tr = document.createElement('tr');
      tr.dataset.figure = k;
      tr.innerHTML = `<th>${name}</th><td class="value">${fmt(q[k])}</td><td class="floor">${fmt(q[f])}</td>`;
      tb.append(tr);
    }
    table.append(tb);
    // Progress on the sliced W1: 0 at the noise's score, 100 % at the floor.
    const span = q.noise_sliced_w1 - q.sliced_w1_floor;
    const progress = span > 0 ? Math.max(0, Math.min(1, (q.noise_sliced_w1 - q.sliced_w1) / span)) : 0;
    const bar = document.createElement('div');
    bar.className = 'progress';
    bar.innerHTML = `<div class="fill" style="width:${(100 * progress).toFixed(0)}%"></div>`;
    const note = document.createElement('p');
    note.className = 'note';
    note.textContent = `epoch ${epoch}, ${q.n} points; the noise scores sliced W1 ${fmt(q.noise_sliced_w1)} (dotted), the floor is dashed. Bar: from noise to floor, ${(100 * progress).toFixed(0)} %.`;
    this.body.replaceChildren(table, bar, note);
    // A re-sample at the same epoch replaces that epoch's point.
    this.history = this.history.filter((h) => h.epoch !== epoch);
    this.history.push({ epoch, w1: q.sliced_w1, floor: q.sliced_w1_floor, noise: q.noise_sliced_w1 });
    this.history.sort((a, b) => a.epoch - b.epoch);
    this.drawHistory();
  }

  private drawHistory(): void {
    const h = this.history;
    this.chart.paint((g, w, ht) => {
      const padL = 36, padB = 14, padT = 4;
      if (!h.length) return;
      const xmax = Math.max(1, h[h.length - 1].epoch), ymax = Math.max(...h.map((p) => Math.max(p.w1, p.noise))) * 1.05;
      const X = (e: number) => padL + (e / xmax) * (w - padL - 4), Y = (v: number) => padT + (1 - v / ymax) * (ht - padT - padB);
      g.font = font(theme.font.labelSize - 1);
      g.fillStyle = theme.colors.text;
      g.textAlign = 'right';
      g.fillText(ymax.toFixed(2), padL - 3, padT + 8);
      g.fillText('0', padL - 3, ht - padB);
      g.textAlign = 'center';
      g.fillText(`epoch ${xmax}`, w - 30, ht - 2);
      // The floor (dashed) and the noise's score (dotted): where the figure should end and where it started.
      const level = (v: number, dash: number[], color: string) => {
        g.setLineDash(dash);
        g.strokeStyle = color;
        g.beginPath();
        g.moveTo(padL, Y(v));
        g.lineTo(w - 4, Y(v));
        g.stroke();
      };
      g.lineWidth = 1;
      level(h[h.length - 1].floor, [4, 3], theme.colors.target);
      level(h[h.length - 1].noise, [1, 3], theme.colors.domain);
      g.setLineDash([]);
      g.strokeStyle = theme.colors.generated;
      g.fillStyle = theme.colors.generated;
      g.lineWidth = 1.6;
      g.beginPath();
      h.forEach((p, i) => (i ? g.lineTo(X(p.epoch), Y(p.w1)) : g.moveTo(X(p.epoch), Y(p.w1))));
      g.stroke();
      for (const p of h) g.fillRect(X(p.epoch) - 1.5, Y(p.w1) - 1.5, 3, 3);
    });
  }
}

function fmt(v: number): string {
  return Math.abs(v) >= 0.01 || v === 0 ? v.toFixed(3) : v.toExponential(1);
}
