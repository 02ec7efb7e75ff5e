import { createRng, exactW2Squared, normalisedPathEnergy, pathEnergy } from '@flow-visualizer/core';
import { exactAssignment } from './exact-solver.js';
import { otPairing } from '../pairings/ot-pairing.js';

// Closed forms of transport between two isotropic Gaussians N(m1, s1²I) and N(m2, s2²I) in 2D: the OT map is
// T(x) = m2 + (s2/s1)(x − m1), and W2² = |m1 − m2|² + 2(s1 − s2)².
const m1 = [0, 0], s1 = 1, m2 = [3, -4], s2 = 2;
const mapOf = (x: Float32Array) => x.map((v, i) => m2[i & 1] + (s2 / s1) * (v - m1[i & 1]));
const gaussian = (n: number, m: number[], s: number, stream: string) => createRng(7, stream).fillNormal(new Float32Array(2 * n)).map((v, i) => m[i & 1] + s * v);

describe('transport between two Gaussians against the closed forms', () => {
  it('exact W2² of 2,000 points each lands on |m1 − m2|² + 2(s1 − s2)² (= 27) within the sampling error', () => {
    const w2 = exactW2Squared(gaussian(2000, m1, s1, 'a'), gaussian(2000, m2, s2, 'b'), exactAssignment(), 'test');
    expect(Math.abs(w2 - 27) / 27).toBeLessThan(0.03);
  });

  it('straight paths along the OT map at constant speed have NPE 0', () => {
    const x0 = gaussian(500, m1, s1, 'x0');
    const x1 = mapOf(x0);
    const frames = [0, 0.25, 0.5, 0.75, 1].map((t) => ({ t, x: x0.map((v, i) => (1 - t) * v + t * x1[i]) }));
    const w2 = exactW2Squared(x0, x1, exactAssignment(), 'test');
    expect(normalisedPathEnergy(pathEnergy(frames), w2)).toBeLessThan(1e-5);
    // A detour (the same ends, a bent middle) costs more energy: NPE > 0.
    frames[2] = { t: 0.5, x: frames[2].x.map((v, i) => v + (i & 1 ? 1 : 0)) };
    expect(normalisedPathEnergy(pathEnergy(frames), w2)).toBeGreaterThan(0.01);
  });

  it("OT-CFM's conditional field over an exactly paired batch approaches the analytic OT map's displacement", () => {
    const n = 1024;
    const x0 = gaussian(n, m1, s1, 'noise'), x1 = gaussian(n, m2, s2, 'data');
    const paired = otPairing().pair(x0, x1, createRng(1));
    // u_i = x1_i − x0_σ(i) against T(x0_σ(i)) − x0_σ(i): relative squared error over the batch.
    const t = mapOf(paired);
    let err = 0, scale = 0;
    for (let j = 0; j < 2 * n; j++) {
      err += (x1[j] - t[j]) ** 2;
      scale += (t[j] - paired[j]) ** 2;
    }
    expect(err / scale).toBeLessThan(0.02);
    // Independent pairing is far from it (the check would fail for a pairing that did nothing).
    const indep = mapOf(x0);
    let errIndep = 0;
    for (let j = 0; j < 2 * n; j++) errIndep += (x1[j] - indep[j]) ** 2;
    expect(errIndep / scale).toBeGreaterThan(0.2);
  });

  it('refuses an exact W2 on more than 10,000 points, naming the key', () => {
    const big = new Float32Array(2 * 10_001);
    expect(() => exactW2Squared(big, big, exactAssignment(), 'visualization.n_w2_points')).toThrow(/visualization\.n_w2_points=10001/);
  });
});
