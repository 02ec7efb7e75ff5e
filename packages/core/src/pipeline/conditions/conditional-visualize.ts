import { FvError } from '../../errors.js';
import type { Integrator, VelocityField } from '../../ports/integrator.js';
import type { ConditionSpec, VelocityModel } from '../../ports/velocity-model.js';
import { assertPoints, pointCount } from '../../points.js';
import type { Rng } from '../../rng.js';
import { drawSource } from '../sampling/source.js';
import type { ConditionFigures, GuidanceFigure, RunMetrics } from '../sampling/result.js';
import type { VisualizeInput } from '../sampling/visualize.js';
import { sampleTargetLabelled } from '../training/train.js';
import { conditionInputDim, coordinateOf, encodeConditions, modelConditions, nullConditions } from './encoding.js';
import { guidedField } from './conditioned-model.js';
import { perClassMetrics } from '../../metrics/per-class.js';
import { classIdOf, samplingConditions } from './sampling-conditions.js';
import { classShares } from '../../likelihood/conditional.js';
import type { ClassMixture } from '../../likelihood/figures.js';

/** The guidance weights of guidance.png: the same noise and conditions sampled at each. */
export const GUIDANCE_WEIGHTS = [0, 1, 2, 4];

/** What visualize needs of a conditional run beyond an unconditional one's (FlowResult's seam: conditions, guidance, per_class). */
export interface ConditionalSampling {
  /** The guided field of the run's sampled points, each with its own condition. */
  field: VelocityField;
  /** The model the arrows are drawn from: sampling.class (or .condition) when set, else the null token, else class 0 / the mean value. */
  gridModel: VelocityModel;
  /** The held-out target draws of the quality figures (the points heldOutDraws gives), and draw A's labels. */
  heldA: Float32Array;
  heldB: Float32Array;
  /** Per sampled point (the field's order) its class id or value. */
  conditions: Float32Array;
  metrics(generated: Float32Array): Partial<RunMetrics>;
  /** What runLikelihood needs: the condition, and for classes the mixture (the data's shares, draw A's own labels). */
  likelihood(): Promise<{ condition: ConditionSpec; mixture?: ClassMixture }>;
  figures(target: Float32Array, nShown: number, shownRng: Rng, nGenerated: number): Promise<ConditionFigures>;
  guidance(integrator: Integrator, n: number): Promise<GuidanceFigure | undefined>;
}

/** What conditionalSampling reads of a run: visualize's input, or the studio worker's model and plugins. */
export type ConditionalSamplingInput = Pick<VisualizeInput, 'config' | 'model'> & { plugins: Pick<VisualizeInput['plugins'], 'dataset' | 'source' | 'assignment'> };

/**
 * A conditional run's sampling: every point gets the condition of one held-out target point (labels or
 * coordinate, so classes come in the target's proportions) unless sampling.class / sampling.condition fixes it,
 * and follows the guided field at sampling.guidance.
 */
