import type { ModelSpec } from '@flow-visualizer/core';
import type { NetKind } from '../net.js';

/** Messages between the main thread and a gradient worker. Parameters and gradients travel in shared memory. */
export type ToWorker =
  | { kind: 'init'; spec: ModelSpec; net: NetKind; params: SharedArrayBuffer; grad: SharedArrayBuffer }
  | { kind: 'grad'; id: number; x: Float32Array; t: Float32Array; target: Float32Array; scale: number }
  | { kind: 'predict'; id: number; x: Float32Array; t: Float32Array | number };

export type FromWorker =
  | { kind: 'ready' }
  | { kind: 'grad'; id: number; sse: number }
  | { kind: 'predict'; id: number; out: Float32Array }
  | { kind: 'error'; id?: number; message: string };
