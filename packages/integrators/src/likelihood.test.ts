import { FvError, logDensityGrid, logProb, sourceDensityOf, userLogDet, userToBox, createRng, type ModelSpec, type VelocityModel } from '@flow-visualizer/core';
import { rk4 } from './rk4.js';
import { rk45 } from './rk45.js';
import { euler } from './euler.js';

// Likelihood is an integrator job: the same solvers carry the points back to the source with the divergence
// accumulated. Checked here against a flow whose density is known in closed form: the linear path from N(0, I) to
// N(μ, Σ) with independent pairs has Gaussian marginals N(tμ, Σ_t), Σ_t = (1−t)²I + t²Σ, and the exact marginal
// velocity v(x, t) = μ + A_t (x − tμ), A_t = (tΣ − (1−t)I) Σ_t⁻¹, whose Jacobian is A_t.

const mu = [0.5, -0.3];
const S = [0.5, 0.2, 0.2, 0.3]; // Σ, row-major

function sigmaT(t: number): number[] {
  const a = (1 - t) ** 2, b = t * t;
  return [a + b * S[0], b * S[1], b * S[2], a + b * S[3]];
}
const inv = (m: number[]) => {
  const det = m[0] * m[3] - m[1] * m[2];
  return [m[3] / det, -m[1] / det, -m[2] / det, m[0] / det];
};
function aT(t: number): number[] {
  const c = [t * S[0] - (1 - t), t * S[1], t * S[2], t * S[3] - (1 - t)];
  const si = inv(sigmaT(t));
  return [c[0] * si[0] + c[1] * si[2], c[0] * si[1] + c[1] * si[3], c[2] * si[0] + c[3] * si[2], c[2] * si[1] + c[3] * si[3]];
}
/** log N(x; tμ, Σ_t). */
function trueLogp(x: number, y: number, t: number): number {
  const s = sigmaT(t), si = inv(s), dx = x - t * mu[0], dy = y - t * mu[1];
  const q = dx * (si[0] * dx + si[1] * dy) + dy * (si[2] * dx + si[3] * dy);
  return -Math.log(2 * Math.PI) - 0.5 * Math.log(s[0] * s[3] - s[1] * s[2]) - 0.5 * q;
}

const spec = { dataDim: 2 } as ModelSpec;
const gaussianFlow: VelocityModel = {
  backend: 'closed-form',
  spec,
  async trainStep() { return 0; },
  async predict(x, t) {
    return (await gaussianFlow.jacobian!(x, t as number)).v;
  },
  async jacobian(x, t) {
    const A = aT(t), n = x.length / 2;
    const v = new Float32Array(2 * n), jac = new Float32Array(4 * n);
    for (let i = 0; i < n; i++) {
      const dx = x[2 * i] - t * mu[0], dy = x[2 * i + 1] - t * mu[1];
      v[2 * i] = mu[0] + A[0] * dx + A[1] * dy;
      v[2 * i + 1] = mu[1] + A[2] * dx + A[3] * dy;
      jac.set(A, 4 * i);
    }
    return { v, jac };
  },
  async save() {},
  numTensors: () => 0,
  dispose() {},
};

const points = createRng(1, 'pts').fillNormal(new Float32Array(400), 0, 0.8);

