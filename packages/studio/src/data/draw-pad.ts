/**
 * The drawing pad: the user draws their own data with the mouse, a pen or a finger (pointer events, touch-action:
 * none), with a brush that sprays points, an eraser, a brush size and a clear button. Points are in data
 * coordinates (the plots' box, [-3, 3]² by default, y up), handed to `onChange` at the end of every stroke.
 * Self-contained: it builds its own canvas and toolbar inside `container` and needs no stylesheet.
 */
import { theme } from '@flow-visualizer/renderers/plot';
import { brushSegment, strokeRng, type BrushState } from './brush.js';
import { classColor, eraseSegmentLabelled } from './class-brushes.js';

export type DrawTool = 'brush' | 'eraser';

export interface DrawPadOptions {
  /** Called after each stroke, clear and setPoints with every point (n×2 interleaved, data coordinates) and their class labels. */
  onChange(points: Float64Array, labels: Int32Array): void;
  /** The data box shown: [xmin, ymin, xmax, ymax]. Default [-3, -3, 3, 3]. */
  bounds?: [number, number, number, number];
  /** Brush (and eraser) radius in data units. Default 0.15. */
  size?: number;
  /** The most points the pad holds (a drawn shape is exported inline in config.yaml). Default 4000. */
  maxPoints?: number;
  /** Seed of the brush's spray, so that the same strokes give the same points. Default 1. */
  seed?: number;
  /** Colour of the drawn points. Default: the target's (the drawn points are the data). */
  color?: string;
  /**
   * Accessible names of the pad's controls, for a second pad on one page (the source's): its names must not be
   * the first pad's, which tests and scripts find by name. The buttons keep their short visible text.
   */
  labels?: Partial<PadLabels>;
  /** Prefix of the pad's class names (`<prefix>-canvas`, `<prefix>-count`…). Default 'fv-draw'; a second pad takes its own. */
  classPrefix?: string;
}

export interface PadLabels {
  tools: string;
  brush: string;
  eraser: string;
  size: string;
  clear: string;
  canvas: string;
}

const DEFAULT_LABELS: PadLabels = { tools: 'Drawing tools', brush: 'Brush', eraser: 'Eraser', size: 'Brush size', clear: 'Clear', canvas: 'Drawing area: drag to draw points' };

export interface DrawPad {
  /** The pad's root element (toolbar + canvas), inside the container. */
  readonly element: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  points(): Float64Array;
  /** The class of each point (the brush class it was drawn with; 0 when class brushes were never used). */
  labels(): Int32Array;
  setPoints(points: ArrayLike<number>, labels?: ArrayLike<number>): void;
  /** The brush's class (class brushes), and whether points are drawn in their class colours. */
  brushClass(): number;
  setBrushClass(k: number): void;
  showClasses(on: boolean): void;
  clear(): void;
  tool(): DrawTool;
  setTool(tool: DrawTool): void;
  size(): number;
  setSize(radius: number): void;
  /** Data coordinates of a point given in CSS pixels relative to the canvas's top-left corner. */
  toData(px: number, py: number): [number, number];
  /** CSS pixels (relative to the canvas) of a point in data coordinates. */
  toPixels(x: number, y: number): [number, number];
  destroy(): void;
}

const SIZES = { min: 0.03, max: 0.6, step: 0.01 };

