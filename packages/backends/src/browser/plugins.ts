import { definePlugin, type FvPlugin } from '@flow-visualizer/core';
import type { BrowserVelocityBackend } from './browser-backend.js';
import { browserCpuBackendPlugin } from './cpu-backend.js';
import { browserWasmCBackend } from './wasm-c-backend.js';
import { browserWasmBackend, type WasmPaths } from './wasm-backend.js';
import { browserWebglBackend } from './webgl-backend.js';
import { browserWebgpuBackend } from './webgpu-backend.js';

export interface BrowserBackendOptions {
  /** Where the page serves tfjs-backend-wasm's three .wasm files (see WasmBackendOptions); without it wasm is passed over. */
  wasmPaths?: WasmPaths;
  /**
   * The run's `training.device`. A GPU backend asked for by name also takes a software-rendered GPU (SwiftShader),
   * which `auto` passes over as slower than wasm.
   */
  device?: string;
}

const plugin = (id: string, description: string, priority: number, make: () => BrowserVelocityBackend): FvPlugin<'backend'> =>
  definePlugin({ name: `fv:backend-browser-${id}`, kind: 'backend', id, description, capabilities: { priority }, create: () => make() });

/** Every backend that runs in a page or Web Worker, for its plugin registry: webgpu > webgl > wasm-c > wasm > cpu. */
export function browserBackendPlugins(options: BrowserBackendOptions = {}): FvPlugin[] {
  return [
    plugin('webgpu', 'TensorFlow.js on WebGPU compute shaders (the GPU; secure pages of recent browsers).', 40, () =>
      browserWebgpuBackend({ allowSoftware: options.device === 'webgpu' })),
    plugin('webgl', 'TensorFlow.js on WebGL2 shaders (the GPU; in a Web Worker through OffscreenCanvas).', 30, () =>
      browserWebglBackend({ allowSoftware: options.device === 'webgl' })),
    // Without a GPU, auto takes wasm-c: the native backend's C compiled to WebAssembly, no per-operation overhead.
    plugin('wasm-c', "The native backend's C kernels and training step compiled to WebAssembly + SIMD (the CLI's engine and numbers).", 25, () =>
      browserWasmCBackend({ fallback: browserWasmBackend({ wasmPaths: options.wasmPaths }) })),
    plugin('wasm', 'TensorFlow.js WebAssembly + SIMD (threads when the page is cross-origin isolated).', 20, () =>
      browserWasmBackend({ wasmPaths: options.wasmPaths })),
    browserCpuBackendPlugin(),
  ];
}
