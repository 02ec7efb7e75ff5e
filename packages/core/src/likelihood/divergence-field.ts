import { FvError } from '../errors.js';
import type { VelocityField } from '../ports/integrator.js';
import type { VelocityModel } from '../ports/velocity-model.js';

/**
 * The state the integrators carry for likelihood: the n points (n×d) followed by one accumulator per point for
 * the exact divergence and one per point for each Hutchinson probe (point-major: n × (1 + probes)), padded to an
 * even length because the integrators hold n×2 states. Its time derivative is [v(x, t); div v; εᵀ(∂v/∂x)ε …]:
 * integrated from t back to 0, each accumulator ends at −∫₀ᵗ (its estimate of div v) dt.
 */
export interface AugmentedLayout {
  n: number;
  d: number;
  probes: number;
  /** Offset of the accumulators (n·d). */
  acc: number;
  length: number;
}

export function augmentedLayout(n: number, d: number, probes: number): AugmentedLayout {
  const acc = n * d;
  const used = acc + n * (1 + probes);
  return { n, d, probes, acc, length: used + (used % 2) };
}

/** Exact trace of each point's d×d Jacobian (row-major), summed in float64. */
export function traces(jac: Float32Array, n: number, d: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += jac[i * d * d + k * d + k];
    out[i] = s;
  }
  return out;
}

/**
 * The augmented field: one Jacobian call per evaluation gives v, the exact divergence, and εᵀJε for every probe
 * (probes: n × probes × d, fixed for the whole solve, as FFJORD's estimator keeps them).
 */
export function divergenceField(model: VelocityModel, layout: AugmentedLayout, probes?: Float64Array): VelocityField {
  const { n, d, acc, length } = layout;
  const K = layout.probes;
  if (!model.jacobian) {
    throw new FvError('LIKELIHOOD_UNAVAILABLE', `The '${model.backend}' model gives no Jacobian, so its divergence (and likelihood) cannot be computed exactly.`, {
      hint: 'Use the mlp architecture on the native, wasm or cpu backend (model.architecture: mlp).',
    });
  }
  const jacobian = model.jacobian.bind(model);
  const out = new Float32Array(length);
  return async (state, t) => {
    const { v, jac } = await jacobian(state.subarray(0, n * d), t);
    out.set(v, 0);
    const A = 1 + K;
    for (let i = 0; i < n; i++) {
      const J = i * d * d;
      let tr = 0;
      for (let k = 0; k < d; k++) tr += jac[J + k * d + k];
      out[acc + i * A] = tr;
      for (let p = 0; p < K; p++) {
        const e = (i * K + p) * d;
        let q = 0;
        for (let k = 0; k < d; k++) {
          let row = 0;
          for (let j = 0; j < d; j++) row += jac[J + k * d + j] * probes![e + j];
          q += probes![e + k] * row;
        }
        out[acc + i * A + 1 + p] = q;
      }
    }
    return out;
  };
}
