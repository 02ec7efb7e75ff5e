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
 * Everything of one optimizer step before Adam's own update, the same for every engine: clip the gradient to the
 * global norm, take the scheduled learning rate, apply weight decay to the kernels (`ranges`: AdamW's decoupled
 * p ← p(1 − lr·wd), or Adam's L2 g ← g + wd·p), in PyTorch's order. Returns the learning rate Adam must use.
 * Without spec.optimizer it changes nothing and returns spec.learningRate. `step`: 1 for the first.
 */
export function prepareStep(b: OptimBuffers, step: number, spec: ModelSpec, ranges: readonly (readonly [number, number])[]): number {
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
  return lr;
}

/** One whole optimizer step in JavaScript: prepareStep, then Adam at the learning rate it gives. */
export function optimizerStep(b: OptimBuffers, step: number, spec: ModelSpec, ranges: readonly (readonly [number, number])[]): void {
  adamStep(b.params, b.m, b.v, b.grad, step, prepareStep(b, step, spec, ranges));
}

/**
 * Whether a step needs the batch's whole gradient before Adam (clipping to the global norm, weight decay): then a
 * source may not fuse gradient and Adam into one call.
 */
export function needsWholeGradient(spec: ModelSpec): boolean {
  const o = spec.optimizer;
  return !!o && (o.gradClip > 0 || o.weightDecay > 0);
}
