import type { FlowResult } from '../pipeline/sampling/result.js';

import type { Bounds } from '../points.js';

/** What `fv data --png` asks a renderer to draw: one scatter of points. */
export interface PointsPreview {
  points: Float32Array;
  /** Optional: each point's class (0…K−1), to colour the points by class with a legend of `classNames`. */
  labels?: Int32Array;
  classNames?: readonly string[];
  title: string;
  bounds: Bounds;
  /** Width and height of the plot in CSS pixels, and the pixel density of the PNG. */
  size: number;
  pixelRatio: number;
}

/** What `fv compare-solvers` asks a renderer to draw: sample quality against velocity evaluations. */
export interface SolversChart {
  title: string;
  /** `sliced_w1` is the mean over `draws` noise draws, `sliced_w1_sd` its standard deviation (absent or null for one draw). */
  rows: readonly { integrator: string; steps: number; rtol: number | null; nfe: number; sliced_w1: number; sliced_w1_sd?: number | null; draws?: number }[];
  /** Sliced W1 between two target draws: the best a model can score with this many points. */
  floor: number | null;
  size: number;
  pixelRatio: number;
}

/**
 * The optional drawings a renderer plugin can declare (`capabilities: { draws: ['points'] }`), each with the method
 * that makes it. Callers pick a renderer by its declaration, and creating a renderer that lacks a declared method
 * is an error naming the plugin.
 */
export const RENDERER_DRAWINGS = { points: 'renderPointsPng', solvers: 'renderSolversPng' } as const;
export type RendererDrawing = keyof typeof RENDERER_DRAWINGS;
/**
 * What a renderer knows of the run besides the data it draws: the settings every renderer shares, declared here
 * (never the whole config). A renderer's own settings are its options (its optionsSchema, under
 * `visualization.options.<id>`). A new shared setting is one more field here, set in `renderContextOf`.
 */
export interface RenderContext {
  /** The dataset's name (data.name), for titles. */
  dataset: string;
  /** The run's seed (training.seed): a renderer draws its random subsets from it, so that pictures repeat. */
  seed: number;
  /** Width and height of one plot panel in CSS pixels (visualization.panel_size). */
  panelSize: number;
  /** Device pixels per CSS pixel of PNG files (visualization.pixel_ratio). */
  pixelRatio: number;
  /** Arrows per side of the field grid (visualization.grid_size): `fields[k].grid` holds gridSize² points. */
  gridSize: number;
  /** The resolved config as YAML, for a renderer that shows it (report.html); shown, never read for settings. */
  configYaml: string;
}

/**
 * What a renderer may report while it draws (optional for both sides). The plugin guard listens too: when a
 * renderer fails, its error names the part last reported (so a renderer reports parts, and never wraps its errors).
 */
export interface RenderHooks {
  /** Called as each part starts (e.g. a plot's name or a file), so that a long render shows progress. */
  onProgress?(part: string, index: number, count: number): void;
}

/** Draws a FlowResult into files under `outDir` (usually `<output.dir>/visualizations`). */
export interface Renderer {
  readonly id: string;
  /** Writes its files atomically (never half-written) and resolves to their paths. */
  render(result: FlowResult, outDir: string, hooks?: RenderHooks): Promise<string[]>;
  /** Optional, declared as the drawing 'points': a PNG scatter of points at `file` (for `fv data --png`). */
  renderPointsPng?(preview: PointsPreview, file: string): Promise<void>;
  /** Optional, declared as the drawing 'solvers': quality vs NFE per integrator as `<file>` (PNG) beside its spec (for `fv compare-solvers`). */
  renderSolversPng?(chart: SolversChart, file: string): Promise<string[]>;
}

export const RENDERER = Symbol.for('fv.Renderer');
