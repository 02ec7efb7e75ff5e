import type { AssignmentSolver } from '../../ports/assignment.js';
import { exactW2Squared } from '../../metrics/exact-w2.js';
import { pointCount } from '../../points.js';
import type { RunMetrics } from '../sampling/result.js';

/** Points of `points` whose class (per point, in `of`) is k. */
function ofClass(points: Float32Array, of: ArrayLike<number>, k: number, limit = Infinity): Float32Array {
  const idx: number[] = [];
  for (let i = 0; i < of.length && idx.length < limit; i++) if (of[i] === k) idx.push(i);
  const out = new Float32Array(2 * idx.length);
  idx.forEach((j, i) => {
    out[2 * i] = points[2 * j];
    out[2 * i + 1] = points[2 * j + 1];
  });
  return out;
}

/**
 * Per class k: generated points sampled with class k against held-out target points of class k (exact W2 on at
 * most `w2Points` of each, when a solver is given), and the share of them whose nearest held-out target point is
 * of class k (`nearest_share`); `nearest_class_share` is that share over every generated point measured. The
 * nearest-point share uses the first `nearestPoints` generated points (a brute-force search against the reference).
 */
export function perClassMetrics(
  generated: Float32Array,
  generatedClass: Float32Array,
  reference: Float32Array,
  referenceLabels: Int32Array,
  names: readonly string[],
  opts: { solver?: AssignmentSolver; w2Points: number; nearestPoints: number },
): Pick<RunMetrics, 'per_class' | 'nearest_class_share'> {
  const m = Math.min(opts.nearestPoints, pointCount(generated)), r = pointCount(reference);
  const nearest = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const x = generated[2 * i], y = generated[2 * i + 1];
    let best = Infinity, label = -1;
    for (let j = 0; j < r; j++) {
      const dx = reference[2 * j] - x, dy = reference[2 * j + 1] - y, d = dx * dx + dy * dy;
      if (d < best) {
        best = d;
        label = referenceLabels[j];
      }
    }
    nearest[i] = label;
  }
  let hits = 0;
  const perClass = names.map((name, k) => {
    let n = 0, own = 0;
    for (let i = 0; i < m; i++) {
      if (generatedClass[i] !== k) continue;
      n++;
      if (nearest[i] === k) own++;
    }
    hits += own;
    const gen = ofClass(generated, generatedClass, k, opts.w2Points), ref = ofClass(reference, referenceLabels, k, opts.w2Points);
    const w = Math.min(pointCount(gen), pointCount(ref));
    const w2 = opts.solver && w > 1 ? Math.sqrt(exactW2Squared(gen.subarray(0, 2 * w), ref.subarray(0, 2 * w), opts.solver, 'visualization.n_w2_points')) : undefined;
    return { class: k, name, n, ...(w2 !== undefined ? { w2 } : {}), nearest_share: n ? own / n : 0 };
  });
  return { per_class: perClass, nearest_class_share: m ? hits / m : 0 };
}
