/**
 * The three views of the model's flow in the data box: generated samples at the slider's time over the faded
 * target, the learned vector field at that time, and particle paths from noise (t = 0) to data (t = 1). Points and
 * arrows are drawn by the renderers' plotting module with their theme, as in the PNGs and report.html.
 */
import { gridPoints, pointCount, type FieldSnapshot } from '@flow-visualizer/core';
import { ARROW_FILL, classHex, colors, drawArrows, pointStyle, rgbCss, speedScale, splatPoints, theme, viridis, type Rect, type Scale } from '@flow-visualizer/renderers/plot';
import type { Preview } from '../worker/protocol.js';
import { VIEW_BOX } from '../config/view-box.js';
import { boxArea, createPanel, font, type Panel } from './panel.js';
import { drawFrameAndAxes } from './frame-and-axes.js';
import { spanOf, splatByCondition, type ConditionColours } from './class-points.js';

export interface FlowPicture {
  target?: Float32Array;
  preview?: Preview;
  /** Index into preview.times. */
  timeIndex: number;
  /** A conditional model's: the class of each target point (model.condition class). */
  targetClasses?: Int32Array;
}

/** How the target and the generated points are coloured: by condition for a conditional model, else undefined. */
function conditionColours(p: FlowPicture): { target?: ConditionColours; generated?: ConditionColours } {
  const cond = p.preview?.condition, of = p.preview?.conditions;
  if (p.targetClasses && (!cond || cond.on === 'class')) {
    return { target: { of: p.targetClasses, kind: 'class' }, ...(of ? { generated: { of, kind: 'class' } } : {}) };
  }
  if (cond && of && cond.on !== 'class' && p.target) {
    // A continuous condition: the target by its own x (or y), the samples by the value each was asked for.
    const axis = cond.on === 'y' ? 1 : 0;
    const values = Float32Array.from({ length: p.target.length >> 1 }, (_, i) => p.target![2 * i + axis]);
    const span = spanOf(values);
    return { target: { of: values, kind: 'continuous', span }, generated: { of, kind: 'continuous', span } };
  }
  return {};
}

/** A panel of `panel` CSS pixels shows points and arrows as big as a PNG panel of visualization.panel_size = panel. */
export class FlowViews {
  readonly samples: Panel = createPanel('Samples over the target', 'samples');
  readonly field: Panel = createPanel('Vector field', 'vfield');
  readonly paths: Panel = createPanel('Paths: start → data', 'paths');

  draw(p: FlowPicture): void {
    const cc = conditionColours(p);
    this.samples.paint((g, w, h, ratio) => {
      const { rect, scale } = boxArea(VIEW_BOX, w, h);
      drawFrameAndAxes(g, rect, scale);
      if (p.target) {
        if (cc.target) splatByCondition(g, rect, ratio, p.target, cc.target, rect.w, true);
        else splatPoints(g, rect, ratio, VIEW_BOX, p.target, pointStyle(colors.targetFaded, pointCount(p.target), rect.w, true));
      }
      if (p.preview) {
        const at = snapshot(p.preview, p.timeIndex);
        if (cc.generated) splatByCondition(g, rect, ratio, at, cc.generated, rect.w);
        else splatPoints(g, rect, ratio, VIEW_BOX, at, pointStyle(colors.generated, p.preview.n, rect.w));
      }
      label(g, p.preview ? `t = ${p.preview.times[p.timeIndex].toFixed(2)}` : 'no model yet', w);
      // What the colours mean once they are a condition's, not the usual generated-over-target pair.
      if (cc.target || cc.generated) label(g, `colour: ${p.preview?.condition?.on === 'x' || p.preview?.condition?.on === 'y' ? `target ${p.preview.condition.on}` : 'class'}`, w, false);
    });
    this.field.paint((g, w, h, ratio) => {
      const { rect, scale } = boxArea(VIEW_BOX, w, h);
      drawFrameAndAxes(g, rect, scale);
      if (p.target) splatPoints(g, rect, ratio, VIEW_BOX, p.target, pointStyle(colors.targetFaded, pointCount(p.target), rect.w, true));
      if (p.preview) {
        drawField(g, p.preview, p.timeIndex, p.target, rect, scale);
        label(g, `t = ${p.preview.times[p.timeIndex].toFixed(2)}`, w);
      }
    });
    this.paths.paint((g, w, h, ratio) => {
      const { rect, scale } = boxArea(VIEW_BOX, w, h);
      drawFrameAndAxes(g, rect, scale);
      if (p.target) splatPoints(g, rect, ratio, VIEW_BOX, p.target, pointStyle(colors.targetFaded, pointCount(p.target), rect.w, true));
      if (p.preview) drawPaths(g, p.preview, scale, p.timeIndex, rect.w, cc.generated);
    });
  }
}

