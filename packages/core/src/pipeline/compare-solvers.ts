import type { Integrator } from '../ports/integrator.js';
import type { VelocityModel } from '../ports/velocity-model.js';
import { createRng } from '../rng.js';
import { pointCount } from '../points.js';
import { FvError } from '../errors.js';
import { QualityReference, type QualityFigures, type QualityOptions } from '../metrics/quality.js';
import { fieldOf } from './sample.js';
import { straightnessStats } from './straightness.js';

/** One setting of a solver: the step count (fixed-step) or the first-step hint plus tolerances (adaptive). */
export interface SolverSetting {
  steps: number;
  rtol?: number;
  atol?: number;
}

/** An integrator with its own ladder of settings (e.g. tolerances for rk45) instead of the shared step ladder. */
export interface SolverEntry {
  integrator: Integrator;
  settings?: readonly SolverSetting[];
}

export interface CompareSolversInput {
  model: VelocityModel;
  integrators: readonly (Integrator | SolverEntry)[];
  /** Step counts tried with each integrator that has no settings of its own. Default DEFAULT_STEP_LADDER. */
  steps?: readonly number[];
  /** Points generated per setting (the same noise for every setting, so that rows differ only by the solver). */
  n: number;
  /** Held-out target points (not trained on, shuffled): the reference of every figure. */
  heldOut: Float32Array;
  /** A second, independent held-out draw: gives the noise floor of the figures. */
  heldOut2?: Float32Array;
  seed: number;
  quality?: QualityOptions;
  /**
   * Frames (evenly spaced) for the straightness of the learned flow, measured once with the first integrator
   * at its finest setting. 0 skips it. Default 61.
   */
  straightnessFrames?: number;
  log?: (message: string) => void;
}

/** One line of the table: how good the samples are for how much work. */
export interface SolverRow extends QualityFigures {
  integrator: string;
  steps: number;
  rtol: number | null;
  atol: number | null;
  /** Velocity evaluations (the cost that matters: each is one pass of the network). */
  nfe: number;
  /** Wall-clock seconds of the integration (not of the metrics). */
  seconds: number;
}

export interface CompareSolversResult {
  rows: SolverRow[];
  /** The figures between the two held-out draws (null without heldOut2). */
  floor: QualityFigures | null;
  /** Points compared per row. */
  n: number;
  /** Mean path length / endpoint distance of the learned flow (1 = straight); null when skipped. */
  straightness: number | null;
}

/** Step counts from very few to plenty; with a straight flow Euler is already good at the low end. */
export const DEFAULT_STEP_LADDER: readonly number[] = [1, 2, 4, 8, 16, 32, 64, 128];

/** Settings for an adaptive solver: one per tolerance (rtol = atol = tol), first step 1/steps. */
export function toleranceSettings(tolerances: readonly number[] = [1e-1, 1e-2, 1e-3, 1e-4, 1e-5], steps = 10): SolverSetting[] {
  return tolerances.map((tol) => ({ steps, rtol: tol, atol: tol }));
}

/**
 * Samples the model with every integrator at every setting, from the same noise, and measures each result
 * against held-out target points: quality against NFE, the trade-off a sampler is chosen by.
 * The library function behind `fv compare-solvers`.
 */
export async function compareSolvers(input: CompareSolversInput): Promise<CompareSolversResult> {
  const log = input.log ?? (() => undefined);
  if (input.integrators.length === 0) throw new FvError('USAGE', 'compare-solvers needs at least one integrator.');
  const n = Math.min(input.n, pointCount(input.heldOut), input.heldOut2 ? pointCount(input.heldOut2) : Infinity);
  if (!(n >= 1)) throw new FvError('USAGE', `compare-solvers needs at least one point and held-out target points (n=${input.n}).`);
  const ladder = input.steps ?? DEFAULT_STEP_LADDER;
  const shared: SolverSetting[] = ladder.map((steps) => ({ steps }));
  const entries: { integrator: Integrator; settings: readonly SolverSetting[] }[] = input.integrators.map((e) =>
    'integrate' in e ? { integrator: e, settings: shared } : { integrator: e.integrator, settings: e.settings ?? shared },
  );

  const ref = new QualityReference(input.heldOut, { ...input.quality, maxPoints: n });
  const floor = input.heldOut2 ? ref.figures(input.heldOut2) : null;
  const x0 = createRng(input.seed, 'compare-solvers').fillNormal(new Float32Array(2 * n));
  const field = fieldOf(input.model);

  const rows: SolverRow[] = [];
  for (const { integrator, settings } of entries) {
    for (const s of settings) {
      const start = performance.now();
      const res = await integrator.integrate(field, x0, { steps: s.steps, rtol: s.rtol, atol: s.atol });
      const seconds = (performance.now() - start) / 1000;
      const row: SolverRow = { integrator: integrator.id, steps: s.steps, rtol: s.rtol ?? null, atol: s.atol ?? null, nfe: res.nfe, seconds, ...ref.figures(res.x) };
      rows.push(row);
      log(`${integrator.id.padEnd(9)} ${s.rtol !== undefined ? `tol ${s.rtol}` : `${s.steps} steps`}: ${res.nfe} evaluations, sliced W1 ${row.sliced_w1.toFixed(4)}${floor ? ` (floor ${floor.sliced_w1.toFixed(4)})` : ''}`);
    }
  }

  let straight: number | null = null;
  const frames = input.straightnessFrames ?? 61;
  if (frames >= 2) {
    const first = entries[0];
    // The finest setting: the tightest tolerance, then the most steps.
    const finest = [...first.settings].sort((a, b) => (a.rtol ?? 0) - (b.rtol ?? 0) || b.steps - a.steps)[0];
    const saveAt = Array.from({ length: frames }, (_, i) => i / (frames - 1));
    const res = await first.integrator.integrate(field, x0, { steps: finest.steps, rtol: finest.rtol, atol: finest.atol, saveAt });
    straight = straightnessStats(res.snapshots).mean;
  }
  return { rows, floor, n, straightness: straight };
}

/** The rows as CSV (header first), for `solvers.csv`. */
export function solverRowsToCsv(rows: readonly SolverRow[]): string {
  const cols: (keyof SolverRow)[] = ['integrator', 'steps', 'rtol', 'atol', 'nfe', 'seconds', 'sliced_w1', 'energy_distance', 'mmd_rbf'];
  const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'number' ? String(Number(v.toPrecision(6))) : String(v));
  return [cols.join(','), ...rows.map((r) => cols.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}
