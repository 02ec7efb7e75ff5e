import type { Bounds } from '../points.js';
import type { ConditionSpec, VelocityModel } from '../ports/velocity-model.js';
import type { Rng } from '../rng.js';
import { gridPoints } from '../pipeline/sampling/sample.js';
import { classMixtureLogProb, conditionalLogProb } from './conditional.js';
import { logProb, meanNll, type LogProbOptions } from './log-prob.js';
import { standardNormalSource } from './source-density.js';

/** log p on a size² grid of cell centres over `bounds`, row by row from the bottom-left (y up). */
export interface LogDensityGrid {
  t: number;
  size: number;
  bounds: Bounds;
  logp: Float64Array;
}

/** What the likelihood pictures draw (result.likelihood), and the figures behind metrics.json's nll. */
export interface LikelihoodFigures {
  /** Mean negative log-likelihood, nats per point, of fresh held-out points (exact trace). */
  nll: number;
  /** A class-conditional model: the mean NLL of the held-out points given their own class (nll is the mixture's). */
  nllGivenClass?: number;
  nllPoints: number;
  integrator: string;
  steps: number;
  /** Jacobian evaluations of the held-out solve. */
  nfe: number;
  seconds: number;
  /** The model's log p₁ on a grid over the plot box. */
  grid: LogDensityGrid;
  /** The model's p_t by the continuity equation, at the trajectory times (t = 0: the source itself). */
  overTime: LogDensityGrid[];
  /** Exact log p and each Hutchinson probe's estimate (n × probes) at a few held-out points. */
  spread: { exact: Float64Array; probeLogp: Float64Array; probes: number; probe: 'gaussian' };
}

type Solver = Pick<LogProbOptions, 'integrator' | 'steps' | 'integratorOptions'>;

/**
 * A class-conditional model's density of x, the mixture of its classes in the data's shares (conditional.ts), and
 * its held-out points' model inputs (their own labels), for the NLL given the class and the estimator's spread.
 */
export interface ClassMixture {
  spec: ConditionSpec;
  shares: Float64Array;
  /** sampling.guidance: the density of the flow that is sampled. */
  w: number;
  heldInput: Float32Array;
}

/** log p_t(x) exactly: the model's, or its class mixture's. */
async function logDensity(model: VelocityModel, points: Float32Array, o: Solver & { t?: number }, mixture?: ClassMixture) {
  if (!mixture) {
    const r = await logProb(model, points, o);
    return { logp: r.exact, nfe: r.nfe, seconds: r.seconds, integrator: r.integrator, steps: r.steps };
  }
  const r = await classMixtureLogProb(model, mixture.spec, points, mixture.shares, mixture.w, o);
  return { logp: r.logp, nfe: r.nfe, seconds: r.seconds, integrator: o.integrator.id, steps: o.steps };
}

/** log p_t on a grid; fixed-step solvers take steps in proportion to t (the same step length as from 1). */
export async function logDensityGrid(model: VelocityModel, bounds: Bounds, size: number, t: number, solver: Solver, mixture?: ClassMixture): Promise<LogDensityGrid> {
  const g = gridPoints(bounds, size);
  if (t === 0) return { t, size, bounds, logp: standardNormalSource.logDensity(g, 2) };
  const steps = Math.max(1, Math.round(solver.steps * t));
  const r = await logDensity(model, g, { ...solver, steps, t }, mixture);
  return { t, size, bounds, logp: r.logp };
}

export interface LikelihoodFigureOptions extends Solver {
  heldOut: Float32Array;
  bounds: Bounds;
  gridSize: number;
  times: readonly number[];
  rng: Rng;
  /** Held-out points of the estimator-spread figure (each with 16 probes). */
  spreadPoints?: number;
  /** A class-conditional model: every density is its class mixture's; nllGivenClass is added. */
  mixture?: ClassMixture;
}

/** The NLL of held-out points, the density grids and the estimator's spread, for metrics.json and the pictures. */
export async function likelihoodFigures(model: VelocityModel, o: LikelihoodFigureOptions): Promise<LikelihoodFigures> {
  const solver: Solver = { integrator: o.integrator, steps: o.steps, integratorOptions: o.integratorOptions };
  const mix = o.mixture;
  const held = await logDensity(model, o.heldOut, solver, mix);
  const grid = await logDensityGrid(model, o.bounds, o.gridSize, 1, solver, mix);
  const overTime: LogDensityGrid[] = [];
  for (const t of o.times) overTime.push(t === 1 ? grid : await logDensityGrid(model, o.bounds, Math.min(o.gridSize, 48), t, solver, mix));
  const m = Math.min(o.spreadPoints ?? 300, o.heldOut.length / 2);
  const spread = { ...solver, estimator: 'hutchinson' as const, probes: 16, probe: 'gaussian' as const, rng: o.rng };
  // A conditional model's spread: each held-out point given its own class.
  const sp = mix
    ? await conditionalLogProb(model, mix.spec, o.heldOut.subarray(0, 2 * m), mix.heldInput.subarray(0, m * (mix.heldInput.length / (o.heldOut.length / 2))), mix.w, spread)
    : await logProb(model, o.heldOut.subarray(0, 2 * m), spread);
  const given = mix ? await conditionalLogProb(model, mix.spec, o.heldOut, mix.heldInput, mix.w, solver) : undefined;
  return {
    ...(given ? { nllGivenClass: meanNll(given.exact) } : {}),
    nll: meanNll(held.logp),
    nllPoints: o.heldOut.length / 2,
    integrator: held.integrator,
    steps: held.steps,
    nfe: held.nfe,
    seconds: held.seconds,
    grid,
    overTime,
    spread: { exact: sp.exact, probeLogp: sp.probeLogp!, probes: 16, probe: 'gaussian' },
  };
}

/** Each point's Hutchinson estimate with the first k probes minus the exact log p: the estimator's error. */
export function hutchinsonErrors(spread: LikelihoodFigures['spread'], k: number): Float64Array {
  const n = spread.exact.length, K = spread.probes;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let p = 0; p < k; p++) s += spread.probeLogp[i * K + p];
    out[i] = s / k - spread.exact[i];
  }
  return out;
}
