/**
 * The C kernels compiled to WebAssembly (wasm/*.c, scripts/build-wasm.mjs) give the CLI's engine's numbers: the
 * same training step as the native addon (fv_step.c, fv_mlp_*.c), its Adam bit for bit (fv_adam.c, IEEE without
 * fused operations on both), and the rest to float rounding (WebAssembly has no fused multiply-add, the addon's
 * AVX kernels do; SiLU's exp is another polynomial). Node runs the module as a page would (no Node import in it).
 */
import type { ModelSpec } from '@flow-visualizer/core';
import { SMALL_SPEC, regressionBatches } from '@flow-visualizer/core/testing';
import { MlpEngine } from '../model/engine.js';
import { MlpEngineModel } from '../model/engine-model.js';
import { createRng } from '@flow-visualizer/core';
import { flatten, flatLayout } from '../model/flat.js';
import { initialState } from '../model/state.js';
import { NativeSource } from '../model/sources/native-source.js';
import { NativeNet } from '../model/native-net.js';
import { TfjsSource } from '../model/sources/tfjs-source.js';
import { registerTfBackend, useTfBackend } from '../backends/tfjs-runtime.js';
import { tfjsMlpJacobian } from '../model/tfjs-jacobian.js';
import { describeNative } from '../model/test-utils/describe-native.js';
import { adamConstants } from '../model/adam.js';
import type { GradientSource } from '../model/gradient-source.js';
import { fvWasmMissing } from './fv-wasm.js';
import { WasmNet } from './wasm-net.js';
import { WasmSource } from './wasm-source.js';
import { nodeSpawner } from './test-utils/node-spawner.js';
import { describeWasm } from './test-utils/describe-wasm.js';

const spec: ModelSpec = { ...SMALL_SPEC, hiddenDims: [48, 40], emaDecay: 0.99 };

async function train(source: GradientSource, steps = 12, s: ModelSpec = spec) {
  const engine = new MlpEngine(s, initialState(s), source);
  const losses: number[] = [];
  for (const b of regressionBatches(steps, 150)) losses.push(await engine.trainStep(b.x, b.t, b.target));
  const x = Float32Array.from({ length: 40 }, (_, i) => Math.sin(i) * 1.5);
  const predicted = await engine.predict(x, Float32Array.from({ length: 20 }, (_, i) => i / 19));
  const at = await engine.predict(x, 0.3);
  const st = await engine.readState();
  engine.dispose();
  const layout = flatLayout(s);
  return { losses, predicted, at, params: flatten(layout, st.params), ema: flatten(layout, st.ema!) };
}

const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
const maxRel = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i]) / Math.abs(b[i])));

