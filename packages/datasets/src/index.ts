/**
 * @flow-visualizer/datasets: the built-in 2D datasets (T-Rex and friends) and the user shapes (points, svg,
 * image), one plugin each. Browser-safe (a test bundles it for the browser): the user shapes read their files
 * through the host's reader (PluginContext.files), `memoryFiles(...)` in a page; `@flow-visualizer/datasets/node`
 * gives them the disk. Importing registers nothing: the composition root passes the plugins to a registry.
 */
import type { FvPlugin, UserFiles } from '@flow-visualizer/core';
import { trex } from './trex.js';
import { moons } from './moons.js';
import { gaussian } from './gaussian.js';
import { eightGaussians } from './eight-gaussians.js';
import { spiral } from './spiral.js';
import { checkerboard } from './checkerboard.js';
import { swissRoll } from './swiss-roll.js';
import { circles } from './circles.js';
import { pinwheel } from './pinwheel.js';
import { points } from './points.js';
import { svg } from './svg.js';
import { image } from './image.js';

export * from './trex.js';
export * from './moons.js';
export * from './gaussian.js';
export * from './eight-gaussians.js';
export * from './spiral.js';
export * from './checkerboard.js';
export * from './swiss-roll.js';
export * from './circles.js';
export * from './pinwheel.js';
export * from './points.js';
export * from './svg.js';
export * from './image.js';
export { memoryFiles, decodeImageInPage, fileKey, checkDataFileSize } from './io/memory-files.js';
export { readUserFile, userText, DATA_FILE_LIMIT, type UserFile } from './io/user-file.js';
export { parseSvgPath, SvgPathError, type Subpath } from './geometry/svg-path-data.js';
export { svgPathData, SvgDocumentError, type SvgPathElement } from './geometry/svg-document.js';
export { parsePoints, parseLabelledPoints, checkPoints } from './io/parse-points.js';
export { dataNoise, fitForBounds, applyFit, finish, finishLabelled, labelledDataset, numberedClasses, type BoxFit, type SyncDataset, type SyncLabelledDataset } from './common.js';

/** The shapes drawn by `scripts/gallery.mjs` and offered by name: every built-in, not the file-based ones. */
export function shapeDatasetPlugins(): FvPlugin<'dataset'>[] {
  return [trex(), moons(), eightGaussians(), spiral(), checkerboard(), swissRoll(), circles(), pinwheel(), gaussian()];
}

/**
 * The datasets read from the user's files (points, svg, image). They read through the host's PluginContext.files,
 * else through `files` (e.g. `memoryFiles({...})` in a page).
 */
export function fileDatasetPlugins(files?: UserFiles): FvPlugin<'dataset'>[] {
  return [points({ files }), svg({ files }), image({ files })];
}

/** Every dataset plugin of this package: the built-in shapes, then the user-file shapes. */
export function datasetPlugins(files?: UserFiles): FvPlugin<'dataset'>[] {
  return [...shapeDatasetPlugins(), ...fileDatasetPlugins(files)];
}
