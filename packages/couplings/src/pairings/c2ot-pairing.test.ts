import { PairingPool, createRng, drawEpochBatches, pairingLabel, setPairingThreadHost, type PairingConditions } from '@flow-visualizer/core';
import { nodePairingThreads } from '@flow-visualizer/core/node';
import { PointAssignment } from '../assignment/assignment.js';
import { c2otPairing } from './c2ot-pairing.js';
import { conditionCost, searchConditionWeight, shareBelowDiagonal } from './c2ot-cost.js';
import { otPairing } from './ot-pairing.js';

// C²OT on the coupling itself (flow.pairing=c2ot): which noise point goes to which data point, given labels.

/** Eight Gaussians (radius 5) as noise, and data of K classes in K blobs on the other side. */
function batch(n: number, k: number, seed: number): { x0: Float32Array; x1: Float32Array; labels: Int32Array } {
  const rng = createRng(seed, 'c2ot-batch');
  const x0 = rng.fillNormal(new Float32Array(2 * n), 0, 0.5);
  const x1 = rng.fillNormal(new Float32Array(2 * n), 0, 0.4);
  const labels = Int32Array.from({ length: n }, () => rng.int(k));
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * rng.int(8)) / 8;
    x0[2 * i] += 5 * Math.cos(a);
    x0[2 * i + 1] += 5 * Math.sin(a);
    x1[2 * i] += 2 * Math.cos((2 * Math.PI * labels[i]) / k);
    x1[2 * i + 1] += 2 * Math.sin((2 * Math.PI * labels[i]) / k);
  }
  return { x0, x1, labels };
}

/** ±1 for two classes, one-hot beyond (pipeline/conditions/encoding.ts). */
function classConditions(labels: Int32Array, k: number): PairingConditions {
  const dim = k === 2 ? 1 : k, c = new Float32Array(labels.length * dim);
  labels.forEach((l, i) => (dim === 1 ? (c[i] = 2 * l - 1) : (c[i * dim + l] = 1)));
  return { c, dim, discrete: true };
}

/** For each output slot j, the index of the noise point placed there. */
function sourceIndex(x0: Float32Array, paired: Float32Array): Int32Array {
  const n = x0.length >> 1, at = new Map<string, number>();
  for (let i = 0; i < n; i++) at.set(`${x0[2 * i]},${x0[2 * i + 1]}`, i);
  return Int32Array.from({ length: n }, (_, j) => at.get(`${paired[2 * j]},${paired[2 * j + 1]}`)!);
}

describe('C²OT with classes (infinite weight)', () => {
  it.each([2, 3, 5])('never pairs across classes, K = %i: noise i (labelled as data i) goes to data of its class only', (k) => {
    const { x0, x1, labels } = batch(256, k, k);
    const paired = c2otPairing().pair(x0, x1, createRng(1, 'p'), classConditions(labels, k));
    const from = sourceIndex(x0, paired);
    expect(new Set(from).size).toBe(256); // a permutation
    from.forEach((i, j) => expect([j, labels[i]]).toEqual([j, labels[j]]));
    // Plain OT on the same batch does cross classes (the condition is what prevents it).
    const ot = sourceIndex(x0, otPairing().pair(x0, x1, createRng(1, 'p')));
    expect(Array.from(ot).some((i, j) => labels[i] !== labels[j])).toBe(true);
  });

  it('is, per class, the exact OT of that class\'s points (the dense cost M + 1e6·C has the same optimum)', () => {
    const { x0, x1, labels } = batch(40, 2, 9);
    const cond = classConditions(labels, 2);
    const from = sourceIndex(x0, c2otPairing().pair(x0, x1, createRng(1, 'p'), cond));
    const finite = sourceIndex(x0, c2otPairing({ condition_weight: 999_999 }).pair(x0, x1, createRng(1, 'p'), cond));
    const cost = (f: Int32Array) => Array.from(f).reduce((s, i, j) => s + (x0[2 * i] - x1[2 * j]) ** 2 + (x0[2 * i + 1] - x1[2 * j + 1]) ** 2 + (labels[i] !== labels[j] ? 2e6 : 0), 0);
    expect(cost(finite)).toBeCloseTo(cost(from), 6);
    expect(cost(from)).toBeLessThan(1e6);
  });
});

