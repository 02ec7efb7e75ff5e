import { slicedWasserstein } from './sliced-wasserstein.js';
import { energyDistance } from './energy-distance.js';
import { medianPairwiseDistance, rbfMmd } from './mmd.js';
import { flattenQuality, qualityMetrics, QualityReference } from './quality.js';
import { createRng } from '../rng.js';

const gaussian = (seed: number, n: number, mx = 0, my = 0, std = 1) => {
  const p = createRng(seed).fillNormal(new Float32Array(2 * n), 0, std);
  for (let i = 0; i < p.length; i += 2) {
    p[i] += mx;
    p[i + 1] += my;
  }
  return p;
};

describe('sample-quality metrics', () => {
  const a = gaussian(1, 1000);

  it('give 0 for identical sets', () => {
    expect(slicedWasserstein(a, a)).toBe(0);
    expect(energyDistance(a, a)).toBeCloseTo(0, 9);
    expect(rbfMmd(a, a)).toBeCloseTo(0, 9);
  });

  it('sliced W1 of Gaussians shifted by μ is |μ|·E|cos θ| = 2|μ|/π (W1 along the shift is |μ|)', () => {
    for (const shift of [0.5, 1, 2]) {
      const b = gaussian(2, 1000, shift * 0.6, shift * 0.8); // |μ| = shift
      expect(Math.abs(slicedWasserstein(b, gaussian(3, 1000)) - (2 * shift) / Math.PI)).toBeLessThan(0.03 + 0.03 * shift);
    }
  });

  it('sliced W1 with 128+ seeded (stratified) projections is within 1% of a 2048-projection estimate', () => {
    const b = gaussian(4, 1000, 1, 0), c = gaussian(5, 1000);
    const ref = slicedWasserstein(b, c, 2048, 7);
    for (const seed of [1, 2, 3]) expect(Math.abs(slicedWasserstein(b, c, 128, seed) - ref) / ref).toBeLessThan(0.01);
    expect(slicedWasserstein(b, c)).toBe(slicedWasserstein(b, c));
  });

  it('grow as the distributions move apart, and stay near 0 for two draws of the same one', () => {
    const ref = gaussian(6, 800);
    const same = gaussian(7, 800);
    let prev = { w: slicedWasserstein(same, ref), e: energyDistance(same, ref), m: rbfMmd(same, ref) };
    expect(prev.w).toBeLessThan(0.08);
    expect(prev.e).toBeLessThan(0.01);
    expect(prev.m).toBeLessThan(0.005);
    for (const shift of [0.3, 0.6, 1.2]) {
      const b = gaussian(8, 800, shift, 0);
      const now = { w: slicedWasserstein(b, ref), e: energyDistance(b, ref), m: rbfMmd(b, ref) };
      expect(now.w).toBeGreaterThan(prev.w);
      expect(now.e).toBeGreaterThan(prev.e);
      expect(now.m).toBeGreaterThan(prev.m);
      prev = now;
    }
  });

  it('energy distance of a point mass against another is 2|x − y| (closed form)', () => {
    const p = new Float32Array([0, 0, 0, 0]), q = new Float32Array([3, 4, 3, 4]);
    expect(energyDistance(p, q)).toBeCloseTo(10, 6);
  });

  it('MMD sees a change of spread that leaves the mean alone, and uses the reference\'s median bandwidth', () => {
    const ref = gaussian(9, 800);
    expect(medianPairwiseDistance(ref)).toBeCloseTo(Math.sqrt(2) * Math.sqrt(2 * Math.log(2)), 1);
    const wide = gaussian(10, 800, 0, 0, 1.5), same = gaussian(11, 800);
    expect(rbfMmd(wide, ref)).toBeGreaterThan(10 * rbfMmd(same, ref));
    // Fixed bandwidths, averaged, are accepted too.
    expect(rbfMmd(wide, ref, { bandwidths: [0.1, 0.5, 2] })).toBeGreaterThan(rbfMmd(same, ref, { bandwidths: [0.1, 0.5, 2] }));
  });

  it('qualityMetrics gives the figures and their noise floor from two held-out draws', () => {
    const held = gaussian(12, 800), held2 = gaussian(13, 800);
    const good = qualityMetrics(gaussian(14, 800), held, held2);
    const bad = qualityMetrics(gaussian(15, 800, 0.8, 0), held, held2);
    expect(good.n).toBe(800);
    expect(good.floor).toEqual(bad.floor);
    for (const k of ['sliced_w1', 'energy_distance', 'mmd_rbf'] as const) {
      expect(bad[k]).toBeGreaterThan(3 * bad.floor[k]);
      expect(good[k]).toBeLessThan(3 * good.floor[k] + 1e-3);
    }
    const flat = flattenQuality(bad);
    expect(flat.sliced_w1_floor).toBe(bad.floor.sliced_w1);
    expect(Object.values(flat).every(Number.isFinite)).toBe(true);
  });

  it('cuts every set to the smallest size', () => {
    const q = qualityMetrics(gaussian(16, 300), gaussian(17, 1000), gaussian(18, 500));
    expect(q.n).toBe(300);
    expect(q.n_sliced).toBe(300);
  });

  it('sliced W1 takes every point (its floor falls with more), energy distance and MMD the first maxPoints', () => {
    const gen = gaussian(21, 6000), h1 = gaussian(22, 6000), h2 = gaussian(23, 6000);
    const q = qualityMetrics(gen, h1, h2, { maxPoints: 1000 });
    expect(q.n).toBe(1000);
    expect(q.n_sliced).toBe(6000);
    expect(q.sliced_w1).toBe(slicedWasserstein(gen, h1));
    expect(q.floor.sliced_w1).toBe(slicedWasserstein(h2, h1));
    expect(q.energy_distance).toBeCloseTo(energyDistance(gen.subarray(0, 2000), h1.subarray(0, 2000)), 9);
    // Sampling noise of the sliced W1 shrinks like 1/sqrt(n): 6000 points against 6000 sit well below 1000 against 1000.
    const small = qualityMetrics(gen.subarray(0, 2000), h1.subarray(0, 2000), h2.subarray(0, 2000));
    expect(q.floor.sliced_w1).toBeLessThan(0.8 * small.floor.sliced_w1);
    expect(flattenQuality(q).metrics_n_sliced).toBe(6000);
  });

  it('a prepared reference gives the same figures as the one-off functions', () => {
    const ref = gaussian(19, 500), s = gaussian(20, 500, 0.4, 0);
    const f = new QualityReference(ref).figures(s);
    expect(f.sliced_w1).toBe(slicedWasserstein(s, ref));
    expect(f.energy_distance).toBeCloseTo(energyDistance(s, ref), 9);
    expect(f.mmd_rbf).toBeCloseTo(rbfMmd(s, ref), 9);
  });
});
