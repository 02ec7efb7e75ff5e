/**
 * The pairing lines of one batch: which noise point (grey) training sends to which data point (blue), as the
 * run's pairing couples them in the worker. "none" joins them at random (long crossing lines); "ot" joins them so
 * that the total squared length is least (short, non-crossing lines: straighter paths to learn). A menu compares
 * the run's pairing with every other the page knows, on the same batch. A class-conditional run's couples take
 * the colour of their data point's class (the point views' palette): OT that ignores the class then shows lines
 * of one colour ending in another class's part of the data, C²OT none.
 */
import { classHex, classRgb, colors, hexToRgb, rgbCss, theme } from '@flow-visualizer/renderers/plot';
import { VIEW_BOX } from '../config/view-box.js';
import { boxArea, createPanel, type Panel } from '../views/panel.js';
import { cornerLabel, frame } from './draw-helpers.js';
import type { PairBatch } from './live-protocol.js';

const LINE = hexToRgb('#8a8a3c');

export class PairingView {
  readonly panel: Panel = createPanel('Pairing lines: start → data in one batch', 'pairing');
  readonly select: HTMLSelectElement;
  private batch?: PairBatch;
  private readonly note: HTMLParagraphElement;

  /** `chosen`: the user picked a pairing to show (undefined: the run's own). */
  constructor(private readonly chosen: (pairing: string | undefined) => void) {
    const bar = document.createElement('label');
    bar.className = 'live-controls';
    const text = document.createElement('span');
    text.textContent = 'show pairing';
    this.select = document.createElement('select');
    this.select.setAttribute('aria-label', 'pairing to show');
    bar.append(text, this.select);
    this.note = document.createElement('p');
    this.note.className = 'note';
    this.panel.root.append(bar, this.note);
    this.panel.root.title = 'One training batch: each line joins a start point (grey, t = 0: the noise, or the dataset or drawing "start from" picks) to the data point (blue, t = 1) it is paired with. The model learns the average of these straight lines through each point.';
    this.select.addEventListener('change', () => this.chosen(this.select.selectedIndex <= 0 ? undefined : this.select.value));
  }

  /** The pairing the menu asks for (undefined: the run's own). */
  get wanted(): string | undefined {
    return this.select.selectedIndex <= 0 ? undefined : this.select.value;
  }

  show(batch: PairBatch): void {
    this.batch = batch;
    const keep = this.wanted;
    const own = batch.choices[0];
    this.select.replaceChildren(
      ...batch.choices.map((id, i) => {
        const o = document.createElement('option');
        o.value = i === 0 ? '' : id;
        o.textContent = i === 0 ? `${own} (this run's)` : id;
        return o;
      }),
    );
    this.select.selectedIndex = keep ? Math.max(0, batch.choices.indexOf(keep)) : 0;
    const ends = batch.classes ? 'data (t = 1) and its line in the colour of the data point\'s class' : 'blue: data (t = 1)';
    this.note.textContent = `Grey: start (t = 0); ${ends}. ${batch.n} couples of one batch paired by ${batch.pairing}: mean squared length ${batch.cost.toFixed(2)}${batch.own ? '' : ` (the run trains with ${own})`}.`;
    this.draw();
  }

  /** Why the asked-for pairing gave no batch (its options, say). */
  problem(message: string): void {
    this.note.textContent = message;
  }

  draw(): void {
    const b = this.batch;
    this.panel.paint((g, w, h) => {
      const { rect, scale } = boxArea(VIEW_BOX, w, h);
      frame(g, rect, scale);
      if (!b) return cornerLabel(g, 'no batch yet', w);
      const r = 1.9 * Math.sqrt(rect.w / 320);
      g.save();
      g.beginPath();
      g.rect(rect.x, rect.y, rect.w, rect.h);
      g.clip();
      g.lineWidth = 0.9 * Math.sqrt(rect.w / 320);
      // One path per colour: the run's line colour, or each class's.
      for (const k of groups(b)) {
        g.strokeStyle = rgbCss(k < 0 ? LINE : classRgb(k), 0.55);
        g.beginPath();
        for (let i = 0; i < b.n; i++) {
          if (k >= 0 && b.classes![i] !== k) continue;
          g.moveTo(scale.x(b.x0[2 * i]), scale.y(b.x0[2 * i + 1]));
          g.lineTo(scale.x(b.x1[2 * i]), scale.y(b.x1[2 * i + 1]));
        }
        g.stroke();
      }
      dots(g, b.x0, b.n, (x) => scale.x(x), (y) => scale.y(y), theme.colors.domain, r);
      for (const k of groups(b)) dots(g, b.x1, b.n, (x) => scale.x(x), (y) => scale.y(y), k < 0 ? rgbCss(colors.target) : classHex(k), r, k < 0 ? undefined : (i) => b.classes![i] === k);
      g.restore();
      cornerLabel(g, b.pairing, w);
    });
  }
}

/** The colour groups of a batch: its classes, or -1 (one colour) when it has none. */
function groups(b: PairBatch): number[] {
  return b.classes ? [...new Set(b.classes)].sort((x, y) => x - y) : [-1];
}

/** `keep`: only the couples it says yes to. */
function dots(g: CanvasRenderingContext2D, pts: Float32Array, n: number, sx: (x: number) => number, sy: (y: number) => number, color: string, r: number, keep?: (i: number) => boolean): void {
  g.fillStyle = color;
  g.beginPath();
  for (let i = 0; i < n; i++) {
    if (keep && !keep(i)) continue;
    const x = sx(pts[2 * i]), y = sy(pts[2 * i + 1]);
    g.moveTo(x + r, y);
    g.arc(x, y, r, 0, 2 * Math.PI);
  }
  g.fill();
}
