/**
 * Random Fourier features of x (model.fourier_features): every backend reads the same feature rows, so the C addon,
 * the WebAssembly module and tfjs (the reference) train and predict alike; the Jacobian carries the features'
 * derivative (the chain rule) and matches central differences; a saved model reloads with its B and the same field.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRng, type ModelSpec, type VelocityModel } from '@flow-visualizer/core';
import { SMALL_SPEC, regressionBatches } from '@flow-visualizer/core/testing';
import { registerTfBackend } from '../backends/tfjs-runtime.js';
import { nativeBackend } from '../backends/native-backend.js';
import { cpuBackend } from '../backends/tfjs-backends.js';
import { WasmSource } from '../wasm/wasm-source.js';
import { fvWasmMissing } from '../wasm/fv-wasm.js';
import { MlpEngine } from './engine.js';
import { MlpEngineModel } from './engine-model.js';
import { fourierRows, fourierTangents } from './fourier-features.js';
import { addonPath } from './native-net.js';
import { NativeSource } from './sources/native-source.js';
import { TfjsSource } from './sources/tfjs-source.js';
import type { GradientSource } from './gradient-source.js';
import { checkSpec } from './spec.js';
import { initialState } from './state.js';

const b = Array.from(createRng(3, 'fourier').fillNormal(new Float32Array(12), 0, 0.8));
const spec: ModelSpec = { ...SMALL_SPEC, hiddenDims: [48, 40], emaDecay: 0.99, fourier: { features: 6, scale: 0.8, b } };

type Make = () => Promise<GradientSource>;
const sources: [string, Make][] = [
  ['tfjs cpu', async () => {
    await registerTfBackend('cpu', () => import('@tensorflow/tfjs-backend-cpu'));
    return TfjsSource.create(spec, 'cpu');
  }],
  ...(addonPath() ? [['native', async () => new NativeSource(spec, { parts: 1, threads: 1 })] as [string, Make]] : []),
  ...(!fvWasmMissing() ? [['wasm-c', async () => WasmSource.create(spec)] as [string, Make]] : []),
];

const modelOn = async (name: string, make: Make) => new MlpEngineModel(name, spec, new MlpEngine(spec, initialState(spec), await make()));

/** Losses of 12 steps, then predictions at a time per point and at one time for all. */
async function trainAndPredict(m: VelocityModel) {
  const losses: number[] = [];
  for (const batch of regressionBatches(12, 150)) losses.push(await m.trainStep(batch));
  const x = Float32Array.from({ length: 40 }, (_, i) => Math.sin(i) * 1.5);
  return { losses, perPoint: await m.predict(x, Float32Array.from({ length: 20 }, (_, i) => i / 19)), atOnce: await m.predict(x, 0.3) };
}

const maxDiff = (a: ArrayLike<number>, c: ArrayLike<number>) => Math.max(...Array.from(a, (v, i) => Math.abs(v - c[i])));

