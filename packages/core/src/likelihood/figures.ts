import type { Bounds } from '../points.js';
import type { VelocityModel } from '../ports/velocity-model.js';
import type { Rng } from '../rng.js';
import { gridPoints } from '../pipeline/sampling/sample.js';
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

/** log p_t on a grid; fixed-step solvers take steps in proportion to t (the same step length as from 1). */
export async function logDensityGrid(model: VelocityModel, bounds: Bounds, size: number, t: number, solver: Solver): Promise<LogDensityGrid> {
  const g = gridPoints(bounds, size);
  if (t === 0) return { t, size, bounds, logp: standardNormalSource.logDensity(g, 2) };
  const steps = Math.max(1, Math.round(solver.steps * t));
  const r = await logProb(model, g, { ...solver, steps, t });
  return { t, size, bounds, logp: r.exact };
}

export interface LikelihoodFigureOptions extends Solver {
  heldOut: Float32Array;
  bounds: Bounds;
  gridSize: number;
  times: readonly number[];
  rng: Rng;
  /** Held-out points of the estimator-spread figure (each with 16 probes). */
  spreadPoints?: number;
}

/** The NLL of held-out points, the density grids and the estimator's spread, for metrics.json and the pictures. */
export async function likelihoodFigures(model: VelocityModel, o: LikelihoodFigureOptions): Promise<LikelihoodFigures> {
  const solver: Solver = { integrator: o.integrator, steps: o.steps, integratorOptions: o.integratorOptions };
  const held = await logProb(model, o.heldOut, solver);
  const grid = await logDensityGrid(model, o.bounds, o.gridSize, 1, solver);
  const overTime: LogDensityGrid[] = [];
  for (const t of o.times) overTime.push(t === 1 ? grid : await logDensityGrid(model, o.bounds, Math.min(o.gridSize, 48), t, solver));
  const m = Math.min(o.spreadPoints ?? 300, o.heldOut.length / 2);
  const sp = await logProb(model, o.heldOut.subarray(0, 2 * m), { ...solver, estimator: 'hutchinson', probes: 16, probe: 'gaussian', rng: o.rng });
  return {
    nll: meanNll(held.exact),
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