describeWasm('the WebAssembly kernels', () => {
  it('give the same numbers run to run, and depend on the part count only as a sum order does', async () => {
    const a = await train(await WasmSource.create(spec, 2));
    expect(await train(await WasmSource.create(spec, 2))).toEqual(a);
    const three = await train(await WasmSource.create(spec, 3));
    expect(three.losses).not.toEqual(a.losses);
    expect(maxRel(three.losses, a.losses)).toBeLessThan(1e-5);
  });

  it('give the same numbers on a pool of 2 or 3 threads (the threaded module on a shared memory) as on one', async () => {
    const one = await train(await WasmSource.create(spec, 2));
    const src2 = await WasmSource.create(spec, 2, { threads: 2, spawn: nodeSpawner });
    expect(src2.threadsChosen.pool).toBe(2);
    expect(await train(src2)).toEqual(one);
    expect(await train(await WasmSource.create(spec, 2, { threads: 3, spawn: nodeSpawner }))).toEqual(one);
    // Large predictions go over the pool in blocks of rows: the same floats as one thread's.
    const big = Float32Array.from({ length: 2 * 9000 }, (_, i) => Math.cos(i * 0.01));
    const st = await WasmSource.create(spec), mt = await WasmSource.create(spec, 2, { threads: 2, spawn: nodeSpawner });
    const w = flatten(flatLayout(spec), initialState(spec).params);
    expect(await mt.forward(w, big, 0.4)).toEqual(await st.forward(w, big, 0.4));
    mt.dispose();
  });

  it('share one instance (and pool) between models, each giving its memory back when disposed', async () => {
    const sizes: number[] = [];
    for (let i = 0; i < 12; i++) {
      const net = await WasmNet.create(spec, { threads: 2, spawn: nodeSpawner });
      const w = flatten(flatLayout(spec), initialState(spec).params);
      net.forward(w, new Float32Array(2 * 5000), 0.5);
      sizes.push((net as unknown as { w: { memory: { buffer: ArrayBuffer } } }).w.memory.buffer.byteLength);
      net.dispose();
      expect(() => net.forward(w, new Float32Array(2), 0.5)).toThrow(/disposed/);
    }
    // The same blocks serve the next model: the memory stops growing after the first.
    expect(new Set(sizes.slice(1)).size).toBe(1);
    expect(sizes.at(-1)).toBe(sizes[0]);
  });

  it("train as the JavaScript reference (tfjs' cpu backend, the engine's Adam in doubles) to float rounding", async () => {
    await registerTfBackend('cpu', () => import('@tensorflow/tfjs-backend-cpu'));
    const ref = await train(await TfjsSource.create(spec, 'cpu'));
    const w = await train(await WasmSource.create(spec));
    // Measured ~1e-7 relative; a wrong term (a missing bias gradient, Adam's bias correction) is off by > 1e-3.
    expect(maxRel(w.losses, ref.losses)).toBeLessThan(1e-5);
    expect(maxDiff(w.params, ref.params)).toBeLessThan(1e-5);
    expect(maxDiff(w.ema, ref.ema)).toBeLessThan(1e-5);
    expect(maxDiff(w.predicted, ref.predicted)).toBeLessThan(1e-5);
    expect(maxDiff(w.at, ref.at)).toBeLessThan(1e-5);
  });

  it("give a conditional model's Jacobian (rows [x, c], tangents along x only) as tfjs computes it", async () => {
    const cs: ModelSpec = { ...spec, condDim: 3 };
    const src = await WasmSource.create(cs);
    const w = flatten(flatLayout(cs), initialState(cs).params);
    const rows = Float32Array.from({ length: 250 }, (_, i) => Math.sin(i * 0.7));
    const { v, jac } = await src.jacobian(w, rows, 0.6);
    expect(v.length).toBe(100);
    expect(maxDiff(v, await src.forward(w, rows, 0.6))).toBeLessThan(1e-5);
    await registerTfBackend('cpu', () => import('@tensorflow/tfjs-backend-cpu'));
    await useTfBackend('cpu');
    const ref = tfjsMlpJacobian(cs, flatLayout(cs), w, rows, 0.6);
    expect(maxDiff(jac, ref.jac)).toBeLessThan(1e-5);
    expect(maxDiff(jac, new Float32Array(jac.length))).toBeGreaterThan(1e-2);
  });

  it("give the likelihood's Jacobian (native/fv_jacobian.c in the module) as tfjs computes it, and at the kernels' v(x, t)", async () => {
    const src = await WasmSource.create(spec);
    const w = flatten(flatLayout(spec), initialState(spec).params);
    const x = Float32Array.from({ length: 300 }, (_, i) => Math.sin(i * 0.7));
    const { v, jac } = await src.jacobian(w, x, 0.6);
    const fwd = await src.forward(w, x, 0.6);
    expect(maxDiff(v, fwd)).toBeLessThan(1e-5);
    await registerTfBackend('cpu', () => import('@tensorflow/tfjs-backend-cpu'));
    await useTfBackend('cpu');
    const ref = tfjsMlpJacobian(spec, flatLayout(spec), w, x, 0.6);
    expect(maxDiff(jac, ref.jac)).toBeLessThan(1e-5);
    expect(maxDiff(v, ref.v)).toBeLessThan(1e-5);
    // Rows in blocks over a pool: the same floats.
    const pooled = await WasmSource.create(spec, 2, { threads: 2, spawn: nodeSpawner });
    expect(await pooled.jacobian(w, x, 0.6)).toEqual({ v, jac });
    expect(maxDiff(jac, new Float32Array(jac.length))).toBeGreaterThan(1e-2);
    // ∂v/∂x against central differences of the kernels' forward pass (float32: a loose but telling tolerance).
    const h = 1e-2, d = 2;
    for (const [i, j] of [[0, 0], [3, 1], [7, 0]]) {
      const xp = x.slice(), xm = x.slice();
      xp[i * d + j] += h;
      xm[i * d + j] -= h;
      const [fp, fm] = [await src.forward(w, xp, 0.6), await src.forward(w, xm, 0.6)];
      for (let o = 0; o < d; o++) expect(Math.abs(jac[i * d * d + o * d + j] - (fp[i * d + o] - fm[i * d + o]) / (2 * h))).toBeLessThan(2e-3);
    }
  });

  it('train a conditional MLP ([x, c] rows, the studio\'s wasm-c) as the JavaScript reference, its prediction depending on c', async () => {
    const cs: ModelSpec = { ...spec, condDim: 2 };
    await registerTfBackend('cpu', () => import('@tensorflow/tfjs-backend-cpu'));
    const run = async (source: GradientSource) => {
      const m = new MlpEngineModel('test', cs, new MlpEngine(cs, initialState(cs), source));
      const rng = createRng(4, 'conditions');
      const losses: number[] = [];
      for (const b of regressionBatches(8, 120)) losses.push(await m.trainStep({ ...b, c: rng.fillNormal(new Float32Array(b.t.length * 2)) }));
      const x = Float32Array.from({ length: 40 }, (_, i) => Math.sin(i) * 1.5), c = rng.fillNormal(new Float32Array(40));
      const v = await m.predict(x, 0.3, c), other = await m.predict(x, 0.3, c.map((z) => -z));
      m.dispose();
      return { losses, v, other };
    };
    const ref = await run(await TfjsSource.create(cs, 'cpu'));
    const w = await run(await WasmSource.create(cs));
    expect(w.v).toHaveLength(40);
    expect(maxRel(w.losses, ref.losses)).toBeLessThan(1e-5);
    expect(maxDiff(w.v, ref.v)).toBeLessThan(1e-5);
    expect(maxDiff(w.v, w.other)).toBeGreaterThan(1e-3);
  });

  it('take a step without clipping in one call, and one with clipping and weight decay as gradient then Adam', async () => {
    const clipped: ModelSpec = { ...spec, optimizer: { kind: 'adamw', weightDecay: 0.01, gradClip: 0.5, schedule: 'cosine', warmupSteps: 2, totalSteps: 6 } };
    await registerTfBackend('cpu', () => import('@tensorflow/tfjs-backend-cpu'));
    const ref = await train(await TfjsSource.create(clipped, 'cpu'), 6, clipped);
    const w = await train(await WasmSource.create(clipped), 6, clipped);
    expect(maxRel(w.losses, ref.losses)).toBeLessThan(1e-5);
    expect(maxDiff(w.params, ref.params)).toBeLessThan(1e-5);
  });
});

