import { linearPath } from './linear.js';
import { vpCosinePath } from './vp-cosine.js';
import { polynomialPath, polynomialPathPlugin } from './polynomial.js';
import { affinePath } from './affine.js';
import { cosineSchedule } from './schedule.js';
import { instantiate } from '@flow-visualizer/core';
import { createRng } from '@flow-visualizer/core';
import { isFvError } from '@flow-visualizer/core';
import { describePathContract } from '@flow-visualizer/core/testing';

describePathContract('linear', () => linearPath());
describePathContract('linear, σ_min = 0.1', () => linearPath(0.1), { sigmaAtOne: 0.1 });
describePathContract('vp_cosine', () => vpCosinePath());
describePathContract('polynomial, n = 2', () => polynomialPath(2));
describePathContract('polynomial, n = 3.5', () => polynomialPath(3.5));

const rng = createRng(11);
const n = 500;
const x0 = rng.fillNormal(new Float32Array(2 * n));
const x1 = rng.fillUniform(new Float32Array(2 * n), -2, 2);
const t = rng.fillUniform(new Float32Array(n));
t[0] = 0;
t[1] = 1;

/** Each path's numbers written out as a loop of their own (the formulas the paths had before schedules). */
function expected(f: (ti: number, a: number, b: number) => [number, number]) {
  const xt = new Float32Array(2 * n), ut = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < 2; d++) {
      const j = 2 * i + d;
      [xt[j], ut[j]] = f(t[i], x0[j], x1[j]);
    }
  }
  return { xt, ut };
}

describe('affine paths from schedules', () => {
  it.each([0, 0.01, 0.1])('linear with σ_min = %p gives exactly x_t = (1 − (1 − σ_min)t)x0 + t·x1, u_t = x1 − (1 − σ_min)x0', (sigmaMin) => {
    const k = 1 - sigmaMin;
    const want = expected((ti, a, b) => [(1 - k * ti) * a + ti * b, b - k * a]);
    const got = linearPath(sigmaMin).batch(x0, x1, t);
    expect(got.xt).toEqual(want.xt);
    expect(got.ut).toEqual(want.ut);
    expect(got.t).toBe(t);
  });

  it('vp_cosine gives exactly x_t = sin(πt/2)x1 + cos(πt/2)x0, u_t = (π/2)(cos(πt/2)x1 − sin(πt/2)x0)', () => {
    const h = Math.PI / 2;
    const want = expected((ti, a, b) => {
      const s = Math.sin(h * ti), c = Math.cos(h * ti);
      return [s * b + c * a, h * (c * b - s * a)];
    });
    const got = vpCosinePath().batch(x0, x1, t);
    expect(got.xt).toEqual(want.xt);
    expect(got.ut).toEqual(want.ut);
    expect(affinePath('any', cosineSchedule()).batch(x0, x1, t).ut).toEqual(want.ut);
  });

  it('polynomial gives x_t = tⁿx1 + (1 − tⁿ)x0 and u_t = n·tⁿ⁻¹(x1 − x0); n = 1 is exactly the linear path', () => {
    const want = expected((ti, a, b) => [ti ** 3 * b + (1 - ti ** 3) * a, 3 * ti ** 2 * (b - a)]);
    const got = polynomialPath(3).batch(x0, x1, t);
    for (let j = 0; j < 2 * n; j++) {
      expect(got.xt[j]).toBeCloseTo(want.xt[j], 5);
      expect(got.ut[j]).toBeCloseTo(want.ut[j], 5);
    }
    const one = polynomialPath(1).batch(x0, x1, t), lin = linearPath().batch(x0, x1, t);
    expect(one.xt).toEqual(lin.xt);
    expect(one.ut).toEqual(lin.ut);
  });

  it('the polynomial plugin defaults to n = 2 and rejects n < 1 with a message naming the key', async () => {
    const ctx = { baseDir: '.', rng: createRng(0), run: { seed: 0, dataNoise: 0, sigmaMin: 0 }, log: () => {} };
    const p = await instantiate(polynomialPathPlugin(), {}, ctx, 'flow.path_options');
    expect(p.id).toBe('polynomial');
    const want = polynomialPath(2).batch(x0, x1, t);
    expect(p.batch(x0, x1, t).xt).toEqual(want.xt);
    const err = await instantiate(polynomialPathPlugin(), { exponent: 0.5 }, ctx, 'flow.path_options').catch((e) => e);
    expect(isFvError(err) && err.code).toBe('CONFIG_INVALID');
    expect(String(err.message)).toContain('flow.path_options.exponent');
  });
});
