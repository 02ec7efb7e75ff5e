/**
 * @flow-visualizer/datasets: the built-in 2D datasets (T-Rex and friends), one plugin each. Browser-safe (a test
 * bundles it for the browser); the user shapes read from files (points, svg, image) are in
 * `@flow-visualizer/datasets/node`. Importing registers nothing: the composition root passes the plugins to a registry.
 */
import type { FvPlugin } from '@flow-visualizer/core';
import { trex } from './trex.js';
import { moons } from './moons.js';
import { eightGaussians } from './eight-gaussians.js';
import { spiral } from './spiral.js';
import { checkerboard } from './checkerboard.js';
import { swissRoll } from './swiss-roll.js';
import { circles } from './circles.js';
import { pinwheel } from './pinwheel.js';

export * from './trex.js';
export * from './moons.js';
export * from './eight-gaussians.js';
export * from './spiral.js';
export * from './checkerboard.js';
export * from './swiss-roll.js';
export * from './circles.js';
export * from './pinwheel.js';
export { parseSvgPath, SvgPathError, type Subpath } from './geometry/svg-path-data.js';
export { svgPathData, SvgDocumentError, type SvgPathElement } from './geometry/svg-document.js';
export { parsePoints } from './io/parse-points.js';
export { dataNoise, fitForBounds, applyFit, finish, type BoxFit, type SyncDataset } from './common.js';

/** The shapes drawn by `scripts/gallery.mjs` and offered by name: every built-in, not the file-based ones. */
export function shapeDatasetPlugins(): FvPlugin<'dataset'>[] {
  return [trex(), moons(), eightGaussians(), spiral(), checkerboard(), swissRoll(), circles(), pinwheel()];
}
