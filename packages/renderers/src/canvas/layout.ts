/**
 * Where the panels of a figure go, in CSS pixels. Each plot area is exactly `panel_size` (like the vega
 * renderer's panels); around it sit the panel title, the axis labels, the figure title and an optional colour
 * legend. PNG size = this layout × `visualization.pixel_ratio`.
 */
import { theme } from '../plot/theme.js';

export const PAD = 12;
export const PANEL_TITLE_H = 24;
export const AXIS_LEFT_W = 44;
export const AXIS_BOTTOM_H = 34;
export const LEGEND_W = 84;
export const GAP = theme.panelGap;

import type { Rect } from '../plot/scale.js';

export type { Rect };

export interface FigureSpec {
  panels: number;
  columns: number;
  /** Plot-area size of each panel (square panels: both `panel_size`). */
  panelW: number;
  panelH: number;
  subtitle: boolean;
  /** A colour bar at the right (vector field speed, density share). */
  legend: boolean;
  /** Width of the legend column when it needs more than LEGEND_W (class names). */
  legendW?: number;
}

export interface FigureLayout {
  width: number;
  height: number;
  headerH: number;
  /** Plot areas, one per panel, row by row. */
  plots: Rect[];
  /** Where the colour bar goes (when asked for). */
  legend?: Rect;
}

/** Panels per row: all in one row up to 4, else balanced rows (6 → 3 + 3), as the vega renderer does. */
export function defaultColumns(n: number): number {
  return n <= 4 ? n : Math.ceil(n / Math.ceil(n / 4));
}

export function headerHeight(subtitle: boolean): number {
  return PAD + 20 + (subtitle ? 18 : 0) + 6;
}

export function figureLayout(spec: FigureSpec): FigureLayout {
  const cols = Math.max(1, Math.min(spec.columns, spec.panels));
  const rows = Math.max(1, Math.ceil(spec.panels / cols));
  const cellW = AXIS_LEFT_W + spec.panelW, cellH = PANEL_TITLE_H + spec.panelH + AXIS_BOTTOM_H;
  const headerH = headerHeight(spec.subtitle);
  const width = PAD + cols * cellW + (cols - 1) * GAP + (spec.legend ? (spec.legendW ?? LEGEND_W) : 0) + PAD;
  const height = headerH + rows * cellH + (rows - 1) * GAP + PAD;
  const plots: Rect[] = [];
  for (let i = 0; i < spec.panels; i++) {
    const c = i % cols, r = Math.floor(i / cols);
    plots.push({ x: PAD + c * (cellW + GAP) + AXIS_LEFT_W, y: headerH + r * (cellH + GAP) + PANEL_TITLE_H, w: spec.panelW, h: spec.panelH });
  }
  const legend = spec.legend
    ? { x: PAD + cols * cellW + (cols - 1) * GAP + 16, y: headerH + PANEL_TITLE_H, w: (spec.legendW ?? LEGEND_W) - 16, h: Math.min(spec.panelH, 220) }
    : undefined;
  return { width, height, headerH, plots, legend };
}
