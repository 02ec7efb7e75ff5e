/**
 * @flow-visualizer/datasets/node: the disk reader of the user's files (`nodeUserFiles()`: fs with core's size cap,
 * images decoded by @napi-rs/canvas), and the dataset plugins with it as their default reader, for Node hosts.
 */
import type { FvPlugin } from '@flow-visualizer/core';
import { datasetPlugins, fileDatasetPlugins as withReader } from './index.js';
import { nodeUserFiles } from './io/node-files.js';

export { nodeUserFiles, resolveUserPath } from './io/node-files.js';

/** The datasets read from the user's files (points, svg, image), reading from disk unless the host gives a reader. */
export function fileDatasetPlugins(): FvPlugin<'dataset'>[] {
  return withReader(nodeUserFiles());
}

/** Every dataset plugin of this package (built-in shapes, then the user-file shapes reading from disk), for the cli. */
export function builtinDatasetPlugins(): FvPlugin<'dataset'>[] {
  return datasetPlugins(nodeUserFiles());
}
