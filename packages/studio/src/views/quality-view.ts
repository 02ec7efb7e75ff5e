/**
 * The quality panel. Its bar and history show the CLI's stable figure (worker/stable-quality-job.ts): sliced W1
 * of a fixed number of generated points to a large fresh draw of the target, in units of what a perfect model
 * scores with as many points (1 = as good as these points can show), with its own noise (a perfect model scores
 * 1 ± noise). Every point of its history has the same number of points, so no jump comes from a change of size.
 * The bar runs from the noise the flow starts from to 1, on a log scale (halving the ratio is the same step
 * anywhere), and says "as good as N points can tell" only once the ratio is within twice its noise of 1.
 * Under it: the preview's own figures beside their floor (as many points each), and at rest the exact W2. A
 * class-conditional model's figures add a row per class (fv run's per_class in metrics.json): the share of its
 * points landing nearest their own class's data, and at rest its exact W2.
 */
import type { ClassMetric } from '@flow-visualizer/core';
import type { QualityFigures, StableQualityFigures } from '../worker/protocol.js';
import { classHex, theme } from '@flow-visualizer/renderers/plot';
import { createPanel, font, type Panel } from './panel.js';
import { addLegend, LEGENDS } from './explain.js';

const ROWS: [keyof QualityFigures, keyof QualityFigures, string][] = [
  ['sliced_w1', 'sliced_w1_floor', 'sliced W1'],
  ['energy_distance', 'energy_distance_floor', 'energy dist.'],
  ['mmd_rbf', 'mmd_rbf_floor', 'MMD (RBF)'],
];

const WAITING = 'Shown after the first preview (computed beside training).';

/** How far the ratio has come from the start's ratio toward 1, on a log scale, 0…1. */
export function progressOf(ratio: number, startRatio: number): number {
  if (!(startRatio > 1) || !(ratio > 0)) return 0;
  return Math.max(0, Math.min(1, Math.log(startRatio / ratio) / Math.log(startRatio)));
}

/** Whether the ratio cannot be told from a perfect model's with this many points (within twice its noise of 1). */
export function atFloor(f: Pick<StableQualityFigures, 'ratio' | 'noise'>): boolean {
  return f.ratio <= 1 + 2 * f.noise;
}

export class QualityView {
  readonly root: HTMLElement;
  private readonly stableBox: HTMLElement;
  private readonly body: HTMLElement;
  /** The stable ratio over training (log scale), with the band a perfect model would score in. */
  private readonly chart: Panel = createPanel('distance to the data over epochs (1 = perfect)', 'w1-history', 2.2);
  private history: { epoch: number; ratio: number; noise: number; start: number; n: number }[] = [];

  constructor() {
    this.root = document.createElement('figure');
    this.root.className = 'panel quality';
    const cap = document.createElement('figcaption');
    cap.textContent = 'Quality (lower is better)';
    this.stableBox = document.createElement('div');
    this.stableBox.className = 'stable-quality';
    this.stableBox.setAttribute('aria-live', 'polite');
    this.stableBox.textContent = WAITING;
    this.body = document.createElement('div');
    this.body.className = 'quality-body';
    this.body.textContent = 'Preview figures: shown after the first preview.';
    this.root.append(cap, this.stableBox, this.chart.root, this.body);
    this.chart.root.after(addLegend(this.root, LEGENDS.quality!));
    this.drawHistory();
  }

  /** A new model: its figures come with its first preview. */
  clear(): void {
    this.stableBox.textContent = WAITING;
    this.body.textContent = 'Preview figures: shown after the first preview.';
    this.history = [];
    this.drawHistory();
  }