/** The points of the preview at its i-th time. */
function snapshot(p: Preview, i: number): Float32Array {
  return p.points.subarray(i * 2 * p.n, (i + 1) * 2 * p.n);
}

/** A line of text at the top right (or, `right` false, the top left) of the panel. */
function label(g: CanvasRenderingContext2D, text: string, w: number, right = true): void {
  g.fillStyle = theme.colors.text;
  g.font = font(theme.font.labelSize + 1);
  g.textAlign = right ? 'right' : 'left';
  g.textBaseline = 'alphabetic';
  g.fillText(text, right ? w - 6 : 6, 14);
}

/**
 * The field at the slider's time as the PNGs draw it: arrows centred on the grid, one length scale for every time
 * (the 95th percentile of the speeds near the target fills ARROW_FILL of a cell), coloured by speed (viridis).
 */
function drawField(g: CanvasRenderingContext2D, p: Preview, ti: number, target: Float32Array | undefined, rect: Rect, sc: Scale): void {
  const m = p.gridSize, cells = m * m;
  const grid = gridPoints(VIEW_BOX, m);
  const fields: FieldSnapshot[] = p.times.map((t, i) => ({ t, grid, velocity: p.field.subarray(i * 2 * cells, (i + 1) * 2 * cells) }));
  const { vref } = speedScale(fields, target ?? new Float32Array(), VIEW_BOX);
  const cell = (VIEW_BOX.xmax - VIEW_BOX.xmin) / m;
  g.save();
  g.beginPath();
  g.rect(rect.x, rect.y, rect.w, rect.h);
  g.clip();
  drawArrows(g, fields[ti], sc, { lengthPerSpeed: vref > 0 ? (ARROW_FILL * cell) / vref : 0, vmax: vref, color: viridis, lineWidth: 1.3 * Math.sqrt(rect.w / 320) });
  g.restore();
}

/** The first particles' positions at every preview time, joined; each segment shaded by its time (viridis). */
function drawPaths(g: CanvasRenderingContext2D, p: Preview, sc: Scale, ti: number, panel: number, byCondition?: ConditionColours): void {
  const count = Math.min(160, p.n), T = p.times.length, stride = 2 * p.n;
  g.lineWidth = 0.8 * Math.sqrt(panel / 320);
  for (let s = 0; s < T - 1; s++) {
    g.strokeStyle = rgbCss(viridis(s / Math.max(1, T - 2)), s < ti ? 0.7 : 0.2);
    g.beginPath();
    for (let i = 0; i < count; i++) {
      g.moveTo(sc.x(p.points[s * stride + 2 * i]), sc.y(p.points[s * stride + 2 * i + 1]));
      g.lineTo(sc.x(p.points[(s + 1) * stride + 2 * i]), sc.y(p.points[(s + 1) * stride + 2 * i + 1]));
    }
    g.stroke();
  }
  const r = theme.point.radius * Math.sqrt(panel / 320) * 1.3;
  dots(g, p.points, count, 0, sc, theme.colors.domain, r);
  if (byCondition?.kind !== 'class') return dots(g, p.points, count, (T - 1) * stride, sc, theme.colors.generated, r * 1.25);
  // A class-conditional model's paths end in their class's colour.
  const end = p.points.subarray((T - 1) * stride, (T - 1) * stride + 2 * count);
  for (const k of new Set(Array.from({ length: count }, (_, i) => Math.round(byCondition.of[i])))) {
    const mine = Float32Array.from(Array.from({ length: count }, (_, i) => i).filter((i) => Math.round(byCondition.of[i]) === k).flatMap((i) => [end[2 * i], end[2 * i + 1]]));
    dots(g, mine, mine.length / 2, 0, sc, classHex(k), r * 1.25);
  }
}

/** n points from `offset` as discs of radius r. */
function dots(g: CanvasRenderingContext2D, pts: Float32Array, n: number, offset: number, sc: Scale, color: string, r: number): void {
  g.fillStyle = color;
  g.beginPath();
  for (let i = 0; i < n; i++) {
    const x = sc.x(pts[offset + 2 * i]), y = sc.y(pts[offset + 2 * i + 1]);
    g.moveTo(x + r, y);
    g.arc(x, y, r, 0, 2 * Math.PI);
  }
  g.fill();
}
