import { createRng, type PairingConditions } from '@flow-visualizer/core';
import { PointAssignment } from '../assignment/assignment.js';
import { hungarianAssignment } from '../test-utils/reference-assignment.js';
import { c2otPairing } from './c2ot-pairing.js';
import { conditionCost, searchConditionWeight } from './c2ot-cost.js';
import { ConditionWeightSearch } from './condition-weight-search.js';

// The fast path of C²OT with a continuous condition (issue 27, item 5) against the reference: the weight search
// must return the reference's w to the last bit, and the pairing the reference solver's assignment.

/** As configs/papers/c2ot-conditional-x.yaml: eight Gaussians (radius 5) as noise, moons × 3 − 1 as data, c = data x. */
function moonsBatch(n: number, seed: number): { x0: Float32Array; x1: Float32Array; cond: PairingConditions } {
  const rng = createRng(seed, 'moons-batch');
  const x0 = new Float32Array(2 * n), x1 = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * rng.int(8)) / 8;
    x0[2 * i] = 5 * Math.cos(a) + 0.5623 * rng.normal();
    x0[2 * i + 1] = 5 * Math.sin(a) + 0.5623 * rng.normal();
    const t = Math.PI * rng.next(), upper = rng.next() < 0.5, u = 0.2 * rng.next();
    x1[2 * i] = 3 * ((upper ? Math.cos(t) : 1 - Math.cos(t)) + u) - 1;
    x1[2 * i + 1] = 3 * ((upper ? Math.sin(t) : 0.5 - Math.sin(t)) + u) - 1;
  }
  return { x0, x1, cond: { c: Float32Array.from({ length: n }, (_, j) => x1[2 * j]), dim: 1, discrete: false } };
}

/** |x0_i − x1_j|² at j·n + i, as the pairing lays it out. */
function squaredDistances(x0: Float32Array, x1: Float32Array): Float64Array {
  const n = x1.length >> 1, M = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const dx = x0[2 * i] - x1[2 * j], dy = x0[2 * i + 1] - x1[2 * j + 1];
      M[j * n + i] = dx * dx + dy * dy;
    }
  }
  return M;
}

describe('ConditionWeightSearch: the reference search_for_w, step for step', () => {
  const base = { initial: 100, maxIter: 10, tol: 1e-3, maxWeight: 1e8 };
  // Each case drives a different exit of the search; `expectW` checks that it did.
  it.each([
    ['the protocol: 1,024 points, r = 0.05 from w = 100', 1024, 0, 0.05, base, (w: number) => w > 0 && w < 1e8],
    ['bisection from above (r(initial) below target)', 300, 1, 0.05, { ...base, initial: 1e4 }, (w: number) => w > 0 && w < 1e4],
    ['doubling many times from w = 1', 300, 2, 0.05, { ...base, initial: 1 }, (w: number) => w > 8],
    ['a larger target', 300, 3, 0.3, base, (w: number) => w > 0 && w < 100],
    ['every bisection step (a tolerance never met)', 300, 4, 0.05, { ...base, tol: 1e-9 }, (w: number) => w > 0],
    ['the ceiling: maxWeight', 300, 5, 0.05, { ...base, initial: 1, maxWeight: 8 }, (w: number) => w === 8],
    ['r(0) below target: w = 0', 300, 6, 0.99, base, (w: number) => w === 0],
  ])('%s', (_name, n, seed, target, o, expectW) => {
    const { x0, x1, cond } = moonsBatch(n, seed);
    const C = conditionCost(cond, 'l2_squared');
    const ref = searchConditionWeight(x0, x1, C, target, o);
    expect(expectW(ref)).toBe(true);
    expect(new ConditionWeightSearch().search(squaredDistances(x0, x1), C, n, target, o)).toBe(ref);
  });

  it('counts couples with C = 0 at every w (conditions shared by many points), as the reference does', () => {
    const n = 200, { x0, x1 } = moonsBatch(n, 7);
    // Five distinct values: a fifth of all couples have C = 0 and stay counted however large w grows.
    const cond: PairingConditions = { c: Float32Array.from({ length: n }, (_, j) => j % 5), dim: 1, discrete: false };
    const C = conditionCost(cond, 'l2_squared'), search = new ConditionWeightSearch(), M = squaredDistances(x0, x1);
    for (const target of [0.02, 0.05, 0.1, 0.2]) {
      expect(search.search(M, C, n, target, base)).toBe(searchConditionWeight(x0, x1, C, target, base));
    }
  });

  it('reused across batches of different sizes, still the reference\'s w', () => {
    const search = new ConditionWeightSearch();
    for (const [n, seed] of [[300, 8], [64, 9], [300, 10]]) {
      const { x0, x1, cond } = moonsBatch(n, seed);
      const C = conditionCost(cond, 'l2_squared');
      expect(search.search(squaredDistances(x0, x1), C, n, 0.05, base)).toBe(searchConditionWeight(x0, x1, C, 0.05, base));
    }
  });
});

describe('C²OT with a continuous condition: the fast path pairs as the reference', () => {
  /** For each data point j, the noise point placed there. */
  const sources = (x0: Float32Array, paired: Float32Array) => {
    const n = x0.length >> 1, at = new Map<string, number>();
    for (let i = 0; i < n; i++) at.set(`${x0[2 * i]},${x0[2 * i + 1]}`, i);
    return Int32Array.from({ length: n }, (_, j) => at.get(`${paired[2 * j]},${paired[2 * j + 1]}`)!);
  };

  it.each([11, 12, 13])('seed %i: the reference w, then the textbook Hungarian on M + w·C: the same assignment and objective', (seed) => {
    const n = 200, { x0, x1, cond } = moonsBatch(n, seed);
    const C = conditionCost(cond, 'l2_squared');
    const w = searchConditionWeight(x0, x1, C, 0.05, { initial: 100, maxIter: 10, tol: 1e-3, maxWeight: 1e8 });
    const cost = (j: number, i: number) => (x0[2 * i] - x1[2 * j]) ** 2 + (x0[2 * i + 1] - x1[2 * j + 1]) ** 2 + w * C[i * n + j];
    const ref = hungarianAssignment(n, cost);
    const fast = sources(x0, c2otPairing().pair(x0, x1, createRng(1, 'p'), cond));
    const objective = (s: Int32Array) => Array.from(s).reduce((t, i, j) => t + cost(j, i), 0);
    expect(objective(fast)).toBeCloseTo(objective(ref), 8);
    // Random coordinates leave no ties, so the optimum is unique: the very same pairs.
    expect(Array.from(fast)).toEqual(Array.from(ref));
  });

  it('solveCost\'s start from column minima, the cold auction and column reduction give one assignment (1,024 points)', () => {
    const n = 1024, { x0, x1, cond } = moonsBatch(n, 14);
    const C = conditionCost(cond, 'l2_squared'), M = squaredDistances(x0, x1), w = 90;
    const fill = (c: Float64Array) => {
      let sum = 0;
      for (let k = 0; k < n * n; k++) sum += c[k] = M[k] + w * C[k];
      return sum;
    };
    const byStart = (['auto', 'auction', 'reduction'] as const).map((start) => Array.from(new PointAssignment(start).solveCost(n, fill)));
    expect(byStart[1]).toEqual(byStart[0]);
    expect(byStart[2]).toEqual(byStart[0]);
  });
});
