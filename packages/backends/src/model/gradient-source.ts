import type { TrainBatch, VelocityJacobian } from '@flow-visualizer/core';
import type { FlatLayout } from './flat.js';
import type { OptimBuffers } from './optim/step.js';

/**
 * Which part of the optimiser step a source runs in its own arithmetic, declared by the source (MlpEngine checks
 * at construction that the methods it names are there):
 * - 'none': none; the engine runs Adam and the moving average in JavaScript (optim/step.ts, ema.ts);
 * - 'adam': Adam and the moving average (`adam`), after the engine's clipping, schedule and weight decay;
 * - 'fused': as 'adam', and a step that needs no whole gradient first (no clipping, no weight decay) is one
 *   `fusedStep` call: gradient, the parts' sum, Adam and the average in one pass.
 */
export type SourceOptimizer = 'none' | 'adam' | 'fused';

/** One Adam step's constants (adam.ts, adamConstants) and the moving average's, for a source that runs them. */
export interface AdamUpdate {
  /** [β1, β2, 1-β1, 1-β2, lr/(1-β1^t), 1/sqrt(1-β2^t), ε]. */
  k: Float64Array;
  /** The moving average to update after Adam, or null. */
  ema: Float32Array | null;
  /** Its step: ema += emaC·(params − ema). */
  emaC: number;
}

/**
 * Where the MLP's gradient comes from: a tfjs net in this thread, a pool of worker threads, or the C addon. It
 * holds no training state: parameters come in (and Adam's buffers, for a source that runs Adam itself) from
 * MlpEngine, which owns them. Every source sums a batch's parts in part order, so its numbers depend on the part
 * count only, never on how many threads ran.
 */
export interface GradientSource {
  readonly layout: FlatLayout;
  /** Declared: see SourceOptimizer. */
  readonly optimizer: SourceOptimizer;
  /** Where the engine must keep the parameters, when the source reads them from there (shared memory). */
  readonly paramsBuffer?: Float32Array;
  /** Sum of squared errors over the batch; its gradient times `scale` written into `grad`. */
  lossAndGrad(params: Float32Array, batch: TrainBatch, scale: number, grad: Float32Array): Promise<number>;
  /** v(x, t) with these weights (the parameters or their moving average); t per point, or one for all. */
  forward(weights: Float32Array, x: Float32Array, t: Float32Array | number): Promise<Float32Array>;
  /** Optional: v(x, t) and ∂v/∂x at one time with these weights (likelihood). */
  jacobian?(weights: Float32Array, x: Float32Array, t: number, dx?: Float32Array): Promise<VelocityJacobian>;
  /** optimizer 'adam' or 'fused': Adam then the moving average on the engine's buffers (grad already prepared). */
  adam?(b: OptimBuffers, u: AdamUpdate): void;
  /** optimizer 'fused': lossAndGrad, then adam() in one call. Returns the sum of squared errors; on a throw nothing changed. */
  fusedStep?(b: OptimBuffers, batch: TrainBatch, scale: number, u: AdamUpdate): Promise<number>;
  /** tfjs tensors alive (0 for a source without tfjs). */
  numTensors(): number;
  dispose(): void;
}
