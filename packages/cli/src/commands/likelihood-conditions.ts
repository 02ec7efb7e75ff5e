import {
  FvError,
  checkSamplingKeys,
  classShares,
  sampleTargetLabelled,
  samplingConditions,
  type ConditionSpec,
  type Dataset,
  type FvConfig,
} from '@flow-visualizer/core';

/** What a conditional model's log p is taken given, per point. */
export interface LikelihoodConditions {
  /** Each point's model input (n rows), or undefined: a class model without labels scores the mixture only. */
  input?: Float32Array;
  /** Each point's class id (class models with known classes): the CSV's `label` column. */
  labels?: Int32Array;
  /** The data's class proportions π_k, the weights of the mixture p(x) = Σ π_k p(x | k) (class models). */
  shares?: Float64Array;
  /** "given each point's own label", "given class 1 (lower moon)", "given x = 0.5"… */
  given: string;
}

/**
 * The conditions of the points a conditional model is scored at, as `fv sample` picks them: sampling.class or
 * sampling.condition for every point when set, else each point's own (its label, from the file's `label` column
 * or the dataset's draw; its coordinate for a model conditioned on one). A label outside the model's classes is
 * DATA_INVALID (exit 2) naming the row.
 */
export async function likelihoodConditions(config: FvConfig, spec: ConditionSpec, dataset: Dataset, points: Float32Array, labels: Int32Array | undefined, source: string): Promise<LikelihoodConditions> {
  checkSamplingKeys(config, spec);
  const n = points.length / 2;
  if (spec.on !== 'class') {
    const { input } = samplingConditions(config, spec, n, { points });
    const s = config.sampling.condition;
    return { input, given: s === undefined ? `given each point's own ${spec.on} coordinate` : `given ${spec.on} = ${s}` };
  }
  const names = spec.classNames ?? [];
  labels?.forEach((l, i) => {
    if (l >= spec.classes!) {
      throw new FvError('DATA_INVALID', `Row ${i + 1} of ${source} has label ${l}, but the model knows ${spec.classes} classes (0…${spec.classes! - 1}: ${names.join(', ')}).`, {
        hint: 'Give labels of the classes the model was trained on, or drop the label column to score the mixture of all classes.',
      });
    }
  });
  const train = await sampleTargetLabelled(config, dataset);
  const shares = train.labels ? classShares(spec, train.labels) : new Float64Array(spec.classes!).fill(1 / spec.classes!);
  const asked = config.sampling.class;
  if (asked === undefined && !labels) return { shares, given: 'as the mixture of all classes' };
  const c = samplingConditions(config, spec, n, { points, labels });
  const ids = Int32Array.from(c.of);
  const given = asked === undefined ? "given each point's own label" : `given class ${ids[0]} (${names[ids[0]] ?? ids[0]})`;
  return { input: c.input, labels: ids, shares, given };
}
