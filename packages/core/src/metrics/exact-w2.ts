import type { AssignmentSolver } from '../ports/assignment.js';
import { FvError } from '../errors.js';
import { pointCount } from '../points.js';

/**
 * Most points of an exact W2: the assignment holds an n×n cost matrix (10,000 points: 800 MB, about a minute on
 * this machine; see scripts/bench-w2.mjs).
 */
export const MAX_W2_POINTS = 10_000;

/**
 * The squared 2-Wasserstein distance between two equal-sized point clouds, each point weighing 1/n: the mean of
 * |a_i − b_σ(i)|² under the optimal assignment σ (what POT's `ot.emd2` gives with uniform weights and
 * `ot.dist` costs, the figure papers print as W2²). `key` names the setting that chose n, for the error.
 */
export function exactW2Squared(a: Float32Array, b: Float32Array, solver: AssignmentSolver, key: string): number {
  const n = pointCount(a);
  if (n > MAX_W2_POINTS) {
    throw new FvError('CONFIG_INVALID', `${key}=${n} asks for an exact W2 on more than ${MAX_W2_POINTS} points.`, {
      hint: `The exact assignment holds an n×n matrix; use ${key}=${MAX_W2_POINTS} or fewer.`,
    });
  }
  if (pointCount(b) !== n) throw new FvError('INTERNAL', `exact W2: ${n} points against ${pointCount(b)}.`);
  if (n === 0) return NaN;
  const sigma = solver.solve(a, b);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const j = sigma[i];
    sum += (a[2 * i] - b[2 * j]) ** 2 + (a[2 * i + 1] - b[2 * j + 1]) ** 2;
  }
  return sum / n;
}

/**
 * Path energy of sampled trajectories: the mean over points of Σ_k |x(t_{k+1}) − x(t_k)|² / (t_{k+1} − t_k), the
 * discrete ∫|v|² dt of the paths through the saved times (exact for straight paths at constant speed, a lower
 * bound otherwise). frames: the same points at increasing times from 0 to 1.
 */
export function pathEnergy(frames: readonly { t: number; x: Float32Array }[]): number {
  if (frames.length < 2) return NaN;
  const n = pointCount(frames[0].x);
  let sum = 0;
  for (let k = 0; k + 1 < frames.length; k++) {
    const dt = frames[k + 1].t - frames[k].t;
    if (dt <= 0) continue;
    const a = frames[k].x, b = frames[k + 1].x;
    let s = 0;
    for (let i = 0; i < 2 * n; i++) s += (b[i] - a[i]) ** 2;
    sum += s / dt;
  }
  return sum / n;
}

/**
 * Normalised path energy (Tong et al. 2023): |E∫|v|² dt − W2²| / W2², with W2² between the source and the target;
 * 0 when the learned paths are the optimal transport's straight lines at constant speed.
 */
export function normalisedPathEnergy(energy: number, w2Squared: number): number {
  return Math.abs(energy - w2Squared) / w2Squared;
}
