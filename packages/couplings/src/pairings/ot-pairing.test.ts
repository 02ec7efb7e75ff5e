import { otPairing, otPairingPlugin, OtPairingOptionsSchema } from './ot-pairing.js';
import { PointAssignment, pairingCost } from '../assignment/assignment.js';
import { sinkhornAssignment } from './sinkhorn.js';
import { createRng } from '@flow-visualizer/core';
import { bruteForce, hungarianCost } from '../test-utils/reference-assignment.js';



const isPermutation = (s: ArrayLike<number>) => new Set(Array.from(s)).size === s.length && Array.from(s).every((j) => j >= 0 && j < s.length);

function cloud(seed: number, n: number, kind: 'normal' | 'square' | 'grid') {
  const r = createRng(seed);
  const a = r.fillNormal(new Float32Array(2 * n));
  const b = new Float32Array(2 * n);
  if (kind === 'normal') r.fillNormal(b, 0.5, 0.7);
  else if (kind === 'square') r.fillUniform(b, -2, 2);
  // Integer coordinates: many equal costs, the case where tie handling goes wrong.
  else for (let i = 0; i < 2 * n; i++) b[i] = Math.round(2 * r.normal()), a[i] = Math.round(a[i]);
  return { a, b };
}

describe('exact assignment (Jonker–Volgenant)', () => {
  it.each(['auto', 'auction', 'reduction'] as const)('equals brute force on every tiny batch tried, ties included (%s start)', (start) => {
    const solver = new PointAssignment(start);
    for (let seed = 0; seed < 120; seed++) {
      const n = 1 + (seed % 7);
      const { a, b } = cloud(seed, n, (['normal', 'square', 'grid'] as const)[seed % 3]);
      const sigma = solver.solve(a, b);
      expect(isPermutation(sigma)).toBe(true);
      expect(pairingCost(a, b, sigma)).toBeCloseTo(bruteForce(a, b), 4);
    }
  });

  it('leaves no improving swap of two pairs on batches of 256 (a necessary condition of optimality)', () => {
    const solver = new PointAssignment();
    for (const kind of ['normal', 'square', 'grid'] as const) {
      const { a, b } = cloud(11, 256, kind);
      const s = solver.solve(a, b);
      expect(isPermutation(s)).toBe(true);
      const c = (i: number, j: number) => (a[2 * i] - b[2 * j]) ** 2 + (a[2 * i + 1] - b[2 * j + 1]) ** 2;
      let worst = 0;
      for (let i = 0; i < 256; i++) for (let k = i + 1; k < 256; k++) worst = Math.max(worst, c(i, s[i]) + c(k, s[k]) - c(i, s[k]) - c(k, s[i]));
      expect(worst).toBeLessThan(1e-9);
    }
  });

  it('the auction start and the column-reduction start reach the same optimum on larger batches', () => {
    const auction = new PointAssignment('auction'), reduction = new PointAssignment('reduction');
    for (const [seed, n, kind] of [[1, 100, 'normal'], [2, 256, 'square'], [3, 300, 'grid'], [4, 77, 'square']] as const) {
      const { a, b } = cloud(seed, n, kind);
      const ca = pairingCost(a, b, auction.solve(a, b)), cr = pairingCost(a, b, reduction.solve(a, b));
      expect(Math.abs(ca - cr)).toBeLessThan(1e-9 * cr);
    }
  });

  it('matches a textbook Hungarian solver on batches of 40–150 points', () => {
    const solver = new PointAssignment();
    for (let seed = 0; seed < 12; seed++) {
      const n = 40 + ((seed * 37) % 111);
      const { a, b } = cloud(100 + seed, n, (['normal', 'square', 'grid'] as const)[seed % 3]);
      const ref = hungarianCost(a, b);
      expect(Math.abs(pairingCost(a, b, solver.solve(a, b)) - ref)).toBeLessThan(1e-9 * ref + 1e-9);
    }
  });

  it('stays exact where the auction\'s candidate lists and bid budget are stressed: a tight cluster far away, an outlier, duplicates', () => {
    const solver = new PointAssignment();
    const r = createRng(21);
    const cases: Array<[Float32Array, Float32Array]> = [];
    // Rows packed in a small cluster against spread columns: prices must rise far (the T-Rex-vs-noise shape).
    cases.push([r.fillNormal(new Float32Array(2 * 150), 4, 0.05), r.fillNormal(new Float32Array(2 * 150))]);
    // One point 1e4 away: ε (a fraction of the mean cost) dwarfs every other cost difference.
    const far = r.fillNormal(new Float32Array(2 * 120)), near = r.fillNormal(new Float32Array(2 * 120));
    far[0] = 1e4;
    cases.push([far, near]);
    // Many exact duplicates on both sides (ties everywhere).
    const dupA = new Float32Array(2 * 90), dupB = new Float32Array(2 * 90);
    for (let i = 0; i < 180; i++) (dupA[i] = i % 3), (dupB[i] = (i * 7) % 4);
    cases.push([dupA, dupB]);
    for (const [a, b] of cases) {
      const s = solver.solve(a, b);
      expect(isPermutation(s)).toBe(true);
      const ref = hungarianCost(a, b);
      expect(Math.abs(pairingCost(a, b, s) - ref)).toBeLessThan(1e-9 * ref + 1e-9);
    }
    // All points identical: every pairing is optimal.
    const same = new Float32Array(2 * 80).fill(0.5);
    expect(isPermutation(solver.solve(same, Float32Array.from(same)))).toBe(true);
  });

  it('refuses non-finite coordinates instead of looping', () => {
    const a = Float32Array.from([0, 0, 1, NaN]), b = Float32Array.from([0, 1, 1, 0]);
    expect(() => new PointAssignment('auction').solve(a, b)).toThrow(/non-finite/);
    expect(() => otPairing().pair(a, b, createRng(1))).toThrow(expect.objectContaining({ code: 'DATA_INVALID' }));
  });
});

