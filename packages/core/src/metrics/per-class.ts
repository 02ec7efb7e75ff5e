/**
 * Metrics of a run with classes: per class, how far its generated points are from that class's held-out data
 * (exact W2 through the AssignmentSolver port, as exact-w2.ts), and how many of them land nearest their own
 * class's data; overall, that share over all generated points (RunMetrics.per_class / nearest_class_share).
 *
 * "Nearest their own class" is decided by the nearest held-out target POINT (1-nearest-neighbour), not the
 * nearest class centroid: classes of 2D toy data are rarely convex (two moons: the tips of one moon lie closer
 * to the other moon's centroid than to their own), so a centroid rule would count correct samples as wrong.
 * The nearest point follows the data's own shape, at O(n·m) cost, which is why the reference set is capped.
 */
import type { AssignmentSolver } from '../ports/assignment.js';
import { FvError } from '../errors.js';
import { pointCount } from '../points.js';
import { exactW2Squared, MAX_W2_POINTS } from './exact-w2.js';

export interface ClassMetric {
  class: number;
  name: string;
  /** Generated points sampled with this class. */
  n: number;
  /** Exact W2 (not squared) of this class's generated points against as many held-out target points of the class. */
  w2?: number;
  /** The same, squared: the figure papers print (Cheng & Schwing 2025 report W2²). */
  w2_squared?: number;
  /** Points the W2 was computed on (min of both counts and the cap). */
  w2_points?: number;
  /** Share of this class's generated points whose nearest held-out target point is of this class. */
  nearest_share: number;
}

export interface PerClassInput {
  /** Generated points (n×2 interleaved) and the class each was sampled with (0…K−1). */
  generated: Float32Array;
  generatedClasses: ArrayLike<number>;
  /** Held-out target points and their labels (never the training points themselves). */
  target: Float32Array;
  targetClasses: ArrayLike<number>;
  /** Class names; their count is K. */
  names: readonly string[];
  /** For the exact W2; without one, per-class W2 is left out. */
  solver?: AssignmentSolver;
  /** Most points per class in the exact W2 (default 2,000: the n×n cost matrix grows fast). */
  w2Points?: number;
  /** Most target points the nearest-neighbour rule searches (default 5,000, the first ones: targets are in random order). */
  referencePoints?: number;
}

export interface PerClassMetrics {
  per_class: ClassMetric[];
  /** Share of all generated points (of a known class) that land nearest their own class; NaN with none. */
  nearest_class_share: number;
}

/** Per-class W2 and nearest-class shares of a run with discrete classes. */
export function perClassMetrics(input: PerClassInput): PerClassMetrics {
  const { generated, generatedClasses, target, targetClasses, names } = input;
  const K = names.length;
  const n = pointCount(generated), m = Math.min(pointCount(target), input.referencePoints ?? 5000);
  if (generatedClasses.length !== n) throw new FvError('INTERNAL', `per-class metrics: ${n} generated points, ${generatedClasses.length} classes.`);
  if (targetClasses.length < m) throw new FvError('INTERNAL', `per-class metrics: ${pointCount(target)} target points, ${targetClasses.length} labels.`);
  const nearest = nearestClasses(generated, target.subarray(0, 2 * m), targetClasses);
  const byClass = (points: Float32Array, classes: ArrayLike<number>, count: number, k: number) => {
    const idx: number[] = [];
    for (let i = 0; i < count; i++) if (classes[i] === k) idx.push(i);
    return idx;
  };
  const cap = Math.min(input.w2Points ?? 2000, MAX_W2_POINTS);
  const per_class: ClassMetric[] = [];
  let hits = 0, total = 0;
  for (let k = 0; k < K; k++) {
    const gi = byClass(generated, generatedClasses, n, k);
    let own = 0;
    for (const i of gi) if (nearest[i] === k) own++;
    hits += own;
    total += gi.length;
    const entry: ClassMetric = { class: k, name: names[k], n: gi.length, nearest_share: gi.length ? own / gi.length : NaN };
    if (input.solver) {
      const ti = byClass(target, targetClasses, pointCount(target), k);
      const c = Math.min(cap, gi.length, ti.length);
      if (c > 0) {
        const w2Squared = exactW2Squared(gather(generated, gi, c), gather(target, ti, c), input.solver, 'per-class W2 points');
        Object.assign(entry, { w2: Math.sqrt(w2Squared), w2_squared: w2Squared, w2_points: c });
      }
    }
    per_class.push(entry);
  }
  return { per_class, nearest_class_share: total ? hits / total : NaN };
}

/** For each point of `a`, the label of its nearest point of `ref` (−1 for a non-finite point or an empty ref). */
export function nearestClasses(a: Float32Array, ref: Float32Array, refClasses: ArrayLike<number>): Int32Array {
  const n = pointCount(a), m = pointCount(ref);
  const out = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const x = a[2 * i], y = a[2 * i + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    let best = Infinity, label = -1;
    for (let j = 0; j < m; j++) {
      const dx = ref[2 * j] - x, dy = ref[2 * j + 1] - y;
      const d = dx * dx + dy * dy;
      if (d < best) best = d, label = refClasses[j];
    }
    out[i] = label;
  }
  return out;
}

/** The first `count` of the listed points, packed. */
function gather(points: Float32Array, idx: readonly number[], count: number): Float32Array {
  const out = new Float32Array(2 * count);
  for (let k = 0; k < count; k++) out[2 * k] = points[2 * idx[k]], out[2 * k + 1] = points[2 * idx[k] + 1];
  return out;
}
