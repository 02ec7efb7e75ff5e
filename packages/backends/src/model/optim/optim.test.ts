import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ModelSpec, OptimizerSpec } from '@flow-visualizer/core';
import { wasmBackend } from '../../backends/tfjs-backends.js';
import { flatLayout, flatten } from '../flat.js';
import { createTfjsNet } from '../nets.js';
import { initialState } from '../state.js';
import { loadMlp } from '../store.js';
import { RES_SPEC, SMALL_SPEC, regressionBatches } from '@flow-visualizer/core/testing';
import { decayRanges } from './decay-ranges.js';
import { learningRateAt } from './schedule.js';
import { optimizerStep } from './step.js';

/**
 * PyTorch's rules written out again in float64 for a list of parameter arrays, from the documentation of
 * clip_grad_norm_, Adam (weight_decay: g += wd·p), AdamW (p *= 1 − lr·wd) and a LambdaLR schedule, for checking
 * the flat float32 implementation against.
 */
function referenceSteps(
  params: number[][], grads: (p: number[][], step: number) => number[][], decays: boolean[], lr0: number, o: OptimizerSpec, steps: number,
): number[][] {
  const p = params.map((a) => [...a]);
  const m = p.map((a) => a.map(() => 0)), v = p.map((a) => a.map(() => 0));
  for (let k = 1; k <= steps; k++) {
    let g = grads(p, k).map((a) => [...a]);
    if (o.gradClip > 0) {
      const norm = Math.sqrt(g.flat().reduce((s, x) => s + x * x, 0));
      const c = o.gradClip / (norm + 1e-6);
      if (c < 1) g = g.map((a) => a.map((x) => x * c));
    }
    // The schedule by its definition: warm-up k/W, then the fraction of the post-warm-up span done before this step.
    let lr: number;
    if (k <= o.warmupSteps) lr = (lr0 * k) / o.warmupSteps;
    else {
      const frac = Math.min(1, (k - 1 - o.warmupSteps) / (o.totalSteps - o.warmupSteps));
      lr = o.schedule === 'constant' ? lr0 : o.schedule === 'linear_decay' ? lr0 * (1 - frac) : lr0 * 0.5 * (1 + Math.cos(Math.PI * frac));
    }
    for (let a = 0; a < p.length; a++) {
      for (let i = 0; i < p[a].length; i++) {
        let gi = g[a][i];
        if (decays[a] && o.kind === 'adam') gi += o.weightDecay * p[a][i];
        if (decays[a] && o.kind === 'adamw') p[a][i] *= 1 - lr * o.weightDecay;
        m[a][i] = 0.9 * m[a][i] + 0.1 * gi;
        v[a][i] = 0.999 * v[a][i] + 0.001 * gi * gi;
        const mh = m[a][i] / (1 - 0.9 ** k), vh = v[a][i] / (1 - 0.999 ** k);
        p[a][i] -= (lr * mh) / (Math.sqrt(vh) + 1e-8);
      }
    }
  }
  return p;
}

describe('learning-rate schedules', () => {
  const o = (schedule: OptimizerSpec['schedule'], warmupSteps = 0): OptimizerSpec => ({ kind: 'adam', weightDecay: 0, gradClip: 0, schedule, warmupSteps, totalSteps: 10 });
  it('warm up linearly, then stay, decay linearly or by a half cosine (numbers worked out by hand)', () => {
    const at = (spec: OptimizerSpec, steps: number[]) => steps.map((s) => learningRateAt(0.1, spec, s));
    expect(at(o('constant', 4), [1, 2, 4, 5, 10])).toEqual([0.025, 0.05, 0.1, 0.1, 0.1]);
    // linear over 10 steps: step k takes 0.1·(1 − (k−1)/10)
    at(o('linear_decay'), [1, 2, 6, 10]).forEach((v, i) => expect(v).toBeCloseTo([0.1, 0.09, 0.05, 0.01][i], 12));
    // after 2 warm-up steps the span is 8: step 3 full, step 7 half way (cos π/2 = 0 → 0.05), step 10 at 7/8
    at(o('cosine', 2), [1, 2, 3, 7, 10]).forEach((v, i) => expect(v).toBeCloseTo([0.05, 0.1, 0.1, 0.05, 0.05 * (1 + Math.cos((7 * Math.PI) / 8))][i], 12));
    expect(learningRateAt(0.1, undefined, 1234)).toBe(0.1);
  });
});