export async function conditionalSampling(input: ConditionalSamplingInput, spec: ConditionSpec, rng: Rng): Promise<ConditionalSampling> {
  const { config, model } = input;
  const ds = input.plugins.dataset;
  if (!ds) throw new FvError('INTERNAL', 'Sampling a conditional model needs its dataset (for the conditions of the target).');
  const v = config.visualization, w = config.sampling.guidance;
  const nAll = Math.max(v.n_generated, v.n_metric_samples);
  // The same streams as heldOutDraws: a labelled draw returns the points `sample` does.
  const draw = async (label: string): Promise<{ points: Float32Array; labels?: Int32Array }> => {
    if (spec.on !== 'class') return { points: await ds.sample(nAll, rng.fork(label)) };
    if (!ds.sampleLabelled) throw new FvError('CONFIG_INVALID', `Dataset '${ds.id}' has no labels, but the model is conditioned on classes.`, { hint: 'Use the dataset the model was trained on.' });
    return ds.sampleLabelled(nAll, rng.fork(label));
  };
  const a = await draw('held-out-a'), b = await draw('held-out-b');
  assertPoints(a.points, nAll, `Dataset '${ds.id}'`);
  const sc = samplingConditions(config, spec, nAll, a);
  const dim = conditionInputDim(spec);
  const field = guidedField(model, spec, sc.input, w);

  // The arrows: one condition for the whole grid.
  const s = config.sampling;
  const fixed = spec.on === 'class' ? (s.class !== undefined ? classIdOf(spec, s.class) : undefined) : s.condition;
  const gridInput = (n: number): Float32Array => {
    if (fixed === undefined && spec.nullToken) return nullConditions(spec, n);
    const value = fixed ?? (spec.on === 'class' ? 0 : mean(coordinateOf(spec, a.points)));
    const raw = spec.on === 'class' ? encodeConditions(spec, new Int32Array(n).fill(value)) : encodeConditions(spec, new Float32Array(n).fill(value));
    return modelConditions(spec, raw);
  };
  const gridModel: VelocityModel = {
    backend: model.backend,
    spec: model.spec,
    predict: (x, t) => {
      const n = pointCount(x), c = gridInput(n);
      return fixed !== undefined ? guidedField(model, spec, c, w)(x, t as number) : model.predict(x, t, c);
    },
    trainStep: (batch) => model.trainStep(batch),
    save: (dir) => model.save(dir),
    numTensors: () => model.numTensors(),
    dispose: () => model.dispose(),
  };

  return {
    field,
    gridModel,
    heldA: a.points,
    heldB: b.points,
    conditions: sc.of,
    async likelihood() {
      if (spec.on !== 'class' || !a.labels) return { condition: spec };
      const { labels } = await sampleTargetLabelled(config, ds);
      const heldInput = modelConditions(spec, encodeConditions(spec, a.labels));
      return { condition: spec, mixture: { spec, shares: classShares(spec, labels!), w, heldInput } };
    },
    metrics(generated) {
      const base = { guidance: w, condition: spec.on };
      if (spec.on !== 'class' || !a.labels) return base;
      return { ...base, ...perClassMetrics({ generated, generatedClasses: sc.of, target: a.points, targetClasses: a.labels, names: spec.classNames!, solver: input.plugins.assignment, w2Points: v.n_w2_points }) };
    },
    async figures(target, nShown, shownRng, nGenerated) {
      // randomSubset's draw, repeated for the indices: the conditions of the shown target points.
      const perm = shownRng.permutation(pointCount(target)), m = Math.min(nShown, pointCount(target));
      let of: Float32Array;
      if (spec.on === 'class') {
        const { labels } = await sampleTargetLabelled(config, ds);
        of = Float32Array.from({ length: m }, (_, i) => labels![perm[i]]);
      } else {
        const values = coordinateOf(spec, target);
        of = Float32Array.from({ length: m }, (_, i) => values[perm[i]]);
      }
      return {
        kind: spec.on === 'class' ? 'class' : 'continuous',
        ...(spec.on === 'class' ? { names: spec.classNames } : {}),
        label: spec.on === 'class' ? 'class' : `target ${spec.on}`,
        target: of,
        generated: sc.of.slice(0, nGenerated),
        guidance: w,
      };
    },
    async guidance(integrator, n) {
      // Without a null token the unconditional velocity was never learned: no guidance figure (checkSamplingKeys says why for w ≠ 1).
      if (!spec.nullToken) return undefined;
      const m = Math.min(n, nAll);
      const noise = await drawSource(input.plugins.source, m, rng.fork('guidance-noise'));
      const c = sc.input.slice(0, m * dim);
      const samples: Float32Array[] = [];
      for (const weight of GUIDANCE_WEIGHTS) {
        const res = await integrator.integrate(guidedField(model, spec, c, weight), Float32Array.from(noise), { steps: v.n_sampling_steps, ...(v.integrator_options as { rtol?: number; atol?: number }) });
        samples.push(res.x);
      }
      return { weights: [...GUIDANCE_WEIGHTS], samples, conditions: sc.of.slice(0, m) };
    },
  };
}

function mean(a: Float32Array): number {
  let s = 0;
  for (const x of a) s += x;
  return a.length ? s / a.length : 0;
}