describe('C²OT with a continuous condition (their search_for_w)', () => {
  const { x0, x1 } = batch(300, 2, 4);
  const cond: PairingConditions = { c: Float32Array.from({ length: 300 }, (_, i) => x1[2 * i]), dim: 1, discrete: false };

  it('uses l2_squared between values and cosine between classes, as their moons.py', () => {
    const C = conditionCost({ c: Float32Array.from([1, -2, 0.5]), dim: 1, discrete: false }, 'l2_squared');
    expect(Array.from(C)).toEqual([0, 9, 0.25, 9, 0, 6.25, 0.25, 6.25, 0]);
    const cos = conditionCost({ c: Float32Array.from([1, -1, 1]), dim: 1, discrete: true }, 'cosine');
    expect(Array.from(cos)).toEqual([0, 2, 0, 2, 0, 2, 0, 2, 0]);
  });

  it('finds w with r(w) within r_tol of target_r, r falling as w grows', () => {
    const C = conditionCost(cond, 'l2_squared');
    const r0 = shareBelowDiagonal(x0, x1, C, 0);
    expect(r0).toBeGreaterThan(0.05);
    const w = searchConditionWeight(x0, x1, C, 0.05, { initial: 100, maxIter: 10, tol: 1e-3, maxWeight: 1e8 });
    expect(w).toBeGreaterThan(0);
    expect(Math.abs(shareBelowDiagonal(x0, x1, C, w) - 0.05)).toBeLessThan(1e-3);
    expect(shareBelowDiagonal(x0, x1, C, 2 * w)).toBeLessThanOrEqual(shareBelowDiagonal(x0, x1, C, w));
    // Below the target at w = 0 already: w = 0, as theirs returns.
    expect(searchConditionWeight(x0, x1, C, 0.99, { initial: 100, maxIter: 10, tol: 1e-3, maxWeight: 1e8 })).toBe(0);
  });

  it('pairs by the exact assignment of M + w·C: no permutation of a small batch costs less', () => {
    const n = 7, a = batch(n, 2, 12);
    const c: PairingConditions = { c: Float32Array.from({ length: n }, (_, i) => a.x1[2 * i]), dim: 1, discrete: false };
    const w = 3.5, C = conditionCost(c, 'l2_squared');
    const from = sourceIndex(a.x0, c2otPairing({ condition_weight: w, target_r: 0 }).pair(a.x0, a.x1, createRng(1, 'p'), c));
    const cost = (f: ArrayLike<number>) => Array.from(f).reduce((s, i, j) => s + (a.x0[2 * i] - a.x1[2 * j]) ** 2 + (a.x0[2 * i + 1] - a.x1[2 * j + 1]) ** 2 + w * C[i * n + j], 0);
    let best = Infinity;
    const perm = (p: number[], rest: number[]): void => {
      if (!rest.length) best = Math.min(best, cost(p));
      rest.forEach((r, k) => perm([...p, r], [...rest.slice(0, k), ...rest.slice(k + 1)]));
    };
    perm([], Array.from({ length: n }, (_, i) => i));
    expect(cost(from)).toBeCloseTo(best, 9);
  });

  it('couples nearer in the condition than plain OT does', () => {
    const gap = (paired: Float32Array) => {
      const from = sourceIndex(x0, paired);
      return Array.from(from).reduce((s, i, j) => s + (cond.c[i] - cond.c[j]) ** 2, 0) / from.length;
    };
    expect(gap(c2otPairing().pair(x0, x1, createRng(1, 'p'), cond))).toBeLessThan(0.5 * gap(otPairing().pair(x0, x1, createRng(1, 'p'))));
  });

  it('refuses a run without conditions, naming model.conditional', () => {
    expect(() => c2otPairing().pair(x0, x1, createRng(1, 'p'))).toThrow(/couples by condition, but this run has none/);
  });

  it('solveCost agrees with solve on plain squared distances', () => {
    const s = new PointAssignment(), n = 50;
    const sq = (f: Int32Array) => Array.from(f).reduce((t, j, i) => t + (x1[2 * i] - x0[2 * j]) ** 2 + (x1[2 * i + 1] - x0[2 * j + 1]) ** 2, 0);
    const a = x1.subarray(0, 2 * n), b = x0.subarray(0, 2 * n);
    const viaCost = s.solveCost(n, (c) => {
      let sum = 0;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) sum += c[i * n + j] = (a[2 * i] - b[2 * j]) ** 2 + (a[2 * i + 1] - b[2 * j + 1]) ** 2;
      return sum;
    });
    expect(sq(viaCost)).toBeCloseTo(sq(new PointAssignment().solve(a, b)), 6);
  });
});

describe('C²OT through the pairing pool', () => {
  beforeAll(() => setPairingThreadHost(nodePairingThreads));
  afterAll(() => setPairingThreadHost(undefined));

  it('gets each batch\'s labels in the worker: the same answers as on the training thread, none crossing classes', async () => {
    const pairing = c2otPairing();
    const pool = PairingPool.start(pairing.worker, 2)!;
    try {
      const { x1, labels } = batch(1024, 3, 21);
      const batches = drawEpochBatches(x1, 256, createRng(5, 'epoch-0'), undefined, undefined, undefined, classConditions(labels, 3));
      const epoch = pool.submit(batches, 5, batches.map((_, k) => pairingLabel(0, k)));
      for (let i = 0; i < 600 && epoch.counts().pending > 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(epoch.counts().workers).toBe(batches.length);
      for (let k = 0; k < batches.length; k++) {
        const b = batches[k];
        const there = epoch.take(k, () => {
          throw new Error('the worker had answered');
        });
        expect(there).toEqual(pairing.pair(b.x0, b.x1, createRng(5, pairingLabel(0, k)), b.conditions));
        const from = sourceIndex(b.x0, there), c = b.conditions!.c;
        from.forEach((i, j) => expect(c.subarray(3 * i, 3 * i + 3)).toEqual(c.subarray(3 * j, 3 * j + 3)));
      }
    } finally {
      await pool.close();
    }
  });
});
