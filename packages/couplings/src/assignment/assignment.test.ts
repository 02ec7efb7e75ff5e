import { PointAssignment, pairingCost } from './assignment.js';
import { createRng, type Rng } from '@flow-visualizer/core';
import { bruteForce, hungarianCost } from '../test-utils/reference-assignment.js';

/**
 * Exactness of the assignment solver's coarse-to-fine start (n ≥ 64), its sparse augmenting paths, and
 * degenerate inputs. The reference is an independent textbook Hungarian solver (O(n³), dense).
 */


const isPermutation = (s: ArrayLike<number>) => new Set(Array.from(s)).size === s.length && Array.from(s).every((j) => j >= 0 && j < s.length);

/** A point set of n points of the given shape (the degenerate ones included). */
function shape(r: Rng, n: number, kind: number): Float32Array {
  const p = new Float32Array(2 * n);
  switch (kind % 8) {
    case 0: // Gaussian noise, the training case's columns
      return r.fillNormal(p);
    case 1: // a thin, curved cluster (data-like)
      for (let i = 0; i < n; i++) {
        const s = -2 + 4 * r.next();
        p[2 * i] = s + 0.02 * r.normal();
        p[2 * i + 1] = 0.5 * s * s - 1 + 0.02 * r.normal();
      }
      return p;
    case 2: // many duplicates: a handful of distinct points
      for (let i = 0; i < n; i++) {
        const k = r.int(5);
        p[2 * i] = k;
        p[2 * i + 1] = (k * 7) % 3;
      }
      return p;
    case 3: // collinear, evenly spaced (equal gaps: ties)
      for (let i = 0; i < n; i++) (p[2 * i] = i / n), (p[2 * i + 1] = 2 * (i / n));
      return p;
    case 4: // far away: centring must keep ε on the shape's scale
      r.fillNormal(p, 0, 0.3);
      for (let i = 0; i < n; i++) p[2 * i] += 1000;
      return p;
    case 5: // integer grid points (many equal costs)
      for (let i = 0; i < 2 * n; i++) p[i] = Math.round(2 * r.normal());
      return p;
    case 6: // all points equal
      return p.fill(0.25);
    default: // uniform square with one outlier
      r.fillUniform(p, -1, 1);
      p[0] = 50;
      return p;
  }
}

describe('PointAssignment: coarse-to-fine start and sparse augmenting paths', () => {
  it('equals brute force for n = 1, 2, 3 (every shape, ties included)', () => {
    const r = createRng(3);
    const solver = new PointAssignment();
    for (let t = 0; t < 96; t++) {
      const n = 1 + (t % 3);
      const a = shape(r, n, t), b = shape(r, n, t >> 3);
      const s = solver.solve(a, b);
      expect(isPermutation(s)).toBe(true);
      expect(pairingCost(a, b, s)).toBeCloseTo(bruteForce(a, b), 5);
    }
  });

  it('matches the Hungarian solver on every pair of shapes at sizes around the coarse-start threshold', () => {
    const r = createRng(5);
    const solver = new PointAssignment();
    let t = 0;
    for (const n of [63, 64, 65, 67, 100, 130]) {
      for (let ka = 0; ka < 8; ka++) {
        const kb = (ka * 3 + n) % 8;
        const a = shape(r, n, ka), b = shape(r, n, kb);
        const s = solver.solve(a, b);
        expect(isPermutation(s)).toBe(true);
        const ref = hungarianCost(a, b);
        expect(Math.abs(pairingCost(a, b, s) - ref)).toBeLessThanOrEqual(1e-9 * ref + 1e-6);
        t++;
      }
    }
    expect(t).toBe(48);
  });

  it('matches the Hungarian solver on training-like batches of 256 (curved cluster against noise), and agrees with the other starts', () => {
    const r = createRng(8);
    const auto = new PointAssignment(), auction = new PointAssignment('auction'), reduction = new PointAssignment('reduction');
    for (let t = 0; t < 4; t++) {
      const a = shape(r, 256, 1), b = shape(r, 256, 0);
      const ref = hungarianCost(a, b);
      for (const solver of [auto, auction, reduction]) {
        const s = solver.solve(a, b);
        expect(isPermutation(s)).toBe(true);
        expect(Math.abs(pairingCost(a, b, s) - ref)).toBeLessThanOrEqual(1e-9 * ref);
      }
    }
  });

  it('returns the same pairing whatever the instance solved before (the answer depends on the arguments only)', () => {
    const r = createRng(13);
    const fresh = () => new PointAssignment();
    const used = new PointAssignment();
    // Give `used` a history: other sizes and shapes.
    for (const n of [256, 70, 256, 300]) used.solve(shape(r, n, n), shape(r, n, 0));
    for (let t = 0; t < 8; t++) {
      const n = [256, 256, 97, 256][t % 4];
      const a = shape(r, n, t), b = shape(r, n, t + 3);
      // Duplicates and ties are where differing histories would show.
      const s1 = Array.from(used.solve(a, b));
      const s2 = Array.from(fresh().solve(a, b));
      expect(s1).toEqual(s2);
    }
  });

  it('handles all-equal sets and a set whose groups share one centroid', () => {
    const solver = new PointAssignment();
    const r = createRng(2);
    const same = new Float32Array(2 * 128).fill(3);
    expect(isPermutation(solver.solve(same, r.fillNormal(new Float32Array(256))))).toBe(true);
    expect(isPermutation(solver.solve(r.fillNormal(new Float32Array(256)), same))).toBe(true);
    // Four copies of a symmetric cross: every k-d group may have the same centroid.
    const cross = new Float32Array(2 * 64);
    for (let i = 0; i < 64; i++) {
      const q = i % 4;
      cross[2 * i] = q === 0 ? 1 : q === 1 ? -1 : 0;
      cross[2 * i + 1] = q === 2 ? 1 : q === 3 ? -1 : 0;
    }
    const b = r.fillNormal(new Float32Array(128));
    const s = solver.solve(cross, b);
    expect(isPermutation(s)).toBe(true);
    expect(Math.abs(pairingCost(cross, b, s) - hungarianCost(cross, b))).toBeLessThanOrEqual(1e-9);
  });

  it('refuses non-finite coordinates on the coarse-start path too, and solves the next batch normally', () => {
    const r = createRng(9);
    const solver = new PointAssignment();
    for (const bad of [NaN, Infinity]) {
      const a = r.fillNormal(new Float32Array(512)), b = r.fillNormal(new Float32Array(512));
      a[77] = bad;
      expect(() => solver.solve(a, b)).toThrow(/non-finite/);
      expect(() => solver.solve(b, a)).toThrow(/non-finite/);
    }
    const a = r.fillNormal(new Float32Array(512)), b = r.fillNormal(new Float32Array(512));
    expect(Math.abs(pairingCost(a, b, solver.solve(a, b)) - hungarianCost(a, b))).toBeLessThanOrEqual(1e-9 * hungarianCost(a, b));
  });
});
