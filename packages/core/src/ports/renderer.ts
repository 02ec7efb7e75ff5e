import type { FlowResult } from '../pipeline/result.js';

import type { Bounds } from '../points.js';

/** What `fv data --png` asks a renderer to draw: one scatter of points. */
export interface PointsPreview {
  points: Float32Array;
  title: string;
  bounds: Bounds;
  /** Width and height of the plot in CSS pixels, and the pixel density of the PNG. */
  size: number;
  pixelRatio: number;
}

/** Draws a FlowResult into files under `outDir` (usually `<output.dir>/visualizations`). */
export interface Renderer {
  readonly id: string;
  /** Writes its files atomically (never half-written) and resolves to their paths. */
  render(result: FlowResult, outDir: string): Promise<string[]>;
  /** Optional: a PNG scatter of points at `file` (for `fv data --png`). */
  renderPointsPng?(preview: PointsPreview, file: string): Promise<void>;
}

export const RENDERER = Symbol.for('fv.Renderer');
