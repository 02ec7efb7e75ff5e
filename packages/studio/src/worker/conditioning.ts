/**
 * A conditional model in the worker (model.conditional): what it is conditioned on, the checks that refuse bad
 * conditional settings before anything changes, and its sampling for the live views. The sampling is core's
 * `conditionalSampling`, the one `fv visualize` runs (sampling.class or the target's own classes in proportion,
 * guided at sampling.guidance), so that the page and the CLI sample a model the same way.
 */
import {
  FvError,
  checkSamplingKeys,
  conditionSpecOf,
  conditionalSampling,
  createRng,
  sampleTargetLabelled,
  type ConditionSpec,
  type Dataset,
  type FvConfig,
  type AssignmentSolver,
  type PointSource,
  type RunMetrics,
  type VelocityField,
  type VelocityModel,
} from '@flow-visualizer/core';

/**
 * What the run conditions on (undefined: not conditional), after the checks train and visualize make later:
 * c2ot without a condition, sampling keys the model cannot give. Throws the CLI's CONFIG_INVALID messages.
 */
export function checkedConditionSpec(config: FvConfig, dataset: Dataset): ConditionSpec | undefined {
  const spec = conditionSpecOf(config, dataset.classNames);
  if (!spec && config.flow.pairing === 'c2ot') {
    throw new FvError('CONFIG_INVALID', 'flow.pairing=c2ot couples by condition, but model.conditional is false.', { hint: 'Turn on conditional (model.conditional), or use pairing ot.' });
  }
  checkSamplingKeys(config, spec);
  return spec;
}

/** The sampled points' field, the arrows' model, and per point the class id or value it was asked for. */
export interface ConditionedSampling {
  field: VelocityField;
  gridModel: VelocityModel;
  conditions: Float32Array;
  /**
   * fv visualize's conditional metrics of `generated` (sampled through `field`, in its order): per class the W2
   * (with an assignment solver) and the share landing nearest its own class, against the held-out labelled draw.
   */
  metrics(generated: Float32Array): Partial<RunMetrics>;
}

/** n points of a conditional model as fv visualize samples them, their conditions drawn from `label`'s stream. */
export async function conditionedSampling(config: FvConfig, model: VelocityModel, spec: ConditionSpec, plugins: { dataset: Dataset; source?: PointSource; assignment?: AssignmentSolver }, n: number, label: string): Promise<ConditionedSampling> {
  // conditionalSampling draws its reference conditions for max(n_generated, n_metric_samples) points: n here.
  const sized: FvConfig = { ...config, visualization: { ...config.visualization, n_generated: n, n_metric_samples: n } };
  const s = await conditionalSampling({ config: sized, model, plugins }, spec, createRng(config.training.seed, label));
  return { field: s.field, gridModel: s.gridModel, conditions: s.conditions, metrics: (generated) => s.metrics(generated) };
}

/** The class of each training point (the points train() draws for this seed), for a model conditioned on classes. */
export async function targetClasses(config: FvConfig, dataset: Dataset, spec: ConditionSpec | undefined): Promise<Int32Array | undefined> {
  if (spec?.on !== 'class') return undefined;
  return (await sampleTargetLabelled(config, dataset)).labels;
}