describe('random Fourier features of x', () => {
  it('feed the net [x, sin(2π·B·x), cos(2π·B·x)], and their tangents are that row\'s derivative along x', () => {
    const x = Float32Array.from([0.3, -0.7]);
    const row = fourierRows(spec, x);
    expect(row.length).toBe(2 + 12);
    expect(Array.from(row.subarray(0, 2))).toEqual([Math.fround(0.3), Math.fround(-0.7)]);
    const a = 2 * Math.PI * (b[2 * 4] * x[0] + b[2 * 4 + 1] * x[1]);
    expect(row[2 + 4]).toBeCloseTo(Math.sin(a), 6);
    expect(row[2 + 6 + 4]).toBeCloseTo(Math.cos(a), 6);
    const h = 1e-3, tan = fourierTangents(spec, x);
    for (let j = 0; j < 2; j++) {
      const xp = x.slice(), xm = x.slice();
      xp[j] += h;
      xm[j] -= h;
      const rp = fourierRows(spec, xp), rm = fourierRows(spec, xm);
      for (let k = 0; k < 14; k++) expect(Math.abs(tan[j * 14 + k] - (rp[k] - rm[k]) / (2 * h))).toBeLessThan(2e-3);
    }
  });

  it('are refused on the residual nets and with a B of the wrong size, naming the key', () => {
    expect(() => checkSpec({ ...spec, architecture: 'resmlp', width: 12, nBlocks: 2 })).toThrow(/model\.fourier_features needs architecture mlp/);
    expect(() => checkSpec({ ...spec, fourier: { features: 6, scale: 0.8, b: b.slice(1) } })).toThrow(/Fourier frequencies B must be 6×2/);
  });

  it(`train and predict alike on ${sources.map(([n]) => n).join(', ')} (the same loss and output to float rounding)`, async () => {
    const results = [];
    for (const [name, make] of sources) {
      const m = await modelOn(name, make);
      results.push(await trainAndPredict(m));
      m.dispose();
    }
    const [ref, ...rest] = results;
    // The features matter: the same net without them trains to other numbers.
    const plainSpec = { ...spec, fourier: undefined };
    await registerTfBackend('cpu', () => import('@tensorflow/tfjs-backend-cpu'));
    const plain = new MlpEngineModel('cpu', plainSpec, new MlpEngine(plainSpec, initialState(plainSpec), await TfjsSource.create(plainSpec, 'cpu')));
    expect(maxDiff((await trainAndPredict(plain)).perPoint, ref.perPoint)).toBeGreaterThan(1e-3);
    plain.dispose();
    for (const r of rest) {
      expect(maxDiff(r.losses, ref.losses)).toBeLessThan(1e-5 * Math.max(...ref.losses));
      expect(maxDiff(r.perPoint, ref.perPoint)).toBeLessThan(1e-5);
      expect(maxDiff(r.atOnce, ref.atOnce)).toBeLessThan(1e-5);
    }
  });

  const pts = Float32Array.from([0.3, -0.7, 1.2, 0.4, -1.5, -0.2, 0.05, 1.9, -0.8, 0.6]);

  it.each(sources)("give %s's Jacobian through the features: central differences of its prediction", async (name, make) => {
    const m = await modelOn(name, make);
    for (const batch of regressionBatches(10, 150)) await m.trainStep(batch);
    const { v, jac } = await m.jacobian!(pts, 0.37);
    expect(maxDiff(v, await m.predict(pts, 0.37))).toBeLessThan(1e-5);
    const h = 2e-3;
    let worst = 0;
    for (let j = 0; j < 2; j++) {
      const plus = Float32Array.from(pts), minus = Float32Array.from(pts);
      for (let p = 0; p < pts.length / 2; p++) { plus[2 * p + j] += h; minus[2 * p + j] -= h; }
      const vp = await m.predict(plus, 0.37), vm = await m.predict(minus, 0.37);
      for (let p = 0; p < pts.length / 2; p++) for (let k = 0; k < 2; k++) {
        const fd = (vp[2 * p + k] - vm[2 * p + k]) / (2 * h);
        worst = Math.max(worst, Math.abs(jac[4 * p + 2 * k + j] - fd) / (1 + Math.abs(fd)));
      }
    }
    // Leaving out the features' derivative (x's own column only) is off by far more than this.
    expect(worst).toBeLessThan(5e-3);
    m.dispose();
  });

  it('reload from a saved model with their B: the same field, on native and on tfjs', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fv-fourier-'));
    try {
      const make = addonPath() ? nativeBackend : cpuBackend;
      const m = await make().createModel(spec);
      for (const batch of regressionBatches(5, 150)) await m.trainStep(batch);
      const before = await m.predict(pts, 0.5);
      await m.save(dir);
      const saved = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8'));
      expect(saved.modelTopology.config.fourier).toEqual({ features: 6, scale: 0.8, b });
      const again = await make().loadModel(dir);
      expect(again.spec.fourier).toEqual(spec.fourier);
      expect(await again.predict(pts, 0.5)).toEqual(before);
      const onTfjs = await cpuBackend().loadModel(dir);
      expect(maxDiff(await onTfjs.predict(pts, 0.5), before)).toBeLessThan(1e-5);
      for (const x of [m, again, onTfjs]) x.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
