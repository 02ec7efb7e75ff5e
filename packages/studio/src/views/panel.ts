/**
 * A square (or wide) canvas panel with a title, drawn at the screen's pixel density and redrawn when its size
 * changes. Views draw in CSS pixels; the panel keeps the last draw function so that a resize repaints it.
 * Colours, fonts and point styles come from the renderers' plotting module, so the page looks like the PNGs.
 */
import { fontFamily, linearScale, theme, type Rect, type Scale } from '@flow-visualizer/renderers/plot';

/** Draws in CSS pixels `w`×`h`; `ratio` is the device pixels per CSS pixel (for drawing code that writes pixels). */
export type Paint = (g: CanvasRenderingContext2D, w: number, h: number, ratio: number) => void;

export interface Panel {
  root: HTMLElement;
  canvas: HTMLCanvasElement;
  /** Repaints with `draw` (kept for resizes). */
  paint(draw: Paint): void;
}

export function createPanel(title: string, className: string, aspect = 1): Panel {
  const root = document.createElement('figure');
  root.className = `panel ${className}`;
  const cap = document.createElement('figcaption');
  cap.textContent = title;
  const canvas = document.createElement('canvas');
  canvas.style.aspectRatio = String(aspect);
  root.append(cap, canvas);
  let last: Paint | undefined;
  const paint = (draw: Paint | undefined) => {
    last = draw;
    const w = canvas.clientWidth, h = canvas.clientHeight;
    if (!w || !h || !draw) return;
    const dpr = Math.min(window.devicePixelRatio || 1, 2);
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    }
    const g = canvas.getContext('2d', { willReadFrequently: true })!;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.fillStyle = theme.colors.background;
    g.fillRect(0, 0, w, h);
    draw(g, w, h, dpr);
  };
  new ResizeObserver(() => last && paint(last)).observe(canvas);
  return { root, canvas, paint };
}

/** The largest square area for the data box `box`, centred in a w×h canvas, and the scale that maps into it. */
export function boxArea(box: { xmin: number; xmax: number; ymin: number; ymax: number }, w: number, h: number): { rect: Rect; scale: Scale } {
  const s = Math.min(w / (box.xmax - box.xmin), h / (box.ymax - box.ymin));
  const rect = { x: (w - s * (box.xmax - box.xmin)) / 2, y: (h - s * (box.ymax - box.ymin)) / 2, w: s * (box.xmax - box.xmin), h: s * (box.ymax - box.ymin) };
  return { rect, scale: linearScale(rect, box) };
}

/** The theme's font at `size` CSS pixels. */
export function font(size: number, weight = ''): string {
  return `${weight ? weight + ' ' : ''}${size}px ${fontFamily()}`;
}
