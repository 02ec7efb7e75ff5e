import { createRng, type ModelSpec, type Rng } from '@flow-visualizer/core';
import { isResMlp, paramInfos, type ParamInfo } from './spec.js';
import { usesEma } from './ema.js';
import { unflatten, type FlatLayout } from './flat.js';

/** Adam hyper-parameters; PyTorch's defaults so that the learned flow matches the reference. */
export const ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } as const;

/**
 * Everything needed to continue training exactly: parameters and Adam moments, each a list in `paramInfos`
 * order, the number of Adam steps taken (bias correction depends on it), and the moving average of the
 * parameters when the spec asks for one (then it is what the model predicts with).
 */
export interface MlpState {
  params: Float32Array[];
  m: Float32Array[];
  v: Float32Array[];
  step: number;
  ema?: Float32Array[];
}

/** An engine's flat buffers as an MlpState of per-parameter copies (what saving writes). */
export function stateOf(layout: FlatLayout, flat: { params: Float32Array; m: Float32Array; v: Float32Array; ema?: Float32Array }, step: number): MlpState {
  const ema = flat.ema ? { ema: unflatten(layout, flat.ema) } : {};
  return { params: unflatten(layout, flat.params), m: unflatten(layout, flat.m), v: unflatten(layout, flat.v), step, ...ema };
}

/**
 * PyTorch's default nn.Linear init, U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for weights and biases (the MLP and the
 * resnet, whose layers are listed kernel then bias; a bias takes its kernel's fan-in), drawn from a stream seeded by spec.seed, so that the same seed gives the same model on every backend.
 */
export function initialState(spec: ModelSpec): MlpState {
  const rng = createRng(spec.seed, 'model-init');
  const infos = paramInfos(spec);
  const params = isResMlp(spec) ? resInitialParams(infos, rng) : infos.map((p) => {
    const bound = 1 / Math.sqrt(p.shape.length === 2 ? p.shape[0] : infos[infos.indexOf(p) - 1].shape[0]);
    return rng.fillUniform(new Float32Array(p.size), -bound, bound);
  });
  const zeros = () => infos.map((p) => new Float32Array(p.size));
  return { params, m: zeros(), v: zeros(), step: 0, ...(usesEma(spec) ? { ema: params.map((p) => Float32Array.from(p)) } : {}) };
}

/**
 * The residual MLP's start, as the later tool: block kernels N(0, 0.02²/fan_in), the output layer all zeros (the
 * model starts as v = 0, and each block as a small perturbation of the identity).
 */
function resInitialParams(infos: ParamInfo[], rng: Rng): Float32Array[] {
  return infos.map((p) =>
    p.name.startsWith('block_') ? rng.fillNormal(new Float32Array(p.size), 0, 0.02 / Math.sqrt(p.shape[0])) : new Float32Array(p.size),
  );
}