  /** The stable figure of one epoch: the bar, the verdict, W2 at rest, and a point of the history. */
  showStable(f: StableQualityFigures): void {
    const done = atFloor(f);
    const progress = progressOf(f.ratio, f.noise_ratio);
    const head = document.createElement('p');
    head.className = 'ratio-line';
    head.innerHTML = `<b>${f.ratio.toFixed(2)}× the floor</b> <span class="noise">(± ${f.noise.toFixed(2)}: a perfect model scores 1 ± ${f.noise.toFixed(2)})</span>`;
    const bar = document.createElement('div');
    bar.className = `progress${done ? ' done' : ''}`;
    bar.setAttribute('role', 'meter');
    bar.setAttribute('aria-label', 'quality: from noise to the floor');
    bar.setAttribute('aria-valuemin', '0');
    bar.setAttribute('aria-valuemax', '100');
    bar.setAttribute('aria-valuenow', (100 * progress).toFixed(0));
    bar.innerHTML = `<div class="fill" style="width:${(100 * progress).toFixed(0)}%"></div>`;
    const verdict = document.createElement('p');
    verdict.className = 'verdict';
    verdict.textContent = done
      ? `Done, as far as ${f.n} points can tell: the samples are within the noise of a perfect model's.`
      : `Not there yet: the samples are ${f.ratio.toFixed(1)}× as far from the data as a perfect model's ${f.n} points would be (the starting points, at t = 0, scored ${f.noise_ratio.toFixed(0)}×).`;
    const how = document.createElement('p');
    how.className = 'note';
    how.textContent = `Epoch ${f.epoch}: sliced W1 of ${f.n} generated points to ${f.reference_points.toLocaleString('en')} fresh data points, ÷ the mean of ${f.floor_draws} fresh draws of ${f.n} (the floor, ${fmt(f.floor)}). The CLI's sliced_w1_ratio is the same figure on 50,000.`;
    const parts: HTMLElement[] = [head, bar, verdict, how];
    if (f.w2 !== undefined) {
      const w2 = document.createElement('p');
      w2.className = 'note w2';
      w2.textContent = `W2 (exact, ${f.w2_points} points): ${fmt(f.w2)}; two fresh draws of the data: ${fmt(f.w2_floor!)}.`;
      parts.push(w2);
    }
    if (f.per_class) parts.push(perClassTable(f.per_class, f.nearest_class_share ?? NaN, f.w2 !== undefined));
    this.stableBox.replaceChildren(...parts);
    // One size for the whole history: a point of another size starts it again rather than draw a false cliff.
    if (this.history.length && this.history[0].n !== f.n) this.history = [];
    this.history = this.history.filter((h) => h.epoch !== f.epoch);
    this.history.push({ epoch: f.epoch, ratio: f.ratio, noise: f.noise, start: f.noise_ratio, n: f.n });
    this.history.sort((a, b) => a.epoch - b.epoch);
    this.drawHistory();
  }

  /** The preview's figures beside their floor (as many points each). */
  show(q: QualityFigures | undefined, epoch: number, why?: string): void {
    if (!q) {
      // Figures that no longer describe what is shown go, with the reason (none: keep the last ones).
      if (why) {
        const note = document.createElement('p');
        note.className = 'note';
        note.textContent = why;
        this.body.replaceChildren(note);
      }
      return;
    }
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
    const note = document.createElement('p');
    note.className = 'note';
    note.textContent = `The preview's own figures (epoch ${epoch}, ${q.n} points, each floor of ${q.n} too): noisier than the bar above.`;
    this.body.replaceChildren(table, note);
  }

  /** The history drawn (epoch, ratio, points scored): one size throughout. */
  historyPoints(): { epoch: number; ratio: number; n: number }[] {
    return this.history.map(({ epoch, ratio, n }) => ({ epoch, ratio, n }));
  }