// Both built: the addon (gcc) and the module (clang); otherwise describeNative or describeWasm above says why.
(fvWasmMissing() ? describe.skip : describeNative)('the WebAssembly kernels against the native addon', () => {
  it('train as the addon with the same part count (the CLI: 2) to float rounding', async () => {
    const n = await train(new NativeSource(spec, { parts: 2, threads: 1 }));
    const w = await train(await WasmSource.create(spec, 2));
    expect(maxRel(w.losses, n.losses)).toBeLessThan(1e-5);
    expect(maxDiff(w.params, n.params)).toBeLessThan(1e-5);
    expect(maxDiff(w.predicted, n.predicted)).toBeLessThan(1e-5);
  });

  it("run the addon's Adam and moving average bit for bit", async () => {
    const layout = flatLayout(spec);
    const init = flatten(layout, initialState(spec).params);
    const g = Float32Array.from({ length: layout.total }, (_, i) => Math.sin(i * 0.37) * 1e-2);
    const k = new Float64Array(7);
    const wasm = await WasmNet.create(spec);
    const addon = new NativeNet(spec).addon;
    const state = () => ({ p: init.slice(), m: new Float32Array(layout.total), v: new Float32Array(layout.total), ema: init.slice() });
    const a = state(), b = state();
    for (let step = 1; step <= 5; step++) {
      adamConstants(step, 3e-3, k);
      wasm.adam(a.p, a.m, a.v, g, k, a.ema, 0.05);
      addon.adam(b.p, b.m, b.v, g, k, b.ema, 0.05);
    }
    expect(a).toEqual(b);
    expect(maxDiff(a.p, init)).toBeGreaterThan(1e-3);
  });
});