describe('ot pairing', () => {
  it('reorders the noise, keeping every noise point once, and cuts the squared distance to the data', () => {
    const { a: noise, b: data } = cloud(5, 256, 'square');
    const before = Float32Array.from(noise);
    const paired = otPairing().pair(noise, data, createRng(1));
    expect(Array.from(noise)).toEqual(Array.from(before));
    const key = (p: Float32Array) => Array.from({ length: p.length >> 1 }, (_, i) => `${p[2 * i]},${p[2 * i + 1]}`).sort();
    expect(key(paired)).toEqual(key(noise));
    const identity = pairingCost(noise, data), ot = pairingCost(paired, data);
    expect(ot).toBeLessThan(0.2 * identity);
  });

  it('sinkhorn: a permutation whose cost is close to the exact one and far below independent pairing', () => {
    for (const kind of ['normal', 'square'] as const) {
      const { a: noise, b: data } = cloud(8, 300, kind);
      const exact = pairingCost(otPairing({ solver: 'exact' }).pair(noise, data, createRng(1)), data);
      const sk = otPairing({ solver: 'sinkhorn' }).pair(noise, data, createRng(1));
      const cost = pairingCost(sk, data);
      expect(cost).toBeGreaterThanOrEqual(exact - 1e-6);
      expect(cost).toBeLessThan(1.5 * exact);
      expect(cost).toBeLessThan(0.5 * pairingCost(noise, data));
    }
  });

  it('sinkhorn: a smaller regularisation comes closer to the exact cost', () => {
    const { a, b } = cloud(4, 200, 'square');
    const exact = pairingCost(a, b, new PointAssignment().solve(a, b));
    const cost = (reg: number) => pairingCost(a, b, sinkhornAssignment(a, b, createRng(2), { reg, maxIter: 2000 }));
    expect(cost(0.01)).toBeLessThan(cost(0.5));
    expect(cost(0.01)).toBeLessThan(1.1 * exact);
  });

  it('validates its options strictly (flow.pairing_options is its own)', () => {
    expect(OtPairingOptionsSchema.parse({})).toEqual({ solver: 'exact', sinkhorn_reg: 0.05, sinkhorn_iters: 200 });
    expect(OtPairingOptionsSchema.safeParse({ solver: 'hungarian' }).success).toBe(false);
    expect(OtPairingOptionsSchema.safeParse({ exponent: 2 }).success).toBe(false);
    expect(otPairingPlugin().id).toBe('ot');
  });

  it('refuses batches of different sizes', () => {
    expect(() => otPairing().pair(new Float32Array(4), new Float32Array(6), createRng(1))).toThrow(expect.objectContaining({ code: 'DATA_INVALID' }));
  });
});
