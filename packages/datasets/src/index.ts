/**
 * @flow-visualizer/datasets: the built-in 2D datasets (T-Rex and friends) and the user shapes (points, svg, image),
 * one plugin each. Importing registers nothing: the composition root passes `builtinDatasetPlugins()` to a registry.
 */
import type { FvPlugin } from '@flow-visualizer/core';
import { trex } from './trex.js';

export * from './trex.js';
export { dataNoise, fitForBounds, applyFit, finish, type BoxFit, type SyncDataset } from './common.js';

/** Every dataset plugin of this package, for the composition root to register. */
export function builtinDatasetPlugins(): FvPlugin[] {
  return [trex()] as FvPlugin[];
}
