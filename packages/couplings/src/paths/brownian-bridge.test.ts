import { createRng } from '@flow-visualizer/core';
import { brownianBridgePath } from './brownian-bridge.js';
import { linearPath } from './linear.js';

describe('brownian_bridge path (Schrödinger-bridge CFM)', () => {
  const n = 20000, sigma = 0.7;
  const x0 = new Float32Array(2 * n).fill(0).map((_, j) => (j % 2 ? -1 : 2));
  const x1 = new Float32Array(2 * n).fill(0).map((_, j) => (j % 2 ? 3 : 0.5));

  it.each([0.1, 0.5, 0.8])('at t = %p: mean t·x1 + (1−t)·x0, variance σ²·t(1−t)', (t) => {
    const b = brownianBridgePath(sigma).batch(x0, x1, new Float32Array(n).fill(t), createRng(3));
    for (let d = 0; d < 2; d++) {
      let s = 0, s2 = 0;
      for (let i = 0; i < n; i++) s += b.xt[2 * i + d];
      const mean = s / n;
      for (let i = 0; i < n; i++) s2 += (b.xt[2 * i + d] - mean) ** 2;
      const mu = t * x1[d] + (1 - t) * x0[d], variance = sigma * sigma * t * (1 - t);
      expect(Math.abs(mean - mu)).toBeLessThan(4 * Math.sqrt(variance / n));
      expect(Math.abs(s2 / (n - 1) / variance - 1)).toBeLessThan(0.05);
    }
  });

  it('target velocity u_t = (1−2t)/(2t(1−t))·(x_t − μ_t) + x1 − x0, sample by sample', () => {
    const t = createRng(4).fillUniform(new Float32Array(n));
    const b = brownianBridgePath(sigma).batch(x0, x1, t, createRng(5));
    for (let i = 0; i < n; i += 97) {
      const ti = t[i];
      for (let d = 0; d < 2; d++) {
        const mu = ti * x1[2 * i + d] + (1 - ti) * x0[2 * i + d];
        const want = ((1 - 2 * ti) / (2 * ti * (1 - ti))) * (b.xt[2 * i + d] - mu) + x1[2 * i + d] - x0[2 * i + d];
        expect(b.ut[2 * i + d]).toBeCloseTo(want, 3);
      }
    }
  });

  it('σ = 0 is the linear path', () => {
    const t = createRng(6).fillUniform(new Float32Array(100));
    const a = brownianBridgePath(0).batch(x0.subarray(0, 200), x1.subarray(0, 200), t);
    const l = linearPath(0).batch(x0.subarray(0, 200), x1.subarray(0, 200), t);
    for (let j = 0; j < 200; j++) {
      expect(a.xt[j]).toBeCloseTo(l.xt[j], 5);
      expect(a.ut[j]).toBeCloseTo(l.ut[j], 5);
    }
  });
});
