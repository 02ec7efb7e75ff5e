/**
 * Class brushes of the drawing pad: each drawn point carries the class of the brush that sprayed it, and the
 * eraser removes labels with their points. Kept apart from brush.ts so the unlabelled pad's maths stay as they are.
 */
import { theme } from '@flow-visualizer/renderers/plot';

/** The colour of class k on the pad: the same palette as every picture of a conditional run. */
export function classColor(k: number): string {
  return theme.classColors[((k % theme.classColors.length) + theme.classColors.length) % theme.classColors.length];
}

/**
 * Removes the points within `radius` of the segment a → b and their labels (labels[i] belongs to point i).
 * Returns how many it removed.
 */
export function eraseSegmentLabelled(points: number[], labels: number[], a: [number, number], b: [number, number], radius: number): number {
  const dx = b[0] - a[0], dy = b[1] - a[1], l2 = dx * dx + dy * dy;
  let w = 0;
  for (let i = 0; i < points.length; i += 2) {
    const px = points[i], py = points[i + 1];
    const t = l2 > 0 ? Math.max(0, Math.min(1, ((px - a[0]) * dx + (py - a[1]) * dy) / l2)) : 0;
    if (Math.hypot(px - (a[0] + t * dx), py - (a[1] + t * dy)) > radius) {
      labels[w >> 1] = labels[i >> 1];
      points[w++] = px;
      points[w++] = py;
    }
  }
  const removed = (points.length - w) / 2;
  points.length = w;
  labels.length = w >> 1;
  return removed;
}

/** The class brush bar: one button per class in its colour, and "+ class"; hidden until the model is conditional. */
export class ClassBrushBar {
  readonly root: HTMLElement;
  private count = 2;
  private current = 0;

  constructor(private readonly chosen: (k: number) => void) {
    this.root = document.createElement('div');
    this.root.className = 'fv-class-brushes';
    this.root.setAttribute('role', 'toolbar');
    this.root.setAttribute('aria-label', 'Class brushes');
    this.root.style.cssText = 'display:flex;flex-wrap:wrap;align-items:center;gap:6px;font:13px system-ui,sans-serif;margin-top:6px';
    this.render();
    this.setEnabled(false);
  }

  /** Shown only for a conditional model (labels mean nothing to another). */
  setEnabled(on: boolean): void {
    this.root.hidden = !on;
    // The inline display:flex would otherwise win over the hidden attribute.
    this.root.style.display = on ? 'flex' : 'none';
  }

  /** At least `n` brushes (a model's classes). */
  setCount(n: number): void {
    this.count = Math.max(this.count, n, 1);
    this.render();
  }

  select(k: number): void {
    this.current = k;
    if (k >= this.count) this.count = k + 1;
    this.render();
    this.chosen(k);
  }

  private render(): void {
    const label = document.createElement('span');
    label.textContent = 'Class:';
    const buttons = Array.from({ length: this.count }, (_, k) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.name = `brush-class-${k}`;
      b.setAttribute('aria-pressed', String(k === this.current));
      b.setAttribute('aria-label', `Brush for class ${k}`);
      b.textContent = String(k);
      // Seen without a stylesheet too: the class colour, the chosen one ringed.
      b.style.cssText = `min-width:28px;color:#fff;font-weight:600;border:0;border-radius:4px;padding:3px 6px;background:${classColor(k)};${k === this.current ? 'box-shadow:0 0 0 2px #222' : ''}`;
      b.addEventListener('click', () => this.select(k));
      return b;
    });
    const add = document.createElement('button');
    add.type = 'button';
    add.name = 'brush-class-add';
    add.textContent = '+ class';
    add.addEventListener('click', () => this.select(this.count));
    this.root.replaceChildren(label, ...buttons, ...(this.count < 10 ? [add] : []));
  }
}
