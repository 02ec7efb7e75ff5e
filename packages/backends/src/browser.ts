// tfjs-core's declarations name the global `Long` of @types/long without referencing it: a consumer whose tsconfig
// lists its `types` (and checks libraries) would not see it. This reference ships in our .d.ts.
/// <reference types="long" preserve="true" />
/**
 * @flow-visualizer/backends/browser: the velocity model for a web page or Web Worker, with no Node import (a test
 * bundles this entry for the browser and trains with it in Chromium). TensorFlow.js on webgpu > webgl > wasm > cpu,
 * each with a probe that says why it is passed over; the same MLP, Adam and moving average as the CLI (MlpEngine).
 * The main entry's backends (native C, tfjs-node, wasm on worker threads) and model folders need Node.
 */
export { browserBackendPlugins, type BrowserBackendOptions } from './browser/plugins.js';
export { browserTfBackend, PassedOver, resetBrowserProbes, type BrowserVelocityBackend, type BrowserVelocityModel, type BrowserBackendId, type BrowserTfDef } from './browser/browser-backend.js';
export { browserWebgpuBackend, type GpuBackendOptions } from './browser/webgpu-backend.js';
export { browserWebglBackend } from './browser/webgl-backend.js';
export { browserWasmBackend, WASM_FILES, type WasmPaths, type WasmBackendOptions } from './browser/wasm-backend.js';
export { browserWasmCBackend, type WasmCBackendOptions } from './browser/wasm-c-backend.js';
export { wasmSimdPeak } from './wasm/fv-wasm.js';
export { browserCpuBackend, browserCpuBackendPlugin } from './browser/cpu-backend.js';
export { MlpEngineModel } from './model/engine-model.js';
export { initialState, type MlpState } from './model/state.js';
export { encodeModel, encodeModelFiles, decodeModelFiles, parseModelJson, decodeWeights, MODEL_FILE, WEIGHTS_FILE } from './model/model-files.js';
export type { ModelFiles, ModelHeader, ModelJson } from './model/model-files.js';
