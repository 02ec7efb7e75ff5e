import type { FvConfig } from '../../config/schema.js';
import { FvError } from '../../errors.js';
import type { ConditionSpec } from '../../ports/velocity-model.js';
import { coordinateOf, encodeConditions, modelConditions } from './encoding.js';

/**
 * The sampling.* keys against the model: refused (CONFIG_INVALID, exit 2) when they ask for what the model
 * cannot give: a class or value of an unconditional model, a class of a model conditioned on a value (or the
 * reverse), a class that does not exist, guidance other than 1 of a model trained without a null token (its
 * unconditional velocity was never learned: guidance would extrapolate from nothing, so it is an error, not a warning).
 */
export function checkSamplingKeys(config: FvConfig, spec: ConditionSpec | undefined): void {
  const s = config.sampling;
  const fail = (message: string, hint: string) => {
    throw new FvError('CONFIG_INVALID', message, { hint });
  };
  if (!spec) {
    if (s.class !== undefined) fail(`sampling.class=${s.class} asks for a class, but this run is not conditional.`, 'Train with model.conditional=true on a labelled dataset, or drop sampling.class.');
    if (s.condition !== undefined) fail(`sampling.condition=${s.condition} asks for a condition, but this run is not conditional.`, 'Train with model.conditional=true, or drop sampling.condition.');
    if (s.guidance !== 1) fail(`sampling.guidance=${s.guidance} needs a conditional model; this run is not conditional.`, 'Drop sampling.guidance (or set it to 1).');
    return;
  }
  if (s.class !== undefined && s.condition !== undefined) fail('sampling.class and sampling.condition are both set; a model has one kind of condition.', 'Keep one of them.');
  if (spec.on === 'class' && s.condition !== undefined) fail(`sampling.condition=${s.condition} is a continuous value, but the model is conditioned on classes.`, `Use sampling.class (0…${spec.classes! - 1} or a name: ${spec.classNames!.join(', ')}).`);
  if (spec.on !== 'class' && s.class !== undefined) fail(`sampling.class=${s.class} asks for a class, but the model is conditioned on the target's ${spec.on} coordinate.`, `Use sampling.condition=<a ${spec.on} value>.`);
  if (spec.on === 'class' && s.class !== undefined) classIdOf(spec, s.class);
  if (s.guidance !== 1 && !spec.nullToken) {
    fail(`sampling.guidance=${s.guidance} needs the unconditional velocity, which a model trained with training.cond_dropout=0 never learned.`, 'Train with training.cond_dropout > 0 (e.g. 0.1), or sample with sampling.guidance=1.');
  }
}

/** A class id from sampling.class: an id 0…K−1 or a class name (a name that is a number is read as the id first). */
export function classIdOf(spec: ConditionSpec, asked: number | string): number {
  const names = spec.classNames ?? [];
  const k = spec.classes!;
  const id = typeof asked === 'number' ? asked : /^\d+$/.test(asked) && !names.includes(asked) ? Number(asked) : names.indexOf(asked);
  if (!(Number.isInteger(id) && id >= 0 && id < k)) {
    throw new FvError('CONFIG_INVALID', `sampling.class=${asked} is not a class of this model: it has ${k} (${names.map((n, i) => `${i} ${n}`).join(', ')}).`, {
      hint: 'Give a class id 0…K−1 or one of the names.',
    });
  }
  return id;
}

/** What each sampled point is conditioned on: per point its class id or value (`of`), and the model input (`input`). */
export interface SamplingConditions {
  of: Float32Array;
  input: Float32Array;
}

/**
 * The conditions of n sampled points: sampling.class or sampling.condition for all of them when set, else those of
 * n reference target points (their labels, or their coordinate), so that classes come in the target's proportions.
 */
export function samplingConditions(config: FvConfig, spec: ConditionSpec, n: number, reference: { points: Float32Array; labels?: Int32Array }): SamplingConditions {
  checkSamplingKeys(config, spec);
  const s = config.sampling;
  let of: Float32Array;
  if (spec.on === 'class') {
    if (s.class !== undefined) of = new Float32Array(n).fill(classIdOf(spec, s.class));
    else {
      if (!reference.labels) throw new FvError('INTERNAL', 'Sampling a class-conditional model in proportion needs labelled reference points.');
      of = Float32Array.from({ length: n }, (_, i) => reference.labels![i % reference.labels!.length]);
    }
    const ids = Int32Array.from(of);
    return { of, input: modelConditions(spec, encodeConditions(spec, ids)) };
  }
  if (s.condition !== undefined) of = new Float32Array(n).fill(s.condition);
  else {
    const values = coordinateOf(spec, reference.points);
    of = Float32Array.from({ length: n }, (_, i) => values[i % values.length]);
  }
  return { of, input: modelConditions(spec, encodeConditions(spec, of)) };
}
