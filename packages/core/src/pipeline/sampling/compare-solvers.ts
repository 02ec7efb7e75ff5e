import type { Integrator } from '../../ports/integrator.js';
import type { VelocityModel } from '../../ports/velocity-model.js';
import { createRng } from '../../rng.js';
import { pointCount } from '../../points.js';
import { FvError } from '../../errors.js';
import { QualityReference, type QualityFigures, type QualityOptions } from '../../metrics/quality.js';
import { fieldOf } from './sample.js';
import { drawSource, type PointSource } from './source.js';
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
  /** Where the flow starts (the run's `source:`); the standard Gaussian without one. */
  source?: PointSource;
  quality?: QualityOptions;
  /**
   * Frames (evenly spaced) for the straightness of the learned flow, measured once with the first integrator
   * at its finest setting. 0 skips it. Default 61.
   */
  straightnessFrames?: number;
  /**
   * Noise draws per setting (default 1): each figure is the mean over them, with the spread of sliced W1, so that
   * two settings whose difference is within the noise of the estimate are not ranked by it.
   */
  draws?: number;
  log?: (message: string) => void;
  /** Called with each row as soon as it is measured (for a table printed as it grows). */
  onRow?: (row: SolverRow) => void;
}

/** One line of the table: how good the samples are for how much work. */
export interface SolverRow extends QualityFigures {
  integrator: string;
  steps: number;
  rtol: number | null;
  atol: number | null;
  /** Velocity evaluations (the cost that matters: each is one pass of the network). */
  nfe: number;
  /** Wall-clock seconds of the integration (not of the metrics), per draw. */
  seconds: number;
  /** Noise draws the figures are the mean of, and the standard deviation of sliced W1 over them (null for one draw). */
  draws: number;
  sliced_w1_sd: number | null;
}

export interface CompareSolversResult {
  rows: SolverRow[];
  /** The figures between the two held-out draws (null without heldOut2). */
  floor: QualityFigures | null;
  /** Points compared per row (per draw), and the noise draws per row. */
  n: number;
  draws: number;
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
  const draws = Math.max(1, Math.floor(input.draws ?? 1));
  // Draw 0 is the noise a single-draw comparison always used; the others are forks of it.
  const noise = await Promise.all(Array.from({ length: draws }, (_, d) => drawSource(input.source, n, createRng(input.seed, d === 0 ? 'compare-solvers' : `compare-solvers/draw-${d}`))));
  const x0 = noise[0];
  const field = fieldOf(input.model);

  const rows: SolverRow[] = [];
  for (const { integrator, settings } of entries) {
    for (const s of settings) {
      let seconds = 0, nfe = 0;
      const figs: QualityFigures[] = [];
      for (const x of noise) {
        const start = performance.now();
        const res = await integrator.integrate(field, x, { steps: s.steps, rtol: s.rtol, atol: s.atol });
        seconds += (performance.now() - start) / 1000;
        nfe = Math.max(nfe, res.nfe);
        figs.push(ref.figures(res.x));
      }
      const mean = (k: keyof QualityFigures) => figs.reduce((a, f) => a + (f[k] as number), 0) / figs.length;
      const w1 = mean('sliced_w1');
      const sd = draws > 1 ? Math.sqrt(figs.reduce((a, f) => a + (f.sliced_w1 - w1) ** 2, 0) / (draws - 1)) : null;
      const avg = Object.fromEntries(Object.keys(figs[0]).map((k) => [k, typeof figs[0][k as keyof QualityFigures] === 'number' ? mean(k as keyof QualityFigures) : figs[0][k as keyof QualityFigures]])) as unknown as QualityFigures;
      const row: SolverRow = { integrator: integrator.id, steps: s.steps, rtol: s.rtol ?? null, atol: s.atol ?? null, nfe, seconds: seconds / draws, ...avg, draws, sliced_w1_sd: sd };
      rows.push(row);
      input.onRow?.(row);
      log(`${integrator.id} ${s.rtol !== undefined ? `tol ${s.rtol}` : `${s.steps} step${s.steps === 1 ? '' : 's'}`}: ${nfe} evaluations, sliced W1 ${row.sliced_w1.toFixed(4)}`);
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
  return { rows, floor, n, draws, straightness: straight };
}

/** The rows as CSV (header first), for `solvers.csv`. */
export function solverRowsToCsv(rows: readonly SolverRow[]): string {
  const cols: (keyof SolverRow)[] = ['integrator', 'steps', 'rtol', 'atol', 'nfe', 'seconds', 'sliced_w1', 'sliced_w1_sd', 'draws', 'energy_distance', 'mmd_rbf'];
  const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'number' ? String(Number(v.toPrecision(6))) : String(v));
  return [cols.join(','), ...rows.map((r) => cols.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}
