import { FvError } from '../errors.js';
import type { Integrator } from '../ports/integrator.js';
import type { VelocityModel } from '../ports/velocity-model.js';
import type { Rng } from '../rng.js';
import { augmentedLayout, divergenceField } from './divergence-field.js';
import { drawProbes, type ProbeKind } from './probes.js';
import { standardNormalSource, type SourceDensity } from './source-density.js';

export interface LogProbOptions {
  /** The solver that carries the points back to the source (the run's sampling integrator, as a rule). */
  integrator: Integrator;
  steps: number;
  integratorOptions?: { rtol?: number; atol?: number };
  /** The time whose density p_t is wanted (default 1: the model's distribution; less: a moment of the flow). */
  t?: number;
  /**
   * 'exact' (default): the trace of the backend's Jacobian. 'hutchinson': the mean of `probes` estimates εᵀ(∂v/∂x)ε
   * per point, with their variance; the exact figure comes along (it costs nothing more in 2D), for comparison.
   */
  estimator?: 'exact' | 'hutchinson';
  /** Hutchinson probes per point (default 1). */
  probes?: number;
  probe?: ProbeKind;
  /** Draws the probes (hutchinson only). */
  rng?: Rng;
  /** Density at t = 0 (default the standard normal). */
  source?: SourceDensity;
}

export interface LogProbResult {
  /** log p_t(x) per point, in nats (the estimator asked for). */
  logp: Float64Array;
  /** With the exact trace (always computed). */
  exact: Float64Array;
  /** hutchinson: each probe's own estimate of log p, n × probes point-major. */
  probeLogp?: Float64Array;
  /** hutchinson: the variance of logp (each point's, the probes' sample variance / probes; NaN with one probe). */
  variance?: Float64Array;
  /** Where each point started at t = 0. */
  x0: Float32Array;
  estimator: 'exact' | 'hutchinson';
  probes: number;
  integrator: string;
  steps: number;
  /** Velocity (Jacobian) evaluations of the solve. */
  nfe: number;
  seconds: number;
}

/**
 * log p_t(x) of a trained flow at n points (n×d interleaved, in the model's coordinates): the points are carried
 * back from t to 0 by the integrator with the divergence accumulated alongside (the same solver as sampling, on
 * the augmented state), and log p_t(x) = log p₀(x₀) − ∫₀ᵗ div v(x_s, s) ds.
 */
export async function logProb(model: VelocityModel, points: Float32Array, opts: LogProbOptions): Promise<LogProbResult> {
  const d = model.spec.dataDim;
  const n = points.length / d;
  if (!Number.isInteger(n)) throw new FvError('DATA_INVALID', `logProb: points must hold n×${d} coordinates, got ${points.length} numbers.`);
  const t = opts.t ?? 1;
  if (!(t > 0 && t <= 1)) throw new FvError('USAGE', `logProb: t must lie in (0, 1], got ${t}.`);
  const estimator = opts.estimator ?? 'exact';
  const K = estimator === 'hutchinson' ? (opts.probes ?? 1) : 0;
  if (!Number.isInteger(K) || K < 0 || (estimator === 'hutchinson' && K < 1)) {
    throw new FvError('USAGE', `logProb: probes must be a positive integer, got ${opts.probes}.`);
  }
  if (K > 0 && !opts.rng) throw new FvError('USAGE', 'logProb: the Hutchinson estimator needs an rng for its probes.');
  for (let i = 0; i < points.length; i++) {
    if (!Number.isFinite(points[i])) throw new FvError('DATA_INVALID', `logProb: point ${Math.floor(i / d) + 1} has a non-finite coordinate (${points[i]}).`, { hint: 'Remove rows with NaN or Infinity.' });
  }
  const layout = augmentedLayout(n, d, K);
  const probes = K > 0 ? drawProbes(n, K, d, opts.probe ?? 'gaussian', opts.rng!) : undefined;
  const state = new Float32Array(layout.length);
  state.set(points, 0);
  const start = performance.now();
  const res = await opts.integrator.integrate(divergenceField(model, layout, probes), state, {
    steps: opts.steps,
    t0: t,
    t1: 0,
    ...opts.integratorOptions,
  });
  const seconds = (performance.now() - start) / 1000;
  const x0 = res.x.slice(0, n * d);
  const base = (opts.source ?? standardNormalSource).logDensity(x0, d);
  const A = 1 + K;
  const exact = new Float64Array(n);
  const probeLogp = K > 0 ? new Float64Array(n * K) : undefined;
  const variance = K > 0 ? new Float64Array(n) : undefined;
  const hutch = K > 0 ? new Float64Array(n) : undefined;
  for (let i = 0; i < n; i++) {
    const a = layout.acc + i * A;
    exact[i] = base[i] + res.x[a];
    if (!probeLogp) continue;
    let s = 0;
    for (let p = 0; p < K; p++) s += probeLogp[i * K + p] = base[i] + res.x[a + 1 + p];
    const mean = s / K;
    let ss = 0;
    for (let p = 0; p < K; p++) ss += (probeLogp[i * K + p] - mean) ** 2;
    hutch![i] = mean;
    variance![i] = K > 1 ? ss / (K - 1) / K : NaN;
  }
  return {
    logp: hutch ?? exact,
    exact,
    probeLogp,
    variance,
    x0,
    estimator,
    probes: K,
    integrator: opts.integrator.id,
    steps: opts.steps,
    nfe: res.nfe,
    seconds,
  };
}

/** Mean negative log-likelihood in nats per point. */
export function meanNll(logp: Float64Array): number {
  let s = 0;
  for (const v of logp) s -= v;
  return s / logp.length;
}
