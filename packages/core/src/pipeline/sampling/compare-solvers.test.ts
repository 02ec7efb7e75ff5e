import type { Integrator, VelocityField } from '../../ports/integrator.js';
import type { VelocityModel } from '../../ports/velocity-model.js';
import { createRng } from '../../rng.js';
import { compareSolvers, solverRowsToCsv, toleranceSettings } from './compare-solvers.js';
import type { PointSource } from './source.js';

/**
 * The exact marginal velocity of the linear path from N(0, I) to N(μ, s² I) with independent pairing:
 * x_t ~ N(tμ, σ_t² I), σ_t² = (1−t)² + t²s², and v(x, t) = μ + (σ'_t/σ_t)(x − tμ). Its flow carries the noise
 * exactly onto the target, so the only error left is the solver's: a known answer for compare-solvers.
 */
function gaussianFlowModel(mu: [number, number], s: number): VelocityModel {
  return {
    backend: 'analytic',
    spec: { dataDim: 2, timeEmbedDim: 2, hiddenDims: [], learningRate: 0, seed: 0 },
    trainStep: async () => {
      throw new Error('analytic model: nothing to train');
    },
    predict: async (x, t) => {
      const out = new Float32Array(x.length);
      for (let i = 0; i < x.length >> 1; i++) {
        const ti = typeof t === 'number' ? t : t[i];
        const var_ = (1 - ti) ** 2 + ti * ti * s * s;
        const k = (-(1 - ti) + ti * s * s) / var_; // σ'/σ = (σ²)'/(2σ²)
        out[2 * i] = mu[0] + k * (x[2 * i] - ti * mu[0]);
        out[2 * i + 1] = mu[1] + k * (x[2 * i + 1] - ti * mu[1]);
      }
      return out;
    },
    save: async () => undefined,
    numTensors: () => -1,
    dispose: () => undefined,
  };
}

/** Fixed-step Euler and RK4, written out here so that core's test does not import the integrators package. */
function fixedStep(id: string, stages: 1 | 4): Integrator {
  return {
    id,
    async integrate(field: VelocityField, x0, { steps, saveAt = [] }) {
      let x = Float32Array.from(x0);
      let nfe = 0;
      const snaps = new Map<number, Float32Array>();
      const h = 1 / steps;
      const add = (a: Float32Array, b: Float32Array, c: number) => a.map((v, i) => v + c * b[i]);
      for (let k = 0; k <= steps; k++) {
        for (const t of saveAt) if (Math.abs(t - k * h) < 1e-9) snaps.set(t, Float32Array.from(x));
        if (k === steps) break;
        const t = k * h;
        const k1 = Float32Array.from(await field(x, t));
        nfe++;
        if (stages === 1) x = add(x, k1, h);
        else {
          const k2 = Float32Array.from(await field(add(x, k1, h / 2), t + h / 2));
          const k3 = Float32Array.from(await field(add(x, k2, h / 2), t + h / 2));
          const k4 = Float32Array.from(await field(add(x, k3, h), t + h));
          nfe += 3;
          x = x.map((v, i) => v + (h / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]));
        }
      }
      return { x, nfe, snapshots: saveAt.map((t) => ({ t, x: snaps.get(t) ?? x })) };
    },
  };
}

const target = (seed: number, n: number) => {
  const p = createRng(seed).fillNormal(new Float32Array(2 * n), 0, 0.5);
  for (let i = 0; i < p.length; i += 2) {
    p[i] += 1.5;
    p[i + 1] -= 0.5;
  }
  return p;
};

