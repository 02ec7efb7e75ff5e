import { createRng } from '@flow-visualizer/core';
import { linearPath } from './linear.js';
import { vpCosinePath } from './vp-cosine.js';

/**
 * Two members of the CFM family that are configs of existing paths, checked against the formulas torchcfm
 * implements them with (conditional_flow_matching.py), so that "the same objective" is a tested claim.
 */
const n = 64;
const x0 = createRng(1).fillNormal(new Float32Array(2 * n));
const x1 = createRng(2).fillNormal(new Float32Array(2 * n), 3, 0.5);
const t = createRng(3).fillUniform(new Float32Array(n));

describe("Lipman's target CFM is flow.path=linear with flow.sigma_min", () => {
  it.each([0.01, 0.1])('σ_min = %p: x_t = t·x1 + (1 − (1 − σ)t)·x0 and u_t = (x1 − (1 − σ)·x_t) / (1 − (1 − σ)t)', (sigma) => {
    const b = linearPath(sigma).batch(x0, x1, t);
    for (let i = 0; i < n; i++) {
      const ti = t[i], s = 1 - (1 - sigma) * ti;
      for (let d = 0; d < 2; d++) {
        const j = 2 * i + d;
        const xt = ti * x1[j] + s * x0[j];
        expect(b.xt[j]).toBeCloseTo(xt, 4);
        expect(b.ut[j]).toBeCloseTo((x1[j] - (1 - sigma) * xt) / s, 3);
      }
    }
  });
});

describe('variance-preserving CFM (torchcfm, sigma = 0) is flow.path=vp_cosine', () => {
  it('x_t = cos(πt/2)·x0 + sin(πt/2)·x1 and u_t = (π/2)(cos(πt/2)·x1 − sin(πt/2)·x0)', () => {
    const b = vpCosinePath().batch(x0, x1, t);
    for (let i = 0; i < n; i++) {
      const c = Math.cos((Math.PI / 2) * t[i]), s = Math.sin((Math.PI / 2) * t[i]);
      for (let d = 0; d < 2; d++) {
        const j = 2 * i + d;
        expect(b.xt[j]).toBeCloseTo(c * x0[j] + s * x1[j], 4);
        expect(b.ut[j]).toBeCloseTo((Math.PI / 2) * (c * x1[j] - s * x0[j]), 4);
      }
    }
  });
});
