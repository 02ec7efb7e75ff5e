/**
 * The couples of a conditional reflow: each noise point x0 gets a condition c, drawn as a conditional run's
 * sampling draws them (the labels or coordinate of target points, so classes come in the target's proportions),
 * and x1 is where the base flow carries x0 under c with sampling.guidance. The new model then learns the straight
 * line from x0 to x1 given c: the couples of one condition no longer cross, as in unconditional reflow.
 */
import type { FvConfig } from '../../config/schema.js';
import { FvError } from '../../errors.js';
import { assertPoints } from '../../points.js';
import type { Dataset } from '../../ports/dataset.js';
import type { Integrator } from '../../ports/integrator.js';
import type { ConditionSpec, VelocityModel } from '../../ports/velocity-model.js';
import { createRng, type Rng } from '../../rng.js';
import { guidedField } from '../conditions/conditioned-model.js';
import { encodeConditions } from '../conditions/encoding.js';
import { samplingConditions } from '../conditions/sampling-conditions.js';
import { drawSource, type PointSource } from '../sampling/source.js';
import type { ReflowCouples } from './reflow.js';

export interface ConditionalCouplesOptions {
  n: number;
  steps: number;
  seed: number;
  source?: PointSource;
  /** The run's config: its sampling.guidance, and its sampling keys checked against the model. */
  config: FvConfig;
  /** The dataset whose points (and labels) give the couples' conditions. */
  dataset: Dataset;
}

/**
 * Draws n source points (the same stream as unconditional reflow) and n conditions, and carries each point through
 * the base flow under its condition. The couples cover every class (or value) in the target's proportions whatever
 * sampling.class / sampling.condition say: those choose what the finished run samples, not what it learns.
 */
export async function conditionalReflowCouples(base: VelocityModel, spec: ConditionSpec, integrator: Integrator, o: ConditionalCouplesOptions, log: (m: string) => void = () => undefined): Promise<ReflowCouples> {
  const s = o.config.sampling;
  if (s.class !== undefined || s.condition !== undefined) {
    log(`The couples take every ${spec.on === 'class' ? 'class' : 'condition'} in the target's proportions; sampling.${s.class !== undefined ? 'class' : 'condition'} applies to the reflow run's samples only.`);
  }
  const proportional: FvConfig = { ...o.config, sampling: { ...s, class: undefined, condition: undefined } };
  const reference = await referencePoints(o.dataset, spec, o.n, createRng(o.seed, 'reflow-conditions'));
  // Checks sampling.guidance against the model too (guidance ≠ 1 needs the null token).
  const sc = samplingConditions(proportional, spec, o.n, reference);
  const raw = spec.on === 'class' ? encodeConditions(spec, Int32Array.from(sc.of)) : encodeConditions(spec, sc.of);
  const x0 = await drawSource(o.source, o.n, createRng(o.seed, 'reflow-noise'));
  const start = performance.now();
  const res = await integrator.integrate(guidedField(base, spec, sc.input, s.guidance), x0, { steps: o.steps });
  for (let i = 0; i < res.x.length; i++) {
    if (!Number.isFinite(res.x[i])) {
      throw new FvError('MODEL_INVALID', `The base model carries some noise to NaN or infinity (guidance ${s.guidance}): it cannot make couples to train on.`, {
        hint: 'Check the base run (fv visualize on it), or lower sampling.guidance; train it again if its samples are broken.',
      });
    }
  }
  return { x0, x1: Float32Array.from(res.x), nfe: res.nfe, seconds: (performance.now() - start) / 1000, conditions: raw };
}

/** n target points, with their labels for a class-conditional model: where the couples' conditions come from. */
async function referencePoints(dataset: Dataset, spec: ConditionSpec, n: number, rng: Rng): Promise<{ points: Float32Array; labels?: Int32Array }> {
  if (spec.on !== 'class') {
    const points = await dataset.sample(n, rng);
    assertPoints(points, n, `Dataset '${dataset.id}'`);
    return { points };
  }
  if (!dataset.sampleLabelled) throw new FvError('CONFIG_INVALID', `Dataset '${dataset.id}' has no labels, but the base model is conditioned on classes.`, { hint: 'Use the dataset the base run was trained on.' });
  const drawn = await dataset.sampleLabelled(n, rng);
  assertPoints(drawn.points, n, `Dataset '${dataset.id}'`);
  return drawn;
}
