import type { AssignmentSolver } from '../../ports/assignment.js';
import { exactW2Squared, normalisedPathEnergy, pathEnergy } from '../../metrics/exact-w2.js';
import { pointCount } from '../../points.js';

export interface TransportMetrics {
  /** Exact W2 and W2² between the first w2_points generated points and as many held-out target points. */
  w2: number;
  w2_squared: number;
  w2_points: number;
  /** Path energy E∫|v|²dt of the drawn trajectories, W2² between their starting points and the target, and NPE. */
  path_energy: number;
  w2_squared_source_target: number;
  npe: number;
}

/**
 * The transport figures of a run: exact W2 of generated against held-out target points, and the normalised path
 * energy of the drawn trajectories (frames: the first points' positions from t = 0 to 1).
 */
export function transportMetrics(generated: Float32Array, target: Float32Array, frames: readonly { t: number; x: Float32Array }[], solver: AssignmentSolver, points: number): TransportMetrics {
  const n = Math.min(points, pointCount(generated), pointCount(target));
  const w2Squared = exactW2Squared(generated.subarray(0, 2 * n), target.subarray(0, 2 * n), solver, 'visualization.n_w2_points');
  const m = Math.min(n, pointCount(frames[0].x));
  const cut = frames.map((f) => ({ t: f.t, x: f.x.subarray(0, 2 * m) }));
  const energy = pathEnergy(cut);
  const sourceTarget = exactW2Squared(cut[0].x, target.subarray(0, 2 * m), solver, 'visualization.n_w2_points');
  return { w2: Math.sqrt(w2Squared), w2_squared: w2Squared, w2_points: n, path_energy: energy, w2_squared_source_target: sourceTarget, npe: normalisedPathEnergy(energy, sourceTarget) };
}
