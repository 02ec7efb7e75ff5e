import { definePlugin, type BackendDeclaration, type FvPlugin, type VelocityBackend } from '@flow-visualizer/core';
import { trainChunks } from '../model/parallel/threads.js';
import { cpuBackend, gpuBackend, nodeBackend, wasmBackend } from './tfjs-backends.js';
import { nativeBackend } from './native-backend.js';

const backendPlugin = (id: string, description: string, declared: BackendDeclaration, make: () => VelocityBackend) =>
  definePlugin({
    name: `fv:backend-${id}`,
    kind: 'backend',
    id,
    description,
    capabilities: declared,
    create: () => make(),
  });

// What each backend declares, read without creating it. threads: cores one training keeps busy (native, wasm and
// cpu split each batch in trainChunks() parts on a pool or worker threads; libtensorflow takes every core).
// memoryMb: resident memory of one run with its pictures (native: 430–500 MB peak measured on a small run, rounded up).
// Every tfjs backend and native can start from saved weights (createModelFrom), as rectified flow needs.

export const gpuBackendPlugin = () =>
  backendPlugin('gpu', 'TensorFlow with CUDA via @tensorflow/tfjs-node-gpu (optional install; alias cuda).', { priority: 40, aliases: ['cuda', 'node-gpu'], threads: 'all', memoryMb: 1500, warmStart: true }, gpuBackend);
export const nodeBackendPlugin = () =>
  backendPlugin('node', 'TensorFlow on the CPU via @tensorflow/tfjs-node (optional install).', { priority: 30, aliases: ['tensorflow'], threads: 'all', memoryMb: 800, warmStart: true }, nodeBackend);
export const wasmBackendPlugin = () =>
  backendPlugin('wasm', 'TensorFlow.js WebAssembly + SIMD backend (always available).', { priority: 20, threads: trainChunks('wasm'), memoryMb: 700, warmStart: true }, wasmBackend);
export const nativeBackendPlugin = () =>
  backendPlugin('native', 'The same MLP in C, kernels for AVX-512, AVX2 or any x86-64 chosen at load, on all cores (optional; training.device=native).', { priority: 25, aliases: ['c'], threads: trainChunks('native'), memoryMb: 600, warmStart: true }, nativeBackend);
export const cpuBackendPlugin = () =>
  backendPlugin('cpu', 'TensorFlow.js plain-JavaScript backend (always available, slow).', { priority: 10, threads: trainChunks('cpu'), memoryMb: 700, warmStart: true }, cpuBackend);

/** Every backend this package provides, for the composition root to register (auto tries gpu, node, native, wasm, cpu). */
export function builtinBackendPlugins(): FvPlugin[] {
  return [gpuBackendPlugin(), nodeBackendPlugin(), wasmBackendPlugin(), nativeBackendPlugin(), cpuBackendPlugin()];
}