describe('log p by integrating the divergence backwards', () => {
  it.each([['rk4', rk4(), 100], ['rk45', rk45(), 20]] as const)('equals the closed-form Gaussian density with %s', async (_, integrator, steps) => {
    const r = await logProb(gaussianFlow, points, { integrator, steps, integratorOptions: { rtol: 1e-7, atol: 1e-9 } });
    for (let i = 0; i < 200; i++) expect(Math.abs(r.logp[i] - trueLogp(points[2 * i], points[2 * i + 1], 1))).toBeLessThan(2e-4);
    expect(r.integrator).toBe(integrator.id);
    expect(r.nfe).toBeGreaterThan(0);
  });

  it('gives p_t at an intermediate time (the continuity equation solved from t back to 0)', async () => {
    const r = await logProb(gaussianFlow, points, { integrator: rk4(), steps: 50, t: 0.4 });
    for (let i = 0; i < 200; i++) expect(Math.abs(r.logp[i] - trueLogp(points[2 * i], points[2 * i + 1], 0.4))).toBeLessThan(2e-4);
  });

  it('the default solver (RK4, 25 steps, 100 evaluations) is far closer than Euler with as many', async () => {
    const meanErr = async (integrator: typeof euler extends () => infer I ? I : never, steps: number) => {
      const r = await logProb(gaussianFlow, points, { integrator, steps });
      let err = 0;
      for (let i = 0; i < 200; i++) err += Math.abs(r.logp[i] - trueLogp(points[2 * i], points[2 * i + 1], 1));
      return err / 200;
    };
    expect(await meanErr(rk4(), 25)).toBeLessThan(1e-4);
    expect(await meanErr(euler(), 100)).toBeGreaterThan(0.02); // why likelihood.integrator is not the sampler's Euler
  });

  it('integrates to 1 ± 0.01 over a grid that covers the mass', async () => {
    const b = { xmin: -4, xmax: 5, ymin: -4.8, ymax: 4.2 };
    const g = await logDensityGrid(gaussianFlow, b, 60, 1, { integrator: rk4(), steps: 40 });
    const cell = ((b.xmax - b.xmin) / 60) * ((b.ymax - b.ymin) / 60);
    let mass = 0;
    for (const l of g.logp) mass += Math.exp(l) * cell;
    expect(Math.abs(mass - 1)).toBeLessThan(0.01);
  });

  it.each(['gaussian', 'rademacher'] as const)('Hutchinson (%s): the mean of many probes equals the exact trace within its standard error', async (probe) => {
    const few = points.subarray(0, 40);
    const r = await logProb(gaussianFlow, few, { integrator: rk4(), steps: 40, estimator: 'hutchinson', probes: 256, probe, rng: createRng(7, probe) });
    let within = 0;
    for (let i = 0; i < 20; i++) {
      const se = Math.sqrt(r.variance![i]);
      expect(se).toBeGreaterThan(0); // Σ is not symmetric-free: the probes do vary
      if (Math.abs(r.logp[i] - r.exact[i]) <= 3 * se) within++;
    }
    expect(within).toBeGreaterThanOrEqual(19);
  });

  it('refuses non-finite points, a model without a Jacobian and a source without a closed-form density', async () => {
    const bad = Float32Array.from([0, 0, NaN, 1]);
    await expect(logProb(gaussianFlow, bad, { integrator: rk4(), steps: 4 })).rejects.toMatchObject({ code: 'DATA_INVALID' });
    const noJac = { ...gaussianFlow, jacobian: undefined };
    await expect(logProb(noJac, points, { integrator: rk4(), steps: 4 })).rejects.toMatchObject({ code: 'LIKELIHOOD_UNAVAILABLE' });
    expect(() => sourceDensityOf({ source: { name: 'points' } })).toThrow(FvError);
    expect(sourceDensityOf({}).id).toBe('standard normal');
  });

  it('gives log p in the user\'s coordinates: the box fit undone, its log-determinant added', async () => {
    const fit = { cx: 10, cy: -5, s: 0.25 }; // the user's points span 4× the box
    const user = Float32Array.from([10, -5, 12, -3]);
    const box = userToBox(user, fit);
    expect(Array.from(box)).toEqual([0, 0, 0.5, 0.5]);
    const r = await logProb(gaussianFlow, box, { integrator: rk4(), steps: 40 });
    const userLogp = r.logp[1] + userLogDet(fit);
    expect(userLogp).toBeCloseTo(trueLogp(0.5, 0.5, 1) + 2 * Math.log(0.25), 3);
  });
});
