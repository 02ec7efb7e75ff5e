// tfjs-core's declarations name the global `Long` of @types/long without referencing it: a consumer whose tsconfig
// lists its `types` (and checks libraries) would not see it. This reference ships in our .d.ts.
/// <reference types="long" preserve="true" />
/**
 * @flow-visualizer/backends: TensorFlow.js compute backends (tfjs-node-gpu, tfjs-node, wasm, cpu) and the MLP
 * velocity model they run, with a hand-written backward pass and Adam, and save/load with the optimizer state.
 */
export { builtinBackendPlugins, gpuBackendPlugin, nodeBackendPlugin, wasmBackendPlugin, nativeBackendPlugin, cpuBackendPlugin } from './backends/plugins.js';
export { nativeBackend } from './backends/native-backend.js';
export { nativeSinkhornKernel } from './sinkhorn/native-sinkhorn.js';
export { nativeCallWall, nativeProfile, NATIVE_PROFILE_KINDS } from './model/native-net.js';
export { tfjsBackend, gpuBackend, nodeBackend, wasmBackend, cpuBackend, type TfjsBackendDef } from './backends/tfjs-backends.js';
export { MlpVelocityModel } from './model/mlp-model.js';
export { layerShapes, paramInfos, timeFrequencies } from './model/spec.js';
export { initialState, ADAM, type MlpState } from './model/state.js';
export { saveMlp, loadMlp, MODEL_FILE, WEIGHTS_FILE, type ModelJson } from './model/store.js';
export { encodeModel, encodeModelFiles, decodeModelFiles, type ModelFiles } from './model/model-files.js';
