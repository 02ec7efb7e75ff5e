import { createRng } from '@flow-visualizer/core';
import { entropicOtPairing } from './entropic-ot-pairing.js';
import { otPairing } from './ot-pairing.js';

const cost = (x0: Float32Array, x1: Float32Array) => {
  let s = 0;
  for (let i = 0; i < x0.length; i++) s += (x0[i] - x1[i]) ** 2;
  return s / (x0.length / 2);
};
const cloud = (n: number, seed: number, shift = 0) => {
  const p = createRng(seed).fillNormal(new Float32Array(2 * n));
  for (let i = 0; i < p.length; i += 2) p[i] += shift;
  return p;
};

/** The entropic plan of a tiny problem in float64, log domain, independent of the pairing's code. */
function referencePlan(a: number[][], b: number[][], eps: number): number[][] {
  const n = a.length;
  const C = a.map((p) => b.map((q) => (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2));
  const f = new Array(n).fill(0), g = new Array(n).fill(0);
  const lse = (xs: number[]) => {
    const m = Math.max(...xs);
    return m + Math.log(xs.reduce((s, x) => s + Math.exp(x - m), 0));
  };
  for (let it = 0; it < 5000; it++) {
    for (let i = 0; i < n; i++) f[i] = -eps * lse(C[i].map((c, j) => (g[j] - c) / eps)) - eps * Math.log(n);
    for (let j = 0; j < n; j++) g[j] = -eps * lse(C.map((row, i) => (f[i] - row[j]) / eps)) - eps * Math.log(n);
  }
  return C.map((row, i) => row.map((c, j) => Math.exp((f[i] + g[j] - c) / eps)));
}

describe('entropic_ot pairing (pairs drawn from the Sinkhorn plan)', () => {
  it('draws each data point its noise point with the frequencies of its row of the plan', () => {
    const a = [[0, 0], [1, 0], [0, 1], [2, 2]], b = [[0.2, 0.1], [1.5, -0.2], [-0.3, 1.2], [1.1, 1.0]];
    const eps = 0.5;
    const plan = referencePlan(a, b, eps);
    const pairing = entropicOtPairing({ reg: eps });
    const x1 = new Float32Array(a.flat()), x0 = new Float32Array(b.flat());
    const counts = a.map(() => new Array(4).fill(0));
    const draws = 4000;
    for (let k = 0; k < draws; k++) {
      const out = pairing.pair(x0, x1, createRng(k, 'test'));
      for (let i = 0; i < 4; i++) counts[i][b.findIndex((q) => Math.abs(q[0] - out[2 * i]) < 1e-6 && Math.abs(q[1] - out[2 * i + 1]) < 1e-6)]++;
    }
    for (let i = 0; i < 4; i++) {
      const rowMass = plan[i].reduce((s, p) => s + p, 0);
      expect(rowMass).toBeCloseTo(0.25, 6);
      // Binomial sd at 4,000 draws is at most 0.008: 0.03 is about four of them.
      for (let j = 0; j < 4; j++) expect(Math.abs(counts[i][j] / draws - plan[i][j] / rowMass)).toBeLessThan(0.03);
    }
  });

  it('reg 0 is the exact OT assignment; small reg is near its cost (never below it, on average); large reg near the independent coupling', () => {
    const x0 = cloud(256, 1), x1 = cloud(256, 2, 3);
    const rng = () => createRng(5, 'p');
    const exact = otPairing().pair(x0, x1, rng());
    expect(entropicOtPairing({ reg: 0 }).pair(x0, x1, rng())).toEqual(exact);
    const independent = cost(x0, x1), best = cost(exact, x1);
    // ε is in squared-distance units: the costs here are ~10, so 0.5 is a sharp plan.
    const small = cost(entropicOtPairing({ reg: 0.5 }).pair(x0, x1, rng()), x1);
    const large = cost(entropicOtPairing({ reg: 1000 }).pair(x0, x1, rng()), x1);
    expect(small).toBeGreaterThanOrEqual(best);
    expect(small - best).toBeLessThan(0.1 * (independent - best));
    expect(Math.abs(large - independent)).toBeLessThan(0.2 * (independent - best));
  });

  it('draws with replacement: at large reg some noise points are used twice and some not at all', () => {
    const x0 = cloud(64, 3), x1 = cloud(64, 4);
    const out = entropicOtPairing({ reg: 100 }).pair(x0, x1, createRng(1));
    const distinct = new Set<string>();
    for (let i = 0; i < 64; i++) distinct.add(`${out[2 * i]},${out[2 * i + 1]}`);
    expect(distinct.size).toBeLessThan(64);
  });

  it('normalize_cost makes reg relative to the largest cost (the same plan as reg × max cost)', () => {
    const x0 = cloud(32, 6), x1 = cloud(32, 7, 1);
    let max = 0;
    for (let i = 0; i < 32; i++) for (let j = 0; j < 32; j++) max = Math.max(max, (x1[2 * i] - x0[2 * j]) ** 2 + (x1[2 * i + 1] - x0[2 * j + 1]) ** 2);
    const rel = entropicOtPairing({ reg: 0.02, normalize_cost: true }).pair(x0, x1, createRng(9));
    const abs = entropicOtPairing({ reg: 0.02 * max }).pair(x0, x1, createRng(9));
    expect(rel).toEqual(abs);
  });

  it('a reg so small that the kernel underflows is refused, naming the key', () => {
    const x0 = cloud(64, 1), x1 = cloud(64, 2, 30);
    expect(() => entropicOtPairing({ reg: 0.001 }).pair(x0, x1, createRng(1))).toThrow(/flow\.pairing_options\.reg=0\.001 is too small/);
  });
});
