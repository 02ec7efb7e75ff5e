/**
 * A square (or wide) canvas panel with a title, drawn at the screen's pixel density and redrawn when its size
 * changes. Views draw in CSS pixels; the panel keeps the last draw function so that a resize repaints it.
 */
export interface Panel {
  root: HTMLElement;
  canvas: HTMLCanvasElement;
  /** Repaints with `draw` (kept for resizes). */
  paint(draw: (g: CanvasRenderingContext2D, w: number, h: number) => void): void;
}

export function createPanel(title: string, className: string, aspect = 1): Panel {
  const root = document.createElement('figure');
  root.className = `panel ${className}`;
  const cap = document.createElement('figcaption');
  cap.textContent = title;
  const canvas = document.createElement('canvas');
  canvas.style.aspectRatio = String(aspect);
  root.append(cap, canvas);
  let last: ((g: CanvasRenderingContext2D, w: number, h: number) => void) | undefined;
  const paint = (draw: typeof last) => {
    last = draw;
    const w = canvas.clientWidth, h = canvas.clientHeight;
    if (!w || !h || !draw) return;
    const dpr = Math.min(window.devicePixelRatio || 1, 2);
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    }
    const g = canvas.getContext('2d')!;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, w, h);
    draw(g, w, h);
  };
  new ResizeObserver(() => last && paint(last)).observe(canvas);
  return { root, canvas, paint };
}

/** Data box → canvas pixels (y up). */
export function boxScale(box: { xmin: number; xmax: number; ymin: number; ymax: number }, w: number, h: number) {
  const s = Math.min(w / (box.xmax - box.xmin), h / (box.ymax - box.ymin));
  const ox = (w - s * (box.xmax - box.xmin)) / 2, oy = (h - s * (box.ymax - box.ymin)) / 2;
  return { s, x: (v: number) => ox + (v - box.xmin) * s, y: (v: number) => h - oy - (v - box.ymin) * s };
}

export const COLORS = { target: 'rgba(120, 130, 145, 0.28)', samples: 'rgba(31, 111, 235, 0.6)', noise: '#9aa5b1', accent: '#e8590c', text: '#38414d', grid: '#e3e7ec' };

/** Draws n points of an n×2 array (from `offset`) as small squares (fast for thousands). */
export function drawPoints(g: CanvasRenderingContext2D, pts: Float32Array, n: number, offset: number, sc: ReturnType<typeof boxScale>, color: string, size: number): void {
  g.fillStyle = color;
  const r = size / 2;
  for (let i = 0; i < n; i++) g.fillRect(sc.x(pts[offset + 2 * i]) - r, sc.y(pts[offset + 2 * i + 1]) - r, size, size);
}
