/**
 * @flow-visualizer/backends/browser: the velocity model for a web page or Web Worker, with no Node import (a test
 * bundles this entry for the browser and trains with it in Chromium). TensorFlow.js' cpu backend for now; the
 * main entry's backends (native C, tfjs-node, wasm on worker threads) and saving/loading model folders need Node.
 */
import type { FvPlugin } from '@flow-visualizer/core';
import { browserCpuBackendPlugin } from './browser/cpu-backend.js';

export { browserCpuBackend, browserCpuBackendPlugin } from './browser/cpu-backend.js';
export { MlpEngineModel } from './model/engine-model.js';
export type { MlpState } from './model/state.js';
export { encodeModel, encodeModelFiles, decodeModelFiles, parseModelJson, decodeWeights, MODEL_FILE, WEIGHTS_FILE } from './model/model-files.js';
export type { ModelFiles, ModelHeader, ModelJson } from './model/model-files.js';

/** Every backend that runs in a browser, for a page's plugin registry. */
export function browserBackendPlugins(): FvPlugin[] {
  return [browserCpuBackendPlugin()];
}
