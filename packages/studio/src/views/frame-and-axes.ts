/** The plot box's frame and its axes through 0, drawn under every view of the data box (flow and live views alike). */
import { theme, type Rect, type Scale } from '@flow-visualizer/renderers/plot';
import { VIEW_BOX } from '../config/view-box.js';

export function drawFrameAndAxes(g: CanvasRenderingContext2D, rect: Rect, sc: Scale): void {
  g.strokeStyle = theme.colors.grid;
  g.lineWidth = 1;
  g.strokeRect(rect.x, rect.y, rect.w, rect.h);
  g.beginPath();
  g.moveTo(sc.x(0), sc.y(VIEW_BOX.ymin));
  g.lineTo(sc.x(0), sc.y(VIEW_BOX.ymax));
  g.moveTo(sc.x(VIEW_BOX.xmin), sc.y(0));
  g.lineTo(sc.x(VIEW_BOX.xmax), sc.y(0));
  g.stroke();
}
