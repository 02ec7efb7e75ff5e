import type { FvConfig } from '../../config/schema.js';
import { FvError } from '../../errors.js';
import type { ConditionSpec } from '../../ports/velocity-model.js';
import type { PairingConditions } from '../../ports/probability-path.js';
import type { Rng } from '../../rng.js';

/**
 * How a conditional run feeds its condition to the network, in one place (training, sampling and the pairing
 * read it from here):
 * - class, K = 2: one input, −1 / +1 (class 0 / class 1), as the C2OT paper's moons.py (`cls * 2 − 1`);
 * - class, K > 2: one-hot, K inputs. A single ordinal input (0, 1, 2, …) would tell the network that class 2 lies
 *   "between" 1 and 3; one-hot keeps the classes equidistant, and its cosine cost (C2OT's condition_norm for
 *   classes) is 0 within a class and 1 across, as ±1's is 0 and 2;
 * - x or y: one input, that coordinate of the target point (the paper's continuous "x" column).
 * With training.cond_dropout > 0 one more input, the null flag: 0 for a present condition, and for a dropped one
 * the condition inputs are 0 and the flag 1. The network's cond_proj (or first layer) turns that flag into a
 * learned null embedding: the "learned null token" of classifier-free guidance (Ho & Salimans 2022).
 */

/** What the run conditions on, from its config and its dataset's classes; undefined for an unconditional run. */
export function conditionSpecOf(config: FvConfig, classNames?: readonly string[]): ConditionSpec | undefined {
  if (!config.model.conditional) return undefined;
  if (config.model.architecture === 'resmlp') {
    throw new FvError('CONFIG_INVALID', 'model.conditional needs model.architecture mlp or resnet (resmlp has no conditional form).', {
      hint: 'Set model.architecture=resnet (the C2OT paper\'s ConditionalNet) or mlp.',
    });
  }
  const nullToken = config.training.cond_dropout > 0;
  if (config.model.condition !== 'class') return { on: config.model.condition, nullToken };
  if (!classNames || classNames.length < 2) {
    throw new FvError('CONFIG_INVALID', `Dataset '${config.data.name}' has no labels, so model.condition=class has nothing to condition on.`, {
      hint: 'Use a labelled dataset (moons, eight_gaussians, checkerboard, circles, spiral, pinwheel, trex; a points file with a label column), or model.condition=x for a continuous condition.',
    });
  }
  return { on: 'class', classes: classNames.length, classNames: [...classNames], nullToken };
}

/** Inputs of the condition itself (without the null flag): 1 for two classes or a value, K for K classes. */
export function baseConditionDim(spec: ConditionSpec): number {
  return spec.on === 'class' && spec.classes! > 2 ? spec.classes! : 1;
}

/** Inputs the network gets per point: the condition, and the null flag when trained with dropout. */
export function conditionInputDim(spec: ConditionSpec): number {
  return baseConditionDim(spec) + (spec.nullToken ? 1 : 0);
}

/**
 * The raw condition of each point, before any null flag (n×baseConditionDim): ±1 or one-hot of its class, or its
 * coordinate. `classes`: per point the class id (on 'class') or the value itself (on 'x'/'y').
 */
export function encodeConditions(spec: ConditionSpec, classes: Float32Array | Int32Array): Float32Array {
  const n = classes.length, dim = baseConditionDim(spec);
  const out = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    if (spec.on !== 'class') out[i] = classes[i];
    else if (dim === 1) out[i] = classes[i] * 2 - 1;
    else out[i * dim + classes[i]] = 1;
  }
  return out;
}

/** Per point, the value a continuous condition reads from a target point: its x or y coordinate. */
export function coordinateOf(spec: ConditionSpec, points: Float32Array): Float32Array {
  const axis = spec.on === 'y' ? 1 : 0, n = points.length >> 1;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = points[2 * i + axis];
  return out;
}

/**
 * The network's input from the raw conditions: with a null token, the flag column after them (0 = present);
 * `drop[i]` set makes point i's input the null token (zeros, flag 1). Without a null token the raw conditions as they are.
 */
export function modelConditions(spec: ConditionSpec, raw: Float32Array, drop?: Uint8Array): Float32Array {
  if (!spec.nullToken) return raw;
  const dim = baseConditionDim(spec), w = dim + 1, n = raw.length / dim;
  const out = new Float32Array(n * w);
  for (let i = 0; i < n; i++) {
    if (drop?.[i]) out[i * w + dim] = 1;
    else for (let k = 0; k < dim; k++) out[i * w + k] = raw[i * dim + k];
  }
  return out;
}

/** The null token for n points: classifier-free guidance's unconditional input. */
export function nullConditions(spec: ConditionSpec, n: number): Float32Array {
  const w = conditionInputDim(spec), out = new Float32Array(n * w);
  for (let i = 0; i < n; i++) out[i * w + w - 1] = 1;
  return out;
}

/** Label dropout: each point dropped with probability p, from its own stream. */
export function dropMask(n: number, p: number, rng: Rng): Uint8Array | undefined {
  if (p <= 0) return undefined;
  const u = rng.fillUniform(new Float32Array(n));
  return Uint8Array.from(u, (v) => (v < p ? 1 : 0));
}

/** The conditions a pairing sees: the raw ones of the batch's data points, and whether they are classes. */
export function pairingConditionsOf(spec: ConditionSpec, raw: Float32Array): PairingConditions {
  return { c: raw, dim: baseConditionDim(spec), discrete: spec.on === 'class' };
}
