import { describeDatasetContract } from '@flow-visualizer/core/testing';
import { eightGaussians } from './eight-gaussians.js';
import { draw, make } from './test-utils/ctx.js';
import { clusters } from './test-utils/shape.js';

describeDatasetContract('eight_gaussians', () => make(eightGaussians(), {}, 0.02));

describe('eight_gaussians has eight modes', () => {
  it('is eight clusters of about equal size on a ring', async () => {
    const p = await draw(eightGaussians(), 8000, 5, {}, 0.02);
    // Dense cells only, so the thin tails between blobs do not join them.
    expect(clusters(p, 0.1, 5, 200)).toBe(8);
    const perMode = new Array(8).fill(0);
    for (let i = 0; i < p.length; i += 2) {
      const k = Math.round(Math.atan2(p[i + 1], p[i]) / (Math.PI / 4));
      perMode[(k + 8) % 8]++;
    }
    for (const c of perMode) expect(c / 8000).toBeGreaterThan(0.1);
  });

  it('reads cluster_std: tighter blobs for a smaller std', async () => {
    // Spread of the radius relative to the ring's radius (the ring shrinks a little as the blobs widen).
    const spread = (p: Float32Array) => {
      const r = [];
      for (let i = 0; i < p.length; i += 2) r.push(Math.hypot(p[i], p[i + 1]));
      const m = r.reduce((a, b) => a + b, 0) / r.length;
      return Math.sqrt(r.reduce((a, b) => a + (b - m) ** 2, 0) / r.length) / m;
    };
    const tight = await draw(eightGaussians(), 2000, 5, { cluster_std: 0.02 });
    const loose = await draw(eightGaussians(), 2000, 5, { cluster_std: 0.2 });
    expect(spread(tight)).toBeLessThan(0.03);
    expect(spread(loose)).toBeGreaterThan(0.15);
  });
});
