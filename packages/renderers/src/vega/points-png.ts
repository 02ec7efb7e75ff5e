/**
 * Drawing one's own points without a run: the `vega` renderer's scatter (what `fv data --png` draws), as plain
 * functions, so that a script with points of its own (a model's samples, a dataset) needs no FlowResult and no
 * registry.
 */
import { boundsOf, squareBounds, type Bounds, type PointsPreview } from '@flow-visualizer/core';
import { writeFileAtomic } from '@flow-visualizer/core/node';
import { specToSvg, svgToPng } from './render-spec.js';
import { previewSpec } from './specs/preview.js';

export interface PointsPngOptions {
  /** Plot title (default: the number of points). */
  title?: string;
  /** Axis ranges (default: a square around the points). */
  bounds?: Bounds;
  /** Width and height of the plot in CSS pixels (default 360). */
  size?: number;
  /** Device pixels per CSS pixel (default 2). */
  pixelRatio?: number;
  /** Most points drawn (a random sample beyond it; default 5000). */
  maxPoints?: number;
}

function previewOf(points: Float32Array, o: PointsPngOptions): PointsPreview {
  return {
    points,
    title: o.title ?? `${points.length >> 1} points`,
    bounds: o.bounds ?? squareBounds(boundsOf(points)),
    size: o.size ?? 360,
    pixelRatio: o.pixelRatio ?? 2,
  };
}

/** A PNG scatter of interleaved [x0, y0, x1, y1, …] points, as bytes. */
export async function pointsPng(points: Float32Array, options: PointsPngOptions = {}): Promise<Uint8Array> {
  const preview = previewOf(points, options);
  return svgToPng(await specToSvg(previewSpec(preview, options.maxPoints ?? 5000)), preview.pixelRatio);
}

/** Writes a PNG scatter of the points to `file` (atomically); resolves to the file's path. */
export async function renderPointsPng(points: Float32Array, file: string, options: PointsPngOptions = {}): Promise<string> {
  await writeFileAtomic(file, await pointsPng(points, options));
  return file;
}
