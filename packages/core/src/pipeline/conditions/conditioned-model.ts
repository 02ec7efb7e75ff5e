import { FvError } from '../../errors.js';
import type { VelocityField } from '../../ports/integrator.js';
import type { ConditionSpec, VelocityModel } from '../../ports/velocity-model.js';
import { baseConditionDim, modelConditions, nullConditions } from './encoding.js';

/** The model's condition input for n points. */
export type ConditionsFor = (n: number) => Float32Array;

/**
 * A conditional model seen as an unconditional one: predict(x, t) asks it with `conditionsFor(n)` (a caller that
 * has its points' own conditions passes them). For the parts of a run that only know points: the evolution
 * samples, the vector-field grid.
 */
export function conditionedModel(model: VelocityModel, conditionsFor: ConditionsFor): VelocityModel {
  return {
    backend: model.backend,
    spec: model.spec,
    trainStep: (b) => model.trainStep(b),
    predict: (x, t, c) => model.predict(x, t, c ?? conditionsFor(x.length / model.spec.dataDim)),
    save: (dir) => model.save(dir),
    numTensors: () => model.numTensors(),
    dispose: () => model.dispose(),
  };
}

/** The model input of the raw conditions `raw` (the data's, in their proportions), repeated to n points. */
export function proportionalConditions(spec: ConditionSpec, raw: Float32Array): ConditionsFor {
  const dim = baseConditionDim(spec), m = raw.length / dim;
  return (n) => {
    const out = new Float32Array(n * dim);
    for (let i = 0; i < n; i++) out.set(raw.subarray((i % m) * dim, (i % m + 1) * dim), i * dim);
    return modelConditions(spec, out);
  };
}

/**
 * The guided field of n points with model inputs `c` (fixed per point): v = v_uncond + w·(v_cond − v_uncond),
 * v_uncond the velocity at the null token (classifier-free guidance, Ho & Salimans 2022). w = 1 is v_cond alone
 * (one evaluation, the model as trained); w = 0 the unconditional model alone.
 */
export function guidedField(model: VelocityModel, spec: ConditionSpec, c: Float32Array, w: number): VelocityField {
  if (w === 1) return (x, t) => model.predict(x, t, c);
  const n = c.length / (baseConditionDim(spec) + (spec.nullToken ? 1 : 0));
  const none = nullConditions(spec, n);
  if (w === 0) return (x, t) => model.predict(x, t, none);
  return async (x, t) => {
    const vu = await model.predict(x, t, none);
    const vc = await model.predict(x, t, c);
    const out = new Float32Array(vu.length);
    for (let i = 0; i < out.length; i++) out[i] = vu[i] + w * (vc[i] - vu[i]);
    return out;
  };
}

/**
 * The model with each of its n points' condition input `c` fixed and guidance w applied (guidedField), as an
 * unconditional model: predict and, where the model has one, the Jacobian along x, which is linear in the
 * velocity as the guided velocity is (J = J_uncond + w·(J_cond − J_uncond)). Likelihood integrates this field, so
 * log p(x | c) is the density of the very flow `fv sample` draws with the same condition and guidance.
 */
export function guidedModel(model: VelocityModel, spec: ConditionSpec, c: Float32Array, w: number): VelocityModel {
  const field = guidedField(model, spec, c, w);
  const n = c.length / (baseConditionDim(spec) + (spec.nullToken ? 1 : 0));
  const none = w === 1 ? c : nullConditions(spec, n);
  const jac = model.jacobian?.bind(model);
  const check = (x: Float32Array) => {
    if (x.length !== n * model.spec.dataDim) throw new FvError('INTERNAL', `A guided model of ${n} points was asked about ${x.length / model.spec.dataDim}.`);
  };
  return {
    backend: model.backend,
    spec: model.spec,
    trainStep: (b) => model.trainStep(b),
    predict: (x, t) => (check(x), field(x, t as number)),
    ...(jac
      ? {
          jacobian: async (x: Float32Array, t: number) => {
            check(x);
            if (w === 1) return jac(x, t, c);
            if (w === 0) return jac(x, t, none);
            const u = await jac(x, t, none), k = await jac(x, t, c);
            const mix = (a: Float32Array, b: Float32Array) => a.map((ua, i) => ua + w * (b[i] - ua));
            return { v: mix(u.v, k.v), jac: mix(u.jac, k.jac) };
          },
        }
      : {}),
    save: (dir) => model.save(dir),
    numTensors: () => model.numTensors(),
    dispose: () => model.dispose(),
  };
}
