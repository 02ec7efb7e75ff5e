export { maxSpeed, speedScale } from '../../plot/field-stats.js';
/**
 * Arrows of a velocity field on its grid, computed in code because Vega-Lite has no arrow mark: a rule for the
 * shaft and a custom triangle symbol for the head. All fields share one length scale, so that arrow lengths
 * compare across t: an arrow at the reference speed (field-stats speedScale) is ARROW_FILL of one grid cell, and
 * faster ones are capped there, so arrows never reach into the next cell's arrow.
 */
import type { Bounds, FieldSnapshot } from '@flow-visualizer/core';
import { round } from './common.js';

/** Longest arrow, as a share of the grid spacing. */
export const ARROW_FILL = 0.9;

/** Head of an arrow as a Vega symbol path: tip at the symbol's origin, pointing up (angle 0), length 2 units. */
export const ARROW_HEAD_PATH = 'M0,0L-0.85,2L0.85,2Z';

export interface Arrow {
  /** Tail and tip, data units; the arrow is centred on its grid point. */
  x: number;
  y: number;
  x2: number;
  y2: number;
  /** |v| in data units per unit time, capped at the reference speed (the colour scale's top). */
  speed: number;
  /** The same, under the name the heads' fill reads (see vector-field.ts: keeps the legends apart). */
  head_speed: number;
  /** Clockwise degrees from up, Vega's symbol `angle` convention (screen y points down, data y up). */
  angle: number;
  /** Symbol area for the head: (head length in px)², since ARROW_HEAD_PATH is 2 units long and Vega scales by √size / 2. */
  head: number;
}

/** Grid spacing of a field: its grid is size² cell centres over the bounds (core `gridPoints`). */
export function gridSpacing(field: FieldSnapshot, b: Bounds): number {
  const size = Math.round(Math.sqrt(field.grid.length / 2)) || 1;
  return (b.xmax - b.xmin) / size;
}


/**
 * Arrows of one field. `scale` turns a velocity into a length in data units; speeds above `vref` are drawn at
 * vref's length (and colour). `pxPerUnit` sizes the heads: 45% of the arrow, at least 4 px so that the direction
 * reads even on short arrows, never longer than the arrow, at most 9 px.
 */
export function fieldArrows(field: FieldSnapshot, scale: number, pxPerUnit: number, vref = Infinity): Arrow[] {
  const out: Arrow[] = [];
  const { grid, velocity } = field;
  for (let i = 0; i + 1 < grid.length; i += 2) {
    const vx = velocity[i], vy = velocity[i + 1];
    const speed = Math.hypot(vx, vy);
    if (!Number.isFinite(speed) || speed === 0) continue;
    const cap = speed > vref ? vref / speed : 1;
    const dx = vx * cap * scale, dy = vy * cap * scale;
    const lenPx = Math.hypot(dx, dy) * pxPerUnit;
    const headPx = Math.min(lenPx, Math.min(9, Math.max(4, lenPx * 0.45)));
    out.push({
      x: round(grid[i] - dx / 2),
      y: round(grid[i + 1] - dy / 2),
      x2: round(grid[i] + dx / 2),
      y2: round(grid[i + 1] + dy / 2),
      speed: round(Math.min(speed, vref)),
      head_speed: round(Math.min(speed, vref)),
      angle: round(((Math.atan2(vx, vy) * 180) / Math.PI + 360) % 360),
      head: round(headPx * headPx),
    });
  }
  return out;
}