describe('optimizer step', () => {
  // A "kernel" (decayed) and a "bias" (not), with gradients that change each step.
  const spec = (o: OptimizerSpec): ModelSpec => ({ dataDim: 2, timeEmbedDim: 2, hiddenDims: [1], learningRate: 0.01, seed: 0, optimizer: o });
  const p0 = [[0.5, -1.5, 2.0, 0.25], [0.3, -0.7]];
  const gradAt = (_p: number[][], k: number) => [[0.4 * k, -2.0, 1.0 / k, 3.0], [-0.5, 0.1 * k]];
  const cases: OptimizerSpec[] = [
    { kind: 'adamw', weightDecay: 0.1, gradClip: 1.0, schedule: 'linear_decay', warmupSteps: 2, totalSteps: 5 },
    { kind: 'adam', weightDecay: 0.1, gradClip: 0, schedule: 'cosine', warmupSteps: 0, totalSteps: 5 },
    { kind: 'adam', weightDecay: 0, gradClip: 2.5, schedule: 'constant', warmupSteps: 1, totalSteps: 5 },
  ];
  it.each(cases)('matches the float64 reference over 5 steps: %o', (o) => {
    const params = Float32Array.from(p0.flat()), m = new Float32Array(6), v = new Float32Array(6), grad = new Float32Array(6);
    for (let k = 1; k <= 5; k++) {
      grad.set(gradAt([], k).flat());
      optimizerStep({ params, m, v, grad }, k, spec(o), [[0, 4]]);
    }
    const want = referenceSteps(p0, gradAt, [true, false], 0.01, o, 5).flat();
    Array.from(params).forEach((x, i) => expect(Math.abs(x - want[i])).toBeLessThan(1e-6));
    // The bias is never decayed: with the same gradients and no decay it ends where the decayed run's bias does.
    const noDecay = referenceSteps(p0, gradAt, [true, false], 0.01, { ...o, weightDecay: 0 }, 5);
    if (o.kind === 'adamw') expect(Math.abs(params[4] - noDecay[1][0])).toBeLessThan(1e-6);
  });

  it('decays kernels only: every 2-D array of the residual MLP and the MLP, no bias', () => {
    const res = flatLayout(RES_SPEC);
    expect(decayRanges(res).map(([a, e]) => [a, e - a])).toEqual([0, 1, 2, 3].map((i) => [res.offsets[i], res.infos[i].size]));
    const mlp = flatLayout(SMALL_SPEC); // dense_0/kernel, dense_0/bias, dense_1/kernel, …
    expect(decayRanges(mlp)).toEqual([0, 2, 4].map((i) => [mlp.offsets[i], mlp.offsets[i] + mlp.infos[i].size]));
  });
});

describe('the engine applies the optimiser as the reference does', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(path.join(tmpdir(), 'fv-optim-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('wasm, residual MLP, AdamW + clipping + warm-up + cosine: 4 steps land where the float64 reference does', async () => {
    const o: OptimizerSpec = { kind: 'adamw', weightDecay: 0.2, gradClip: 0.3, schedule: 'cosine', warmupSteps: 2, totalSteps: 6 };
    const spec: ModelSpec = { ...RES_SPEC, learningRate: 0.01, optimizer: o };
    const bs = regressionBatches(4, 32, 17);
    const model = await wasmBackend().createModel(spec);
    for (const b of bs) await model.trainStep(b);
    await model.save(path.join(dir, 'm'));
    model.dispose();
    const got = (await loadMlp(path.join(dir, 'm'))).state.params;

    // The reference: gradients from the net at the reference's own parameters, the update in float64.
    const net = await createTfjsNet(spec, 'wasm');
    const init = initialState(spec).params.map((a) => Array.from(a));
    const decays = net.layout.infos.map((p) => p.shape.length === 2);
    const gradAt = (p: number[][], k: number) => {
      const g = new Float32Array(net.layout.total);
      const b = bs[k - 1];
      net.lossAndGrad(flatten(net.layout, p.map((a) => Float32Array.from(a))), b.x, b.t, b.target, 2 / (32 * 2), g);
      return net.layout.infos.map((info, i) => Array.from(g.subarray(net.layout.offsets[i], net.layout.offsets[i] + info.size)));
    };
    const want = referenceSteps(init, gradAt, decays, 0.01, o, 4);
    net.dispose();
    let worst = 0;
    got.forEach((a, i) => a.forEach((x, j) => (worst = Math.max(worst, Math.abs(x - want[i][j])))));
    expect(worst).toBeLessThan(2e-6);
    // and it moved: clipping and decay did not freeze it
    expect(got[3].some((x) => Math.abs(x) > 1e-3)).toBe(true);
  });
});
