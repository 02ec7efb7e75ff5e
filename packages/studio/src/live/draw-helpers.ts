/** Small drawing pieces the live views share: the plot box's frame and axes, a corner label, the faded target. */
import { pointCount } from '@flow-visualizer/core';
import { colors, pointStyle, splatPoints, theme, type Rect } from '@flow-visualizer/renderers/plot';
import { VIEW_BOX } from '../config/view-box.js';
import { font } from '../views/panel.js';

// The live views' callers know it as frame.
export { drawFrameAndAxes as frame } from '../views/frame-and-axes.js';

/** A line of text at the top right (right = true) or top left of the panel. */
export function cornerLabel(g: CanvasRenderingContext2D, text: string, w: number, right = true): void {
  g.fillStyle = theme.colors.text;
  g.font = font(theme.font.labelSize + 1);
  g.textAlign = right ? 'right' : 'left';
  g.textBaseline = 'alphabetic';
  g.fillText(text, right ? w - 6 : 6, 14);
}

export function fadedTarget(g: CanvasRenderingContext2D, rect: Rect, ratio: number, target: Float32Array | undefined): void {
  if (target) splatPoints(g, rect, ratio, VIEW_BOX, target, pointStyle(colors.targetFaded, pointCount(target), rect.w, true));
}