/** Mounts a drawing pad in `container`. */
export function createDrawPad(container: HTMLElement, opts: DrawPadOptions): DrawPad {
  const [xmin, ymin, xmax, ymax] = opts.bounds ?? [-3, -3, 3, 3];
  const maxPoints = opts.maxPoints ?? 4000;
  const rng = strokeRng(opts.seed ?? 1);
  const pts: number[] = [];
  /** labels[i]: class of point i (pts[2i], pts[2i+1]). */
  const labels: number[] = [];
  let brushClass = 0;
  let classColours = false;
  let tool: DrawTool = 'brush';
  let radius = opts.size ?? 0.15;
  const names = { ...DEFAULT_LABELS, ...opts.labels };
  const cls = opts.classPrefix ?? 'fv-draw';
  /** aria-label only where the name is not the visible text (the first pad's buttons stay named by their text). */
  const named = (text: string, name: string): Record<string, string> => (name === text ? {} : { 'aria-label': name });

  const doc = container.ownerDocument;
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text = '') => {
    const e = doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text) e.textContent = text;
    return e;
  };
  const root = el('div', { class: `${cls}-pad` });
  root.style.cssText = 'display:flex;flex-direction:column;gap:6px;max-width:100%';
  const bar = el('div', { class: `${cls}-tools`, role: 'toolbar', 'aria-label': names.tools });
  bar.style.cssText = 'display:flex;flex-wrap:wrap;align-items:center;gap:6px;font:13px system-ui,sans-serif';
  const brushBtn = el('button', { type: 'button', 'data-tool': 'brush', 'aria-pressed': 'true', ...named('Brush', names.brush) }, 'Brush');
  const eraserBtn = el('button', { type: 'button', 'data-tool': 'eraser', 'aria-pressed': 'false', ...named('Eraser', names.eraser) }, 'Eraser');
  const sizeLabel = el('label', {}, 'Size ');
  const sizeInput = el('input', { type: 'range', min: String(SIZES.min), max: String(SIZES.max), step: String(SIZES.step), 'aria-label': names.size });
  sizeInput.value = String(radius);
  sizeLabel.append(sizeInput);
  const clearBtn = el('button', { type: 'button', 'data-action': 'clear', ...named('Clear', names.clear) }, 'Clear');
  const count = el('span', { class: `${cls}-count`, 'aria-live': 'polite' });
  bar.append(brushBtn, eraserBtn, sizeLabel, clearBtn, count);
  const canvas = el('canvas', { class: `${cls}-canvas`, 'aria-label': names.canvas });
  // touch-action: none, so that a finger draws instead of scrolling the page.
  canvas.style.cssText = 'display:block;width:100%;aspect-ratio:1/1;touch-action:none;cursor:crosshair;border:1px solid #ccc;border-radius:4px;background:#fff';
  root.append(bar, canvas);
  container.append(root);

  const cssSize = () => {
    const r = canvas.getBoundingClientRect();
    return { w: r.width || 1, h: r.height || 1 };
  };
  const toData = (px: number, py: number): [number, number] => {
    const { w, h } = cssSize();
    return [xmin + (px / w) * (xmax - xmin), ymax - (py / h) * (ymax - ymin)];
  };
  const toPixels = (x: number, y: number): [number, number] => {
    const { w, h } = cssSize();
    return [((x - xmin) / (xmax - xmin)) * w, ((ymax - y) / (ymax - ymin)) * h];
  };

  let hover: [number, number] | undefined;
  function draw(): void {
    const { w, h } = cssSize();
    const dpr = globalThis.devicePixelRatio || 1;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    }
    const g = canvas.getContext('2d');
    if (!g) return;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, w, h);
    // Axes through the origin, faint, so that the user sees where the box's centre is.
    g.strokeStyle = theme.colors.grid;
    g.lineWidth = 1;
    const [ox, oy] = toPixels(0, 0);
    g.beginPath();
    g.moveTo(ox, 0);
    g.lineTo(ox, h);
    g.moveTo(0, oy);
    g.lineTo(w, oy);
    g.stroke();
    // The drawn points are the target: its colour in every picture.
    // With class brushes, each point in its class's colour.
    g.fillStyle = opts.color ?? theme.colors.target;
    for (let i = 0; i < pts.length; i += 2) {
      const [x, y] = toPixels(pts[i], pts[i + 1]);
      if (classColours) g.fillStyle = classColor(labels[i >> 1] ?? 0);
      g.fillRect(x - 1.5, y - 1.5, 3, 3);
    }
    if (hover) {
      const [x, y] = toPixels(hover[0], hover[1]);
      g.strokeStyle = tool === 'brush' ? (classColours ? classColor(brushClass) : 'rgba(31,78,140,0.6)') : 'rgba(200,40,40,0.7)';
      g.beginPath();
      g.arc(x, y, (radius / (xmax - xmin)) * w, 0, 2 * Math.PI);
      g.stroke();
    }
    count.textContent = `${pts.length / 2} point${pts.length === 2 ? '' : 's'}${pts.length / 2 >= maxPoints ? ' (full)' : ''}`;
  }
  let frame = 0;
  const redraw = () => {
    if (!frame) frame = requestAnimationFrame(() => ((frame = 0), draw()));
  };
  const changed = () => {
    draw();
    opts.onChange(Float64Array.from(pts), Int32Array.from(labels));
  };

  // One stroke at a time: the first pointer down owns it (a second finger does nothing).
  let stroke: { id: number; last: [number, number]; state: BrushState } | undefined;
  const at = (e: PointerEvent): [number, number] => {
    const r = canvas.getBoundingClientRect();
    return toData(e.clientX - r.left, e.clientY - r.top);
  };
  const apply = (a: [number, number], b: [number, number], state: BrushState) => {
    if (tool === 'brush') {
      brushSegment(pts, a, b, radius, state, rng, 3, maxPoints);
      while (labels.length < pts.length / 2) labels.push(brushClass);
    } else eraseSegmentLabelled(pts, labels, a, b, radius);
  };
  const onDown = (e: PointerEvent) => {
    if (stroke || (e.pointerType === 'mouse' && e.button !== 0)) return;
    e.preventDefault();
    canvas.setPointerCapture?.(e.pointerId);
    const p = at(e);
    stroke = { id: e.pointerId, last: p, state: { carry: 0 } };
    apply(p, p, stroke.state);
    hover = p;
    redraw();
  };
  const onMove = (e: PointerEvent) => {
    const p = at(e);
    hover = e.pointerType === 'touch' && !stroke ? undefined : p;
    if (stroke && e.pointerId === stroke.id) {
      // Coalesced events keep a fast stroke continuous where the browser batches moves.
      const events = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
      for (const c of events.length ? events : [e]) {
        const q = at(c);
        apply(stroke.last, q, stroke.state);
        stroke.last = q;
      }
    }
    redraw();
  };
  const onUp = (e: PointerEvent) => {
    if (!stroke || e.pointerId !== stroke.id) return;
    stroke = undefined;
    if (e.pointerType === 'touch') hover = undefined;
    changed();
  };
  const onLeave = () => {
    if (!stroke) {
      hover = undefined;
      redraw();
    }
  };
  canvas.addEventListener('pointerdown', onDown);
  canvas.addEventListener('pointermove', onMove);
  canvas.addEventListener('pointerup', onUp);
  canvas.addEventListener('pointercancel', onUp);
  canvas.addEventListener('pointerleave', onLeave);

  const setTool = (t: DrawTool) => {
    tool = t;
    for (const [b, on] of [[brushBtn, t === 'brush'], [eraserBtn, t === 'eraser']] as const) {
      b.setAttribute('aria-pressed', String(on));
      // Seen without a stylesheet too: the chosen tool looks pressed.
      b.style.fontWeight = on ? '600' : '';
      b.style.boxShadow = on ? 'inset 0 0 0 2px #1f4e8c' : '';
    }
    canvas.style.cursor = t === 'brush' ? 'crosshair' : 'cell';
    redraw();
  };
  const setSize = (r: number) => {
    radius = Math.min(SIZES.max, Math.max(SIZES.min, r));
    sizeInput.value = String(radius);
    redraw();
  };
  brushBtn.addEventListener('click', () => setTool('brush'));
  eraserBtn.addEventListener('click', () => setTool('eraser'));
  sizeInput.addEventListener('input', () => setSize(Number(sizeInput.value)));
  const clear = () => {
    pts.length = 0;
    labels.length = 0;
    changed();
  };
  clearBtn.addEventListener('click', clear);

  const resize = typeof ResizeObserver === 'function' ? new ResizeObserver(() => draw()) : undefined;
  resize?.observe(canvas);
  setTool('brush');
  draw();

  return {
    element: root,
    canvas,
    points: () => Float64Array.from(pts),
    labels: () => Int32Array.from(labels),
    setPoints(p, l) {
      pts.length = 0;
      labels.length = 0;
      for (let i = 0; i + 1 < p.length && pts.length / 2 < maxPoints; i += 2) pts.push(p[i], p[i + 1]), labels.push(l ? Number(l[i >> 1]) || 0 : 0);
      changed();
    },
    brushClass: () => brushClass,
    setBrushClass(k) {
      brushClass = Math.max(0, Math.floor(k));
      redraw();
    },
    showClasses(on) {
      classColours = on;
      redraw();
    },
    clear,
    tool: () => tool,
    setTool,
    size: () => radius,
    setSize,
    toData,
    toPixels,
    destroy() {
      resize?.disconnect();
      if (frame) cancelAnimationFrame(frame);
      root.remove();
    },
  };
}
