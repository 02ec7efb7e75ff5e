import { definePlugin, type FvPlugin, type VelocityBackend } from '@flow-visualizer/core';
import { cpuBackend, gpuBackend, nodeBackend, wasmBackend } from './tfjs-backends.js';
import { nativeBackend } from './native-backend.js';

const backendPlugin = (id: string, description: string, make: () => VelocityBackend) =>
  definePlugin({
    name: `fv:backend-${id}`,
    kind: 'backend',
    id,
    description,
    create: () => make(),
  });

export const gpuBackendPlugin = () =>
  backendPlugin('gpu', 'TensorFlow with CUDA via @tensorflow/tfjs-node-gpu (optional install; alias cuda).', gpuBackend);
export const nodeBackendPlugin = () =>
  backendPlugin('node', 'TensorFlow on the CPU via @tensorflow/tfjs-node (optional install).', nodeBackend);
export const wasmBackendPlugin = () =>
  backendPlugin('wasm', 'TensorFlow.js WebAssembly + SIMD backend (always available).', wasmBackend);
export const nativeBackendPlugin = () =>
  backendPlugin('native', 'The same MLP in C, kernels for AVX-512, AVX2 or any x86-64 chosen at load, on all cores (optional; ~10× wasm; training.device=native).', nativeBackend);
export const cpuBackendPlugin = () =>
  backendPlugin('cpu', 'TensorFlow.js plain-JavaScript backend (always available, slow).', cpuBackend);

/** Every backend this package provides, for the composition root to register: gpu > node > wasm > native > cpu. */
export function builtinBackendPlugins(): FvPlugin[] {
  return [gpuBackendPlugin(), nodeBackendPlugin(), wasmBackendPlugin(), nativeBackendPlugin(), cpuBackendPlugin()];
}