describe('compareSolvers', () => {
  const model = gaussianFlowModel([1.5, -0.5], 0.5);
  const input = { model, n: 600, heldOut: target(1, 600), heldOut2: target(2, 600), seed: 3, steps: [1, 4, 16, 60] };

  it('gives one row per integrator and setting, with honest NFE, and quality that improves with steps', async () => {
    const res = await compareSolvers({ ...input, integrators: [fixedStep('euler', 1), fixedStep('rk4', 4)] });
    expect(res.rows.map((r) => `${r.integrator}:${r.steps}`)).toEqual(['euler:1', 'euler:4', 'euler:16', 'euler:60', 'rk4:1', 'rk4:4', 'rk4:16', 'rk4:60']);
    expect(res.rows.map((r) => r.nfe)).toEqual([1, 4, 16, 60, 4, 16, 64, 240]);
    expect(res.n).toBe(600);
    const euler = res.rows.filter((r) => r.integrator === 'euler');
    for (let i = 1; i < euler.length; i++) expect(euler[i].sliced_w1).toBeLessThan(euler[i - 1].sliced_w1);
    // One Euler step sends every point to μ: far from the target. Many steps reach the noise floor.
    expect(euler[0].sliced_w1).toBeGreaterThan(5 * res.floor!.sliced_w1);
    const best = res.rows.find((r) => r.integrator === 'rk4' && r.steps === 60)!;
    expect(best.sliced_w1).toBeLessThan(2 * res.floor!.sliced_w1);
    expect(best.energy_distance).toBeLessThan(3 * res.floor!.energy_distance + 1e-3);
    // At equal evaluations (16), RK4 (4 steps) is at least as close as Euler (16 steps) on this smooth field.
    expect(res.rows.find((r) => r.integrator === 'rk4' && r.steps === 4)!.sliced_w1).toBeLessThan(euler[2].sliced_w1 * 1.5);
    // The flow from N(0, I) to N(μ, s²I) is curved (σ_t is not linear in t), but not much.
    expect(res.straightness).toBeGreaterThan(1);
    expect(res.straightness).toBeLessThan(1.5);
  });

  it('takes per-integrator settings (tolerances for adaptive solvers) and writes a CSV table', async () => {
    const res = await compareSolvers({ ...input, integrators: [{ integrator: fixedStep('euler', 1), settings: toleranceSettings([1e-2, 1e-3], 8) }], straightnessFrames: 0 });
    expect(res.rows.map((r) => [r.steps, r.rtol, r.atol])).toEqual([[8, 1e-2, 1e-2], [8, 1e-3, 1e-3]]);
    expect(res.straightness).toBeNull();
    const csv = solverRowsToCsv(res.rows).trim().split('\n');
    expect(csv[0]).toBe('integrator,steps,rtol,atol,nfe,seconds,sliced_w1,sliced_w1_sd,draws,energy_distance,mmd_rbf');
    expect(csv).toHaveLength(3);
    expect(csv[1].startsWith('euler,8,0.01,0.01,8,')).toBe(true);
  });

  it('uses the same noise for every row (same solver, same setting: same figures)', async () => {
    const res = await compareSolvers({ ...input, steps: [8], integrators: [fixedStep('euler', 1), fixedStep('euler', 1)], straightnessFrames: 0 });
    expect(res.rows[0].sliced_w1).toBe(res.rows[1].sliced_w1);
    expect(res.rows[0].mmd_rbf).toBe(res.rows[1].mmd_rbf);
  });

  it('with several noise draws, gives each figure as their mean with the sd of sliced W1 (one draw: the single-draw figures)', async () => {
    const one = await compareSolvers({ ...input, steps: [4], integrators: [fixedStep('euler', 1)], straightnessFrames: 0 });
    expect(one.rows[0]).toMatchObject({ draws: 1, sliced_w1_sd: null });
    const seen: number[] = [];
    const three = await compareSolvers({ ...input, steps: [4], draws: 3, integrators: [fixedStep('euler', 1)], straightnessFrames: 0, onRow: (r) => seen.push(r.steps) });
    const r = three.rows[0];
    expect(seen).toEqual([4]);
    expect([three.draws, r.draws, r.nfe]).toEqual([3, 3, 4]);
    expect(r.sliced_w1_sd).toBeGreaterThan(0);
    // Draw 0 is the single-draw comparison's noise: the mean of three differs from it by about the spread, not more.
    expect(Math.abs(r.sliced_w1 - one.rows[0].sliced_w1)).toBeLessThan(3 * r.sliced_w1_sd! + 1e-9);
    expect(r.sliced_w1).not.toBe(one.rows[0].sliced_w1);
  });

  it('refuses an empty list of integrators', async () => {
    await expect(compareSolvers({ ...input, integrators: [] })).rejects.toMatchObject({ code: 'USAGE' });
  });
});

describe('compareSolvers follows the run\'s source', () => {
  // A field that is zero everywhere: every solver returns its starting points, so the figures measure the source.
  const still: VelocityModel = { ...gaussianFlowModel([0, 0], 1), predict: async (x) => new Float32Array(x.length) };
  const targetSource: PointSource = { id: 'target-like', standard: false, draw: async (n, rng) => target(7 + rng.int(1000), n) };
  const input = { model: still, n: 600, heldOut: target(1, 600), seed: 3, steps: [1], integrators: [fixedStep('euler', 1)], straightnessFrames: 0 };

  it('starts from source points, not from the Gaussian, when given a source', async () => {
    const fromGaussian = (await compareSolvers(input)).rows[0].sliced_w1;
    const fromSource = (await compareSolvers({ ...input, source: targetSource })).rows[0].sliced_w1;
    // The source already has the target's law: a zero field leaves it there, while N(0, I) is ~1.5 away.
    expect(fromSource).toBeLessThan(0.15);
    expect(fromGaussian).toBeGreaterThan(0.5);
  });
});

