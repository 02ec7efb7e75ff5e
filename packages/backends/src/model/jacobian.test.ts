import type { ModelSpec, VelocityBackend, VelocityModel } from '@flow-visualizer/core';
import { cpuBackend, wasmBackend } from '../backends/tfjs-backends.js';
import { nativeBackend } from '../backends/native-backend.js';
import { addonPath } from './native-net.js';

// The analytic Jacobian (forward-mode tangents) of every backend: it matches central differences of the model's
// own prediction (a test-only check: likelihood never uses differences), and cpu, wasm and native agree.

const spec: ModelSpec = { dataDim: 2, timeEmbedDim: 8, hiddenDims: [24, 16], learningRate: 1e-2, seed: 5, emaDecay: 0.9 };
const backends: [string, () => VelocityBackend][] = [['cpu', cpuBackend], ['wasm', wasmBackend], ...(addonPath() ? [['native', nativeBackend] as [string, () => VelocityBackend]] : [])];

/** A model moved off its initial weights by a few steps, so that every layer matters. */
async function trained(make: () => VelocityBackend): Promise<VelocityModel> {
  const m = await make().createModel(spec);
  const n = 64, x = new Float32Array(2 * n), t = new Float32Array(n), y = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    x[2 * i] = Math.sin(i); x[2 * i + 1] = Math.cos(3 * i); t[i] = (i % 7) / 7;
    y[2 * i] = -x[2 * i + 1]; y[2 * i + 1] = x[2 * i] * x[2 * i];
  }
  for (let s = 0; s < 20; s++) await m.trainStep({ x, t, target: y });
  return m;
}

const pts = Float32Array.from([0.3, -0.7, 1.2, 0.4, -1.5, -0.2, 0.05, 1.9, -0.8, 0.6]);

describe.each(backends)('the %s backend\'s Jacobian', (_name, make) => {
  it('equals central differences of its prediction, and its v is predict\'s', async () => {
    const m = await trained(make);
    const { v, jac } = await m.jacobian!(pts, 0.37);
    const pred = await m.predict(pts, 0.37);
    for (let i = 0; i < v.length; i++) expect(v[i]).toBeCloseTo(pred[i], 5);
    const h = 1e-2;
    for (let j = 0; j < 2; j++) {
      const plus = Float32Array.from(pts), minus = Float32Array.from(pts);
      for (let p = 0; p < pts.length / 2; p++) { plus[2 * p + j] += h; minus[2 * p + j] -= h; }
      const vp = await m.predict(plus, 0.37), vm = await m.predict(minus, 0.37);
      for (let p = 0; p < pts.length / 2; p++) for (let k = 0; k < 2; k++) {
        const fd = (vp[2 * p + k] - vm[2 * p + k]) / (2 * h);
        expect(Math.abs(jac[4 * p + 2 * k + j] - fd)).toBeLessThan(2e-3 * (1 + Math.abs(fd)));
      }
    }
    // Nothing left on the tfjs backends.
    const before = m.numTensors();
    await m.jacobian!(pts, 0.9);
    expect(m.numTensors()).toBe(before);
    m.dispose();
  });
});

it('cpu, wasm and native give the same v and Jacobian to float rounding', async () => {
  const results = [];
  for (const [, make] of backends) {
    const m = await trained(make);
    results.push(await m.jacobian!(pts, 0.61));
    m.dispose();
  }
  for (const r of results.slice(1)) {
    for (let i = 0; i < r.v.length; i++) expect(Math.abs(r.v[i] - results[0].v[i])).toBeLessThan(1e-4);
    for (let i = 0; i < r.jac.length; i++) expect(Math.abs(r.jac[i] - results[0].jac[i])).toBeLessThan(1e-4);
  }
});

// A conditional model's Jacobian is along x with each point's condition held: the condition's rows of the first
// layer enter the activations but carry no tangent. Checked against differences of predict(x, t, c) itself.
const condSpec: ModelSpec = { ...spec, condDim: 2 };
// With Fourier features too: the row is [x, sin 2πBx, cos 2πBx, c], the seeds carry the features' derivative.
const condFourierSpec: ModelSpec = { ...condSpec, fourier: { features: 3, scale: 1, b: [0.7, -0.4, 1.3, 0.2, -0.9, 0.5] } };
const cond = Float32Array.from([1, 0, 0, 1, 1, 0, 0, 0, 0.5, -0.5]);
const condCases = backends.flatMap(([name, make]) => [[name, 'plain', make, condSpec], [name, 'with Fourier features', make, condFourierSpec]] as [string, string, () => VelocityBackend, ModelSpec][]);

describe.each(condCases)('the %s backend\'s conditional Jacobian (%s)', (_name, _kind, make, cspec) => {
  it('equals central differences of predict(x, t, c) with c held, and changes with c', async () => {
    const m = await make().createModel(cspec);
    const { v, jac } = await m.jacobian!(pts, 0.44, cond);
    const pred = await m.predict(pts, 0.44, cond);
    for (let i = 0; i < v.length; i++) expect(v[i]).toBeCloseTo(pred[i], 5);
    const h = 1e-2;
    for (let j = 0; j < 2; j++) {
      const plus = Float32Array.from(pts), minus = Float32Array.from(pts);
      for (let p = 0; p < pts.length / 2; p++) { plus[2 * p + j] += h; minus[2 * p + j] -= h; }
      const vp = await m.predict(plus, 0.44, cond), vm = await m.predict(minus, 0.44, cond);
      for (let p = 0; p < pts.length / 2; p++) for (let k = 0; k < 2; k++) {
        const fd = (vp[2 * p + k] - vm[2 * p + k]) / (2 * h);
        expect(Math.abs(jac[4 * p + 2 * k + j] - fd)).toBeLessThan(2e-3 * (1 + Math.abs(fd)));
      }
    }
    const other = await m.jacobian!(pts, 0.44, cond.map((c) => 1 - c));
    expect(other.jac.some((x, i) => Math.abs(x - jac[i]) > 1e-4)).toBe(true);
    m.dispose();
  });
});

it('cpu, wasm and native give the same conditional Jacobian to float rounding', async () => {
  const results = [];
  for (const [, make] of backends) {
    const m = await make().createModel(condSpec);
    results.push(await m.jacobian!(pts, 0.61, cond));
    m.dispose();
  }
  for (const r of results.slice(1)) {
    for (let i = 0; i < r.jac.length; i++) expect(Math.abs(r.jac[i] - results[0].jac[i])).toBeLessThan(1e-4);
  }
});
