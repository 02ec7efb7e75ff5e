import { flatten, type FlatLayout } from './flat.js';
import type { MlpState } from './state.js';

/**
 * Exponential moving average of the weights (Polyak averaging), as flow-matching code bases sample from (e.g.
 * torchcfm's examples). Adam at a constant learning rate leaves the weights jittering around a good point; the
 * average sits nearer to it, which shows in the samples (sliced W1 on the T-Rex: 0.025 → 0.011 in the PyTorch
 * reference with the same training, seed 0). The decay is warmed up, as TensorFlow's ExponentialMovingAverage
 * with num_updates, so that a short run is not pulled back toward its random initialisation.
 */
export function emaDecayAt(decay: number, step: number): number {
  return Math.min(decay, (1 + step) / (10 + step));
}

/** ema ← d·ema + (1 − d)·params, with d the warmed-up decay at optimizer step `step` (1 for the first). */
export function emaStep(ema: Float32Array, params: Float32Array, decay: number, step: number): void {
  const c = 1 - emaDecayAt(decay, step);
  for (let i = 0; i < ema.length; i++) ema[i] += c * (params[i] - ema[i]);
}

/**
 * The engine's flat average at start: the saved one when the state has it (a resumed model), else a copy of
 * the current weights; undefined when the spec keeps no average.
 */
export function initialEma(spec: { emaDecay?: number }, layout: FlatLayout, state: MlpState, params: Float32Array): Float32Array | undefined {
  if (!usesEma(spec)) return undefined;
  return state.ema ? flatten(layout, state.ema) : Float32Array.from(params);
}

/** Whether a spec asks for the average. */
export function usesEma(spec: { emaDecay?: number }): boolean {
  return typeof spec.emaDecay === 'number' && spec.emaDecay > 0;
}
