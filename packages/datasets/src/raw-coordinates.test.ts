import { moons } from './moons.js';
import { eightGaussians } from './eight-gaussians.js';
import { draw } from './test-utils/ctx.js';

// The papers' toys in their own coordinates (C2OT's moons.py and torchcfm): W2 depends on the scale, so a
// reproduction needs their numbers, not our [-2, 2] box (the one exception to the dataset contract's box).

describe('raw coordinates', () => {
  it("moons with layout torchdyn: torchdyn's generate_moons ×3 − 1 (evenly spaced arcs, one U[0, 0.2) shift per point on both axes)", async () => {
    const n = 1000;
    const p = await draw(moons(), n, 3, { layout: 'torchdyn', uniform_noise: 0.2, raw_scale: 3, raw_shift: -1 }, 0);
    // Undo ×3 − 1 and the shift u (x − u and y − u both on a moon): each point is some u ∈ [0, 0.2) off a moon point.
    let maxMiss = 0;
    for (let i = 0; i < p.length; i += 2) {
      const x = (p[i] + 1) / 3, y = (p[i + 1] + 1) / 3;
      let best = Infinity;
      for (let k = 0; k <= 200; k++) {
        const u = (0.2 * k) / 200;
        const upper = Math.abs(Math.hypot(x - u, y - u) - 1) + (y - u < -1e-6 ? 1 : 0);
        const lower = Math.abs(Math.hypot(x - u - 1, y - u - 0.5) - 1) + (y - u > 0.5 + 1e-6 ? 1 : 0);
        best = Math.min(best, upper, lower);
      }
      maxMiss = Math.max(maxMiss, best);
    }
    expect(maxMiss).toBeLessThan(0.01);
    // Raw extent: x from 3·(−1) − 1 = −4 to 3·(2 + 0.2) − 1 = 5.6.
    let xmin = Infinity, xmax = -Infinity;
    for (let i = 0; i < p.length; i += 2) [xmin, xmax] = [Math.min(xmin, p[i]), Math.max(xmax, p[i])];
    expect(xmin).toBeCloseTo(-4, 1);
    expect(xmax).toBeGreaterThan(5);
  });

  it('eight_gaussians with raw_radius 5: modes on the ring of radius 5, spread cluster_std × 5', async () => {
    const std = 0.1 ** 0.25 / 5;
    const p = await draw(eightGaussians(), 8000, 4, { raw_radius: 5, cluster_std: std }, 0);
    let r = 0, s2 = 0;
    for (let i = 0; i < p.length; i += 2) {
      const k = Math.round((Math.atan2(p[i + 1], p[i]) / (2 * Math.PI)) * 8);
      const cx = 5 * Math.cos((k * 2 * Math.PI) / 8), cy = 5 * Math.sin((k * 2 * Math.PI) / 8);
      s2 += (p[i] - cx) ** 2 + (p[i + 1] - cy) ** 2;
      r += Math.hypot(p[i], p[i + 1]);
    }
    expect(r / 8000).toBeCloseTo(5, 0);
    // Per-coordinate variance sqrt(0.1) = 0.316: C2OT's MultivariateNormal gets sqrt(var)·I as its covariance.
    expect(s2 / 16000).toBeCloseTo(Math.sqrt(0.1), 1);
  });
});
