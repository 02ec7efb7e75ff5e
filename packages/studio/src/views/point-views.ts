/**
 * The three views of the model's flow in the data box: generated samples at the slider's time over the faded
 * target, the learned vector field at that time, and particle paths from noise (t = 0) to data (t = 1).
 */
import type { Preview } from '../worker/protocol.js';
import { VIEW_BOX } from '../config/view-box.js';
import { COLORS, boxScale, createPanel, drawPoints, type Panel } from './panel.js';

export interface FlowPicture {
  target?: Float32Array;
  preview?: Preview;
  /** Index into preview.times. */
  timeIndex: number;
}

export class FlowViews {
  readonly samples: Panel = createPanel('Samples over the target', 'samples');
  readonly field: Panel = createPanel('Vector field', 'vfield');
  readonly paths: Panel = createPanel('Paths: noise → data', 'paths');

  draw(p: FlowPicture): void {
    this.samples.paint((g, w, h) => {
      const sc = boxScale(VIEW_BOX, w, h);
      frame(g, sc);
      if (p.target) drawPoints(g, p.target, p.target.length / 2, 0, sc, COLORS.target, 2);
      if (p.preview) drawPoints(g, p.preview.points, p.preview.n, p.timeIndex * 2 * p.preview.n, sc, COLORS.samples, 1.8);
      label(g, p.preview ? `t = ${p.preview.times[p.timeIndex].toFixed(2)}` : 'no model yet', w);
    });
    this.field.paint((g, w, h) => {
      const sc = boxScale(VIEW_BOX, w, h);
      frame(g, sc);
      if (p.target) drawPoints(g, p.target, p.target.length / 2, 0, sc, 'rgba(120,130,145,0.15)', 2);
      if (p.preview) drawField(g, p.preview, p.timeIndex, sc);
      if (p.preview) label(g, `t = ${p.preview.times[p.timeIndex].toFixed(2)}`, w);
    });
    this.paths.paint((g, w, h) => {
      const sc = boxScale(VIEW_BOX, w, h);
      frame(g, sc);
      if (p.target) drawPoints(g, p.target, p.target.length / 2, 0, sc, 'rgba(120,130,145,0.15)', 2);
      if (p.preview) drawPaths(g, p.preview, sc, p.timeIndex);
    });
  }
}

function frame(g: CanvasRenderingContext2D, sc: ReturnType<typeof boxScale>): void {
  g.strokeStyle = COLORS.grid;
  g.lineWidth = 1;
  g.strokeRect(sc.x(VIEW_BOX.xmin), sc.y(VIEW_BOX.ymax), sc.s * (VIEW_BOX.xmax - VIEW_BOX.xmin), sc.s * (VIEW_BOX.ymax - VIEW_BOX.ymin));
  g.beginPath();
  g.moveTo(sc.x(0), sc.y(VIEW_BOX.ymin));
  g.lineTo(sc.x(0), sc.y(VIEW_BOX.ymax));
  g.moveTo(sc.x(VIEW_BOX.xmin), sc.y(0));
  g.lineTo(sc.x(VIEW_BOX.xmax), sc.y(0));
  g.stroke();
}

function label(g: CanvasRenderingContext2D, text: string, w: number): void {
  g.fillStyle = COLORS.text;
  g.font = '12px system-ui, sans-serif';
  g.textAlign = 'right';
  g.fillText(text, w - 6, 14);
}

/** Arrows on the grid, length scaled so the fastest spans about a cell and a half, shade by speed. */
function drawField(g: CanvasRenderingContext2D, p: Preview, ti: number, sc: ReturnType<typeof boxScale>): void {
  const m = p.gridSize, cells = m * m, off = ti * 2 * cells;
  const cell = (VIEW_BOX.xmax - VIEW_BOX.xmin) / m;
  let vmax = 1e-9;
  for (let k = 0; k < cells; k++) vmax = Math.max(vmax, Math.hypot(p.field[off + 2 * k], p.field[off + 2 * k + 1]));
  const scale = (1.4 * cell) / vmax;
  g.lineWidth = 1.2;
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < m; i++) {
      const k = j * m + i;
      const x = VIEW_BOX.xmin + (i + 0.5) * cell, y = VIEW_BOX.ymin + (j + 0.5) * cell;
      const vx = p.field[off + 2 * k], vy = p.field[off + 2 * k + 1];
      const speed = Math.hypot(vx, vy) / vmax;
      const x1 = sc.x(x), y1 = sc.y(y), x2 = sc.x(x + vx * scale), y2 = sc.y(y + vy * scale);
      g.strokeStyle = `hsl(${220 - 200 * speed}, 70%, ${45 + 10 * (1 - speed)}%)`;
      g.beginPath();
      g.moveTo(x1, y1);
      g.lineTo(x2, y2);
      const a = Math.atan2(y2 - y1, x2 - x1), head = Math.min(5, 0.4 * Math.hypot(x2 - x1, y2 - y1));
      g.lineTo(x2 - head * Math.cos(a - 0.5), y2 - head * Math.sin(a - 0.5));
      g.moveTo(x2, y2);
      g.lineTo(x2 - head * Math.cos(a + 0.5), y2 - head * Math.sin(a + 0.5));
      g.stroke();
    }
  }
}

/** The first particles' positions at every preview time, joined; each segment shaded by its time. */
function drawPaths(g: CanvasRenderingContext2D, p: Preview, sc: ReturnType<typeof boxScale>, ti: number): void {
  const count = Math.min(160, p.n), T = p.times.length, stride = 2 * p.n;
  g.lineWidth = 1;
  for (let s = 0; s < T - 1; s++) {
    g.strokeStyle = `hsla(${220 - 200 * (s / (T - 2))}, 70%, 50%, ${s < ti ? 0.65 : 0.2})`;
    g.beginPath();
    for (let i = 0; i < count; i++) {
      g.moveTo(sc.x(p.points[s * stride + 2 * i]), sc.y(p.points[s * stride + 2 * i + 1]));
      g.lineTo(sc.x(p.points[(s + 1) * stride + 2 * i]), sc.y(p.points[(s + 1) * stride + 2 * i + 1]));
    }
    g.stroke();
  }
  drawPoints(g, p.points, count, 0, sc, COLORS.noise, 2.5);
  drawPoints(g, p.points, count, (T - 1) * stride, sc, COLORS.accent, 2.5);
}
