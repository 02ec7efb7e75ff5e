import type { ModelSpec } from '@flow-visualizer/core';
import { adamStep } from '../adam.js';
import { clipGlobalNorm } from './clip.js';
import { learningRateAt } from './schedule.js';

/** The flat buffers one optimizer step reads and updates. */
export interface OptimBuffers {
  params: Float32Array;
  m: Float32Array;
  v: Float32Array;
  /** The summed gradient of the batch; clipped in place. */
  grad: Float32Array;
}

/**
 * One optimizer step, the same for every engine: clip the gradient to the global norm, then the scheduled learning
 * rate, then weight decay on the kernels (`ranges`: AdamW's decoupled p ← p(1 − lr·wd), or Adam's L2 g ← g + wd·p,
 * in PyTorch's order), then Adam. Without spec.optimizer it is plain Adam at spec.learningRate, as before.
 * `step` is the step number after this update (1 for the first).
 */
export function optimizerStep(b: OptimBuffers, step: number, spec: ModelSpec, ranges: readonly (readonly [number, number])[]): void {
  const o = spec.optimizer;
  if (o && o.gradClip > 0) clipGlobalNorm(b.grad, o.gradClip);
  const lr = learningRateAt(spec.learningRate, o, step);
  if (o && o.weightDecay > 0) {
    const { params: p, grad: g } = b;
    if (o.kind === 'adamw') {
      const f = 1 - lr * o.weightDecay;
      for (const [a, e] of ranges) for (let i = a; i < e; i++) p[i] *= f;
    } else {
      for (const [a, e] of ranges) for (let i = a; i < e; i++) g[i] += o.weightDecay * p[i];
    }
  }
  adamStep(b.params, b.m, b.v, b.grad, step, lr);
}
