import { jest } from '@jest/globals';
import type { ModelSpec } from '@flow-visualizer/core';
import { RES_SPEC, SMALL_SPEC, regressionBatches as batches } from '@flow-visualizer/core/testing';
import { registerTfBackend, useTfBackend } from '../backends/tfjs-runtime.js';
import { MlpEngine } from './engine.js';
import { flatLayout, flatten } from './flat.js';
import type { GradientSource } from './gradient-source.js';
import { addonPath } from './native-net.js';
import { NativeSource } from './sources/native-source.js';
import { TfjsSource } from './sources/tfjs-source.js';
import { WorkerPoolSource } from './sources/worker-pool-source.js';
import { initialState } from './state.js';

// One engine owns the training state and the optimiser step for every backend; the sources only compute
// gradients. Where two sources do the same maths, the engine must give the same numbers from either.

const spec: ModelSpec = { dataDim: 2, timeEmbedDim: 4, hiddenDims: [16, 12], learningRate: 5e-3, seed: 3, emaDecay: 0.99 };
const withOptimizer: ModelSpec = { ...spec, optimizer: { kind: 'adamw', weightDecay: 0.1, gradClip: 0.05, schedule: 'cosine', warmupSteps: 2, totalSteps: 6 } };

/** Losses of 6 steps, the final flat state and a prediction with the moving average. */
async function trace(engine: MlpEngine) {
  const losses: number[] = [];
  for (const b of batches(6, 80)) losses.push(await engine.trainStep(b.x, b.t, b.target));
  const s = await engine.readState();
  const layout = flatLayout(engine.spec);
  const probe = batches(1, 1200, 9)[0];
  const pred = Array.from(await engine.predict(probe.x, probe.t));
  engine.dispose();
  return { losses, step: s.step, params: flatten(layout, s.params), m: flatten(layout, s.m), v: flatten(layout, s.v), ema: flatten(layout, s.ema!), pred };
}

beforeAll(async () => {
  await registerTfBackend('cpu', () => import('@tensorflow/tfjs-backend-cpu'));
  await useTfBackend('cpu');
});

describe('the one engine', () => {
  it.each([['Adam', spec], ['AdamW, clipping and a schedule', withOptimizer]] as const)(
    'gives bit-identical numbers from tfjs-cpu in this thread and from a worker pool of one part (%s)',
    async (_, s) => {
      const local = await trace(new MlpEngine(s, initialState(s), await TfjsSource.create(s, 'cpu')));
      const pool = await trace(new MlpEngine(s, initialState(s), await WorkerPoolSource.create(s, 'cpu', { chunks: 1 })));
      expect(pool).toEqual(local);
      // Not equal because nothing happened: six steps moved the weights and the average.
      expect(local.step).toBe(6);
      expect(local.params).not.toEqual(flatten(flatLayout(s), initialState(s).params));
      expect(local.ema).not.toEqual(local.params);
    },
  );

  it('refuses a source that declares an optimiser it does not implement', async () => {
    const src = await TfjsSource.create(spec, 'cpu');
    const fake = (optimizer: GradientSource['optimizer'], extra: object = {}) =>
      ({ layout: src.layout, optimizer, lossAndGrad: src.lossAndGrad.bind(src), forward: src.forward.bind(src), numTensors: () => 0, dispose() {}, ...extra }) as GradientSource;
    expect(() => new MlpEngine(spec, initialState(spec), fake('adam'))).toThrow(/declared optimizer 'adam' without adam\(\)/);
    expect(() => new MlpEngine(spec, initialState(spec), fake('fused', { adam() {} }))).toThrow(/'fused' without fusedStep\(\)/);
    src.dispose();
  });

  it('counts a step only once it is taken: a source that fails leaves the state as it was', async () => {
    const source = await TfjsSource.create(spec, 'cpu');
    const engine = new MlpEngine(spec, initialState(spec), source);
    jest.spyOn(source, 'lossAndGrad').mockRejectedValueOnce(new Error('out of memory'));
    const [b] = batches(1, 80);
    await expect(engine.trainStep(b.x, b.t, b.target)).rejects.toThrow('out of memory');
    expect((await engine.readState()).step).toBe(0);
    const fresh = new MlpEngine(spec, initialState(spec), await TfjsSource.create(spec, 'cpu'));
    expect(await engine.trainStep(b.x, b.t, b.target)).toBe(await fresh.trainStep(b.x, b.t, b.target));
    expect(await engine.readState()).toEqual(await fresh.readState());
    engine.dispose();
    fresh.dispose();
  });
});

if (addonPath()) {
  describe('the one engine on the C addon', () => {
    const nspec: ModelSpec = { ...SMALL_SPEC, hiddenDims: [48, 40], emaDecay: 0.99 };

    it('takes a default step in one fused C call, and the same step unfused to float rounding', async () => {
      const fusedSource = new NativeSource(nspec, { parts: 2, threads: 2 });
      expect(fusedSource.optimizer).toBe('fused');
      const calls = { fused: jest.spyOn(fusedSource, 'fusedStep'), grad: jest.spyOn(fusedSource, 'lossAndGrad') };
      const unfusedSource = new NativeSource(nspec, { parts: 2, threads: 2, fuse: false });
      expect(unfusedSource.optimizer).toBe('adam');
      const fused = await trace(new MlpEngine(nspec, initialState(nspec), fusedSource));
      expect(calls.fused).toHaveBeenCalledTimes(6);
      expect(calls.grad).not.toHaveBeenCalled();
      const unfused = await trace(new MlpEngine(nspec, initialState(nspec), unfusedSource));
      fused.losses.forEach((l, i) => expect(Math.abs(l / unfused.losses[i] - 1)).toBeLessThan(1e-6));
      const worst = (a: Float32Array, b: Float32Array) => Math.max(...a.map((x, i) => Math.abs(x - b[i])));
      expect(worst(fused.params, unfused.params)).toBeLessThan(1e-6);
      expect(worst(fused.ema, unfused.ema)).toBeLessThan(1e-6);
    });

    it('does not fuse when clipping or weight decay need the whole gradient first, nor for the residual MLP', async () => {
      const o: ModelSpec = { ...nspec, optimizer: { kind: 'adam', weightDecay: 0.01, gradClip: 0, schedule: 'constant', warmupSteps: 0, totalSteps: 6 } };
      const source = new NativeSource(o, { parts: 2, threads: 1 });
      const calls = { fused: jest.spyOn(source, 'fusedStep'), grad: jest.spyOn(source, 'lossAndGrad'), adam: jest.spyOn(source, 'adam') };
      await trace(new MlpEngine(o, initialState(o), source));
      expect(calls.fused).not.toHaveBeenCalled();
      expect(calls.grad).toHaveBeenCalledTimes(6);
      expect(calls.adam).toHaveBeenCalledTimes(6);
      const res = new NativeSource(RES_SPEC, { parts: 1, threads: 1 });
      expect(res.optimizer).toBe('adam');
      res.dispose();
    });
  });
} else {
  it.skip('native addon not built', () => undefined);
}
