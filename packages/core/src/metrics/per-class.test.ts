import type { AssignmentSolver } from '../ports/assignment.js';
import { createRng } from '../rng.js';
import { nearestClasses, perClassMetrics } from './per-class.js';

/** An exact assignment by trying every permutation: tiny n only, but plainly right (no solver package in core). */
const bruteForce: AssignmentSolver = {
  id: 'brute-force',
  solve(a, b, out = new Int32Array(a.length / 2)) {
    const n = a.length / 2;
    let best = Infinity;
    const perm = Array.from({ length: n }, (_, i) => i);
    const visit = (k: number, cost: number) => {
      if (cost >= best) return;
      if (k === n) {
        best = cost;
        out.set(perm);
        return;
      }
      for (let j = k; j < n; j++) {
        [perm[k], perm[j]] = [perm[j], perm[k]];
        const p = perm[k];
        visit(k + 1, cost + (a[2 * k] - b[2 * p]) ** 2 + (a[2 * k + 1] - b[2 * p + 1]) ** 2);
        [perm[k], perm[j]] = [perm[j], perm[k]];
      }
    };
    visit(0, 0);
    return out;
  },
};

const pts = (...xy: number[]) => Float32Array.from(xy);

describe('per-class metrics', () => {
  it('W2 per class is the exact W2 against that class only (a shift of class 1 by 3 counts there, not in class 0)', () => {
    // Class 0 at x ≈ 0, class 1 at x ≈ 10; generated class 1 sits 3 to the right of its data.
    const target = pts(0, 0, 0, 1, 0, 2, 10, 0, 10, 1, 10, 2);
    const targetClasses = [0, 0, 0, 1, 1, 1];
    const generated = pts(0, 2, 0, 0, 0, 1, 13, 1, 13, 0, 13, 2);
    const m = perClassMetrics({ generated, generatedClasses: [0, 0, 0, 1, 1, 1], target, targetClasses, names: ['left', 'right'], solver: bruteForce });
    expect(m.per_class.map((c) => c.name)).toEqual(['left', 'right']);
    expect(m.per_class[0].w2_squared).toBeCloseTo(0, 9);
    expect(m.per_class[1].w2_squared).toBeCloseTo(9, 5);
    expect(m.per_class[1].w2).toBeCloseTo(3, 5);
    expect(m.per_class[1].w2_points).toBe(3);
    // Every point still lands nearest its own class.
    expect(m.per_class.map((c) => c.nearest_share)).toEqual([1, 1]);
    expect(m.nearest_class_share).toBe(1);
  });

  it('counts the share of class-k samples nearest class-k data, per class and overall', () => {
    const target = pts(0, 0, 1, 0, 10, 0, 11, 0);
    const targetClasses = [0, 0, 1, 1];
    // Class 0: 3 of 4 land near x ≈ 0; class 1: 1 of 2 lands near x ≈ 10.
    const generated = pts(0.1, 0, 0.9, 0.1, 0.5, 0, 10.2, 0, 10.5, 0, 0.2, 0);
    const m = perClassMetrics({ generated, generatedClasses: [0, 0, 0, 0, 1, 1], target, targetClasses, names: ['a', 'b'] });
    expect(m.per_class[0]).toMatchObject({ class: 0, n: 4, nearest_share: 0.75 });
    expect(m.per_class[1]).toMatchObject({ class: 1, n: 2, nearest_share: 0.5 });
    expect(m.nearest_class_share).toBeCloseTo(4 / 6, 12);
    // No solver: no W2 field at all (never a made-up number).
    expect(m.per_class[0].w2).toBeUndefined();
  });

  it('uses the nearest target point, not the class centroid: on two moons the tips are right, where centroids would be wrong', () => {
    // Upper moon (class 0): (cos θ, sin θ); lower moon (class 1): (1 − cos θ, 0.5 − sin θ), θ ∈ [0, π].
    const rng = createRng(3);
    const n = 400;
    const target = new Float32Array(4 * n);
    const labels: number[] = [];
    for (let i = 0; i < n; i++) {
      const a = Math.PI * rng.next(), b = Math.PI * rng.next();
      target.set([Math.cos(a), Math.sin(a)], 4 * i), labels.push(0);
      target.set([1 - Math.cos(b), 0.5 - Math.sin(b)], 4 * i + 2), labels.push(1);
    }
    // The upper moon's right tip (1, 0) is closer to the lower moon's centroid (1, 0.5 − 2/π ≈ −0.14) than to
    // its own (0, 2/π ≈ 0.64): a centroid rule would call it class 1.
    const tip = pts(1, 0.02);
    expect(nearestClasses(tip, target, labels)[0]).toBe(0);
    const m = perClassMetrics({ generated: tip, generatedClasses: [0], target, targetClasses: labels, names: ['upper', 'lower'] });
    expect(m.nearest_class_share).toBe(1);
  });

  it('leaves out non-finite generated points from the hits (they never land anywhere) and says NaN for an empty class', () => {
    const m = perClassMetrics({ generated: pts(NaN, 0, 0, 0), generatedClasses: [0, 0], target: pts(0, 0, 5, 5), targetClasses: [0, 1], names: ['a', 'b'] });
    expect(m.per_class[0].nearest_share).toBe(0.5);
    expect(m.per_class[1].n).toBe(0);
    expect(Number.isNaN(m.per_class[1].nearest_share)).toBe(true);
  });
});
