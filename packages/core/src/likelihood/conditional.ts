/**
 * Likelihood of a conditional flow. Given a condition c (a class, or a value of the target's coordinate) the flow
 * is an ordinary one, so log p(x | c) is logProb of the model with c fixed (and the sampling guidance w applied:
 * the density of what `fv sample` draws). For classes, the model's own density of x is the mixture over the
 * classes in the data's proportions, p(x) = Σ_k π_k p(x | k): one solve per class, summed in log space.
 */
import type { ConditionSpec, VelocityModel } from '../ports/velocity-model.js';
import { encodeConditions, modelConditions } from '../pipeline/conditions/encoding.js';
import { guidedModel } from '../pipeline/conditions/conditioned-model.js';
import { logProb, type LogProbOptions, type LogProbResult } from './log-prob.js';

/** log p(x | c) at n points, c the model input of each point's condition (n rows), under guidance w. */
export function conditionalLogProb(model: VelocityModel, spec: ConditionSpec, points: Float32Array, c: Float32Array, w: number, opts: LogProbOptions): Promise<LogProbResult> {
  return logProb(guidedModel(model, spec, c, w), points, opts);
}

/** The model input of class k for n points. */
export function classInput(spec: ConditionSpec, k: number, n: number): Float32Array {
  return modelConditions(spec, encodeConditions(spec, new Int32Array(n).fill(k)));
}

/** Each class's share of `labels` (K = spec.classes), the mixture weights π_k. */
export function classShares(spec: ConditionSpec, labels: Int32Array): Float64Array {
  const pi = new Float64Array(spec.classes!);
  for (const l of labels) pi[l] += 1 / labels.length;
  return pi;
}

export interface MixtureLogProb {
  /** log p(x) = log Σ_k π_k p(x | k), per point. */
  logp: Float64Array;
  /** log p(x | k) per class (K arrays of n), exact trace. */
  perClass: Float64Array[];
  nfe: number;
  seconds: number;
}

/** The class mixture's log density at n points: one exact solve per class with π_k > 0 (the others add nothing). */
export async function classMixtureLogProb(model: VelocityModel, spec: ConditionSpec, points: Float32Array, shares: Float64Array, w: number, opts: LogProbOptions): Promise<MixtureLogProb> {
  const n = points.length / model.spec.dataDim;
  const perClass: Float64Array[] = [];
  let nfe = 0, seconds = 0;
  for (let k = 0; k < spec.classes!; k++) {
    if (!(shares[k] > 0)) {
      perClass.push(new Float64Array(n).fill(-Infinity));
      continue;
    }
    const r = await conditionalLogProb(model, spec, points, classInput(spec, k, n), w, { ...opts, estimator: 'exact' });
    perClass.push(r.exact);
    nfe += r.nfe;
    seconds += r.seconds;
  }
  const logp = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let top = -Infinity;
    for (let k = 0; k < perClass.length; k++) if (shares[k] > 0) top = Math.max(top, Math.log(shares[k]) + perClass[k][i]);
    let s = 0;
    for (let k = 0; k < perClass.length; k++) if (shares[k] > 0) s += Math.exp(Math.log(shares[k]) + perClass[k][i] - top);
    logp[i] = top + Math.log(s);
  }
  return { logp, perClass, nfe, seconds };
}
