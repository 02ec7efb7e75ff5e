import type { VelocityJacobian } from '@flow-visualizer/core';
import type { FlatLayout } from './flat.js';

/**
 * The MLP's arithmetic, stateless: parameters come in as one flat Float32Array per call (Adam runs outside, so
 * that worker threads can share it). Implemented on tfjs (TfjsNet) and in C (NativeNet).
 */
export interface MlpNet {
  readonly layout: FlatLayout;
  /** Sum of squared errors over the rows; its gradient times `scale` written into `grad` (flat layout). */
  lossAndGrad(params: Float32Array, x: Float32Array, t: Float32Array, target: Float32Array, scale: number, grad: Float32Array): number;
  /** v(x, t): t per point, or one time for all points. */
  forward(params: Float32Array, x: Float32Array, t: Float32Array | number): Float32Array;
  /** Optional: v(x, t) and ∂v/∂x at one time for all points (the analytic Jacobian; likelihood needs it). */
  jacobian?(params: Float32Array, x: Float32Array, t: number, dx?: Float32Array): VelocityJacobian;
  dispose(): void;
}

/**
 * An MlpNet whose results come back asynchronously: a GPU backend's (WebGPU cannot read a buffer back
 * synchronously in a worker), which keeps the whole step on the device and reads the gradient once.
 */
export interface AsyncMlpNet {
  readonly layout: FlatLayout;
  lossAndGrad(params: Float32Array, x: Float32Array, t: Float32Array, target: Float32Array, scale: number, grad: Float32Array): Promise<number>;
  forward(params: Float32Array, x: Float32Array, t: Float32Array | number): Promise<Float32Array>;
  dispose(): void;
}

/** What a net runs on: a tfjs backend, or the C addon. */
export type NetKind = 'wasm' | 'cpu' | 'native';
