/**
 * The quality figures of the latest preview (core's metrics against held-out target points) beside their noise
 * floor (two draws of the target scored against each other: what a perfect model would get with this many points).
 * A bar shows how far the samples have come from the noise they started as toward that floor.
 */
import type { QualityFigures } from '../worker/protocol.js';

const ROWS: [keyof QualityFigures, keyof QualityFigures, string][] = [
  ['sliced_w1', 'sliced_w1_floor', 'sliced W1'],
  ['energy_distance', 'energy_distance_floor', 'energy dist.'],
  ['mmd_rbf', 'mmd_rbf_floor', 'MMD (RBF)'],
];

export class QualityView {
  readonly root: HTMLElement;
  private readonly body: HTMLElement;

  constructor() {
    this.root = document.createElement('figure');
    this.root.className = 'panel quality';
    const cap = document.createElement('figcaption');
    cap.textContent = 'Quality (lower is better)';
    this.body = document.createElement('div');
    this.body.className = 'quality-body';
    this.body.textContent = 'Shown after the first preview.';
    this.root.append(cap, this.body);
  }

  /** A new model: its figures come with its first preview. */
  clear(): void {
    this.body.textContent = 'Shown after the first preview.';
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
    note.textContent = `epoch ${epoch}, ${q.n} points; noise scores sliced W1 ${fmt(q.noise_sliced_w1)}. Bar: from noise to floor, ${(100 * progress).toFixed(0)} %.`;
    this.body.replaceChildren(table, bar, note);
  }
}

function fmt(v: number): string {
  return Math.abs(v) >= 0.01 || v === 0 ? v.toFixed(3) : v.toExponential(1);
}
