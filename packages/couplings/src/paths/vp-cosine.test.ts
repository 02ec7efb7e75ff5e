import { vpCosinePath } from './vp-cosine.js';
import { linearPath } from './linear.js';
import { builtinCouplingPlugins } from '../index.js';
import { createRng } from '@flow-visualizer/core';

const rng = createRng(3);
const n = 50;
const x0 = rng.fillNormal(new Float32Array(2 * n));
const x1 = rng.fillUniform(new Float32Array(2 * n), -2, 2);
const at = (t: number) => vpCosinePath().batch(x0, x1, new Float32Array(n).fill(t));

describe('vp_cosine path', () => {
  it('starts at the noise (t=0) and ends at the data (t=1)', () => {
    const a = at(0), b = at(1);
    for (let j = 0; j < 2 * n; j++) {
      expect(a.xt[j]).toBeCloseTo(x0[j], 6);
      expect(b.xt[j]).toBeCloseTo(x1[j], 5);
    }
  });

  it('gives u_t = dx_t/dt (central finite differences)', () => {
    for (const t of [0.05, 0.3, 0.5, 0.77, 0.95]) {
      const h = 1e-3;
      const plus = at(t + h).xt, minus = at(t - h).xt, u = at(t).ut;
      for (let j = 0; j < 2 * n; j++) expect(u[j]).toBeCloseTo((plus[j] - minus[j]) / (2 * h), 2);
    }
  });

  it('preserves variance: α² + σ² = 1 keeps unit-variance independent endpoints at unit variance', () => {
    const m = 20000, r = createRng(9);
    const a = r.fillNormal(new Float32Array(2 * m)), b = r.fillNormal(new Float32Array(2 * m));
    for (const t of [0.25, 0.5, 0.75]) {
      const { xt } = vpCosinePath().batch(a, b, new Float32Array(m).fill(t));
      let s = 0;
      for (const v of xt) s += v * v;
      expect(s / xt.length).toBeCloseTo(1, 1);
      // The linear path loses variance in the middle (t² + (1−t)² < 1).
      const lin = linearPath().batch(a, b, new Float32Array(m).fill(t)).xt;
      let sl = 0;
      for (const v of lin) sl += v * v;
      if (t === 0.5) expect(sl / lin.length).toBeLessThan(0.6);
    }
  });

  it('uses the per-pair times', () => {
    const t = Float32Array.from({ length: n }, (_, i) => i / (n - 1));
    const { xt, t: tt } = vpCosinePath().batch(x0, x1, t);
    expect(tt).toBe(t);
    expect(xt[0]).toBeCloseTo(x0[0], 6);
    expect(xt[2 * n - 1]).toBeCloseTo(x1[2 * n - 1], 5);
  });

  it('is registered with the other coupling plugins', () => {
    const ids = builtinCouplingPlugins().map((p) => `${p.kind}:${p.id}`);
    expect(ids).toEqual(['path:linear', 'path:vp_cosine', 'path:polynomial', 'path:brownian_bridge', 'pairing:none', 'pairing:ot', 'pairing:entropic_ot', 'pairing:c2ot', 'assignment:exact']);
  });
});