  private drawHistory(): void {
    const h = this.history;
    this.chart.paint((g, w, ht) => {
      const padL = 36, padB = 14, padT = 4, padR = 4;
      g.font = font(theme.font.labelSize - 1);
      g.fillStyle = theme.colors.text;
      if (!h.length) {
        g.textAlign = 'center';
        g.fillText('the history of the figure above, once training starts', w / 2, ht / 2);
        return;
      }
      const xmax = Math.max(1, h[h.length - 1].epoch);
      const ymax = Math.max(2, ...h.map((p) => Math.max(p.ratio, p.start))) * 1.1, ymin = 0.5;
      const X = (e: number) => padL + (e / xmax) * (w - padL - padR);
      const Y = (v: number) => padT + (1 - Math.log(v / ymin) / Math.log(ymax / ymin)) * (ht - padT - padB);
      // The band a perfect model scores in (1 ± 2 noise): the figure is done once inside it.
      const noise = h[h.length - 1].noise;
      g.fillStyle = 'rgba(59,111,182,0.15)';
      g.fillRect(padL, Y(1 + 2 * noise), w - padL - padR, Y(Math.max(ymin, 1 - 2 * noise)) - Y(1 + 2 * noise));
      const level = (v: number, dash: number[], color: string) => {
        g.setLineDash(dash);
        g.strokeStyle = color;
        g.beginPath();
        g.moveTo(padL, Y(v));
        g.lineTo(w - padR, Y(v));
        g.stroke();
      };
      g.lineWidth = 1;
      level(1, [4, 3], theme.colors.target);
      level(h[h.length - 1].start, [1, 3], theme.colors.domain);
      g.setLineDash([]);
      g.fillStyle = theme.colors.text;
      g.textAlign = 'right';
      for (const v of [1, 2, 5, 10, 20, 50, 100].filter((v) => v < ymax)) g.fillText(`${v}×`, padL - 3, Y(v) + 3);
      g.textAlign = 'center';
      g.fillText(`epoch ${xmax}`, w - 30, ht - 2);
      g.strokeStyle = theme.colors.generated;
      g.fillStyle = theme.colors.generated;
      g.lineWidth = 1.6;
      g.beginPath();
      h.forEach((p, i) => (i ? g.lineTo(X(p.epoch), Y(p.ratio)) : g.moveTo(X(p.epoch), Y(p.ratio))));
      g.stroke();
      for (const p of h) g.fillRect(X(p.epoch) - 1.5, Y(p.ratio) - 1.5, 3, 3);
    });
  }
}

/**
 * One row per class: its colour and name, its points, the share landing nearest its own class's data, its W2
 * (at rest; "at rest" while training, as the whole W2). The caption gives the share over every class.
 */
function perClassTable(rows: ClassMetric[], overall: number, atRest: boolean): HTMLElement {
  const table = document.createElement('table');
  table.className = 'per-class';
  const cap = document.createElement('caption');
  cap.textContent = `Per class: ${pct(overall)} of all samples land nearest their own class's data.`;
  table.append(cap);
  const head = document.createElement('thead');
  head.innerHTML = '<tr><th>class</th><th title="generated points sampled with this class">n</th><th title="share of them whose nearest data point is of this class">nearest own</th><th title="exact W2 of this class\'s samples to as many of its data points">W2</th></tr>';
  const body = document.createElement('tbody');
  for (const r of rows) {
    const tr = document.createElement('tr');
    tr.dataset.class = String(r.class);
    const name = document.createElement('th');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = classHex(r.class);
    name.append(swatch, `${r.class}: ${r.name}`);
    const cell = (text: string, cls: string) => {
      const td = document.createElement('td');
      td.className = cls;
      td.textContent = text;
      return td;
    };
    tr.append(name, cell(String(r.n), 'n'), cell(pct(r.nearest_share), 'nearest'), cell(r.w2 !== undefined ? fmt(r.w2) : atRest ? '—' : 'at rest', 'w2'));
    body.append(tr);
  }
  table.append(head, body);
  return table;
}

function pct(v: number): string {
  return Number.isFinite(v) ? `${(100 * v).toFixed(1)}%` : '—';
}

function fmt(v: number): string {
  return Math.abs(v) >= 0.01 || v === 0 ? v.toFixed(3) : v.toExponential(1);
}
