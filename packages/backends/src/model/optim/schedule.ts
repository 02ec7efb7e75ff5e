import type { OptimizerSpec } from '@flow-visualizer/core';

/**
 * The learning rate of optimizer step `step` (1 for the first): a linear warm-up over `warmupSteps` steps
 * (lr·step/warmupSteps), then constant, or decaying to 0 at step totalSteps + 1 (linear_decay: lr·(1 − p),
 * cosine: lr·(1 + cos πp)/2, with p = (step − 1 − warmupSteps)/(totalSteps − warmupSteps)), so that the first
 * step after the warm-up takes the full rate and the last one a small but non-zero one, as PyTorch's LambdaLR
 * stepped after each optimizer step. A pure function of the step number: resuming needs nothing more.
 */
export function learningRateAt(lr: number, o: OptimizerSpec | undefined, step: number): number {
  if (!o) return lr;
  if (step <= o.warmupSteps) return (lr * step) / o.warmupSteps;
  if (o.schedule === 'constant') return lr;
  const span = Math.max(1, o.totalSteps - o.warmupSteps);
  const p = Math.min(1, Math.max(0, (step - 1 - o.warmupSteps) / span));
  return o.schedule === 'linear_decay' ? lr * (1 - p) : (lr * (1 + Math.cos(Math.PI * p))) / 2;
}
