import { describeNative } from './test-utils/describe-native.js';
import { threadsNote } from '../backends/threads-note.js';
import type { ModelSpec } from '@flow-visualizer/core';
import { SMALL_SPEC, regressionBatches } from '@flow-visualizer/core/testing';
import { adamStep } from './adam.js';
import { emaStep } from './ema.js';
import { flatten, flatLayout } from './flat.js';
import { MlpEngine } from './engine.js';
import { NativeSource } from './sources/native-source.js';
import { TfjsSource } from './sources/tfjs-source.js';
import { NativeNet } from './native-net.js';
import { initialState, type MlpState } from './state.js';
import { registerTfBackend, useTfBackend } from '../backends/tfjs-runtime.js';

const spec = { ...SMALL_SPEC, hiddenDims: [48, 40], emaDecay: 0.99 };

/** The engine on the C addon, its batches in `parts` over a pool of `threads`. */
const nativeEngine = (s: ModelSpec, state: MlpState, parts: number, threads: number) => new MlpEngine(s, state, new NativeSource(s, { parts, threads }));

/** Losses of `steps` steps and the final flat parameters, Adam moments and average. */
async function train(parts: number, threads: number, steps = 12) {
  const engine = nativeEngine(spec, initialState(spec), parts, threads);
  const losses: number[] = [];
  for (const b of regressionBatches(steps, 150)) losses.push(await engine.trainStep(b.x, b.t, b.target));
  const s = await engine.readState();
  const layout = flatLayout(spec);
  engine.dispose();
  return { losses, params: flatten(layout, s.params), m: flatten(layout, s.m), v: flatten(layout, s.v), ema: flatten(layout, s.ema!) };
}

describeNative('the native engine', () => {
  it('gives the same numbers for the same number of parts, however many threads compute them', async () => {
    const two = await train(2, 2);
    expect(await train(2, 2)).toEqual(two); // run to run
    expect(await train(2, 1)).toEqual(two); // the parts one after another on one thread
    const three = await train(3, 2);
    expect(await train(3, 3)).toEqual(three);
    // Another split sums in another order: close, and that is all.
    expect(Math.abs(three.losses[11] / two.losses[11] - 1)).toBeLessThan(1e-3);
  });

  it("runs Adam and the moving average in C (float32, as PyTorch) with the JavaScript rule's results to float rounding", async () => {
    const engine = nativeEngine(spec, initialState(spec), 1, 1);
    const net = new NativeNet(spec);
    const layout = flatLayout(spec);
    const init = initialState(spec);
    const p = flatten(layout, init.params), m = new Float32Array(layout.total), v = new Float32Array(layout.total), ema = p.slice();
    const g = new Float32Array(layout.total);
    const bs = regressionBatches(5, 100);
    for (let step = 1; step <= bs.length; step++) {
      const b = bs[step - 1];
      net.lossAndGrad(p, b.x, b.t, b.target, 2 / (b.t.length * 2), g);
      adamStep(p, m, v, g, step, spec.learningRate);
      emaStep(ema, p, spec.emaDecay, step);
      await engine.trainStep(b.x, b.t, b.target);
    }
    const s = await engine.readState();
    // Largest difference relative to the array's scale: a few float32 ulps after 5 steps (a wrong rule is off by
    // far more: e.g. without bias correction the first steps move 10× too little).
    const close = (a: Float32Array, b: Float32Array) => {
      const scale = Math.max(...b.map(Math.abs));
      return Math.max(...a.map((x, i) => Math.abs(x - b[i]))) / scale;
    };
    expect(close(flatten(layout, s.params), p)).toBeLessThan(1e-6);
    expect(close(flatten(layout, s.m), m)).toBeLessThan(1e-5);
    expect(close(flatten(layout, s.v), v)).toBeLessThan(1e-5);
    expect(close(flatten(layout, s.ema!), ema)).toBeLessThan(1e-6);
    expect(flatten(layout, s.params)).not.toEqual(flatten(layout, init.params));
    engine.dispose();
  });

  it('predicts the same on one thread as spread over several', async () => {
    const x = regressionBatches(1, 3000)[0].x;
    const one = nativeEngine(spec, initialState(spec), 2, 1);
    const many = nativeEngine(spec, initialState(spec), 2, 3);
    const t = new Float32Array(3000).map((_, i) => (i % 17) / 17);
    expect(await many.predict(x, 0.25)).toEqual(await one.predict(x, 0.25));
    expect(await many.predict(x, t)).toEqual(await one.predict(x, t));
    one.dispose();
    many.dispose();
  });

  it('says how it uses the cores, and follows FV_THREADS', () => {
    const saved = process.env.FV_THREADS;
    try {
      process.env.FV_THREADS = '3';
      expect(threadsNote('native')).toBe('each batch in 3 parts on up to 3 threads, sampling on up to 3 (1 or all, whichever runs faster here, measured as it goes; FV_THREADS=<n> to change)');
      process.env.FV_THREADS = '1';
      expect(threadsNote('native')).toBe('each batch in 1 part on 1 thread, sampling on 1 (FV_THREADS=<n> to change)');
      delete process.env.FV_THREADS;
      expect(threadsNote('native')).toMatch(/^each batch in 2 parts on (1 thread|up to 2 threads), sampling on /);
    } finally {
      if (saved === undefined) delete process.env.FV_THREADS;
      else process.env.FV_THREADS = saved;
    }
  });
  // Clipping and weight decay need the step's whole gradient before Adam, so the engine cannot take its one-call
  // step then: a stale gradient would clip and decay the wrong numbers and drift from every other engine.
  it.each(['adam', 'adamw'] as const)('with clipping, weight decay and a schedule (%s) it takes the steps the JavaScript engine takes', async (kind) => {
    const o = { ...spec, optimizer: { kind, weightDecay: 0.1, gradClip: 0.05, schedule: 'linear_decay' as const, warmupSteps: 2, totalSteps: 8 } };
    const native = nativeEngine(o, initialState(o), 2, 2);
    await registerTfBackend('cpu', () => import('@tensorflow/tfjs-backend-cpu'));
    await useTfBackend('cpu');
    const js = new MlpEngine(o, initialState(o), await TfjsSource.create(o, 'cpu'));
    for (const b of regressionBatches(8, 150)) {
      const [a, c] = [await native.trainStep(b.x, b.t, b.target), await js.trainStep(b.x, b.t, b.target)];
      expect(Math.abs(a / c - 1)).toBeLessThan(1e-4);
    }
    const layout = flatLayout(o);
    const [pn, pj] = [flatten(layout, (await native.readState()).params), flatten(layout, (await js.readState()).params)];
    let worst = 0;
    for (let i = 0; i < pn.length; i++) worst = Math.max(worst, Math.abs(pn[i] - pj[i]));
    expect(worst).toBeLessThan(1e-4);
    native.dispose();
    js.dispose();
  });
});
