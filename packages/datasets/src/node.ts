/**
 * @flow-visualizer/datasets/node: the user shapes read from files (points: CSV/JSON, svg, image: PNG/JPEG through
 * @napi-rs/canvas), which need Node, and `builtinDatasetPlugins()`, every dataset of this package for the cli.
 */
import type { FvPlugin } from '@flow-visualizer/core';
import { shapeDatasetPlugins } from './index.js';
import { points } from './points.js';
import { svg } from './svg.js';
import { image } from './image.js';

export * from './points.js';
export * from './svg.js';
export * from './image.js';

/** The datasets read from the user's files: points, svg, image. */
export function fileDatasetPlugins(): FvPlugin<'dataset'>[] {
  return [points(), svg(), image()];
}

/** Every dataset plugin of this package (built-in shapes, then the user-file shapes), for the composition root. */
export function builtinDatasetPlugins(): FvPlugin<'dataset'>[] {
  return [...shapeDatasetPlugins(), ...fileDatasetPlugins()];
}
