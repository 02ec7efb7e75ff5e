import { createRng, type ModelSpec } from '@flow-visualizer/core';
import { RESNET_SPEC, regressionBatches } from '@flow-visualizer/core/testing';
import { registerTfBackend, useTfBackend } from '../backends/tfjs-runtime.js';
import { flatLayout } from './flat.js';
import { encodeModelFiles, parseModelJson } from './model-files.js';
import { addonPath } from './native-net.js';
import { createNativeNet } from './native-nets.js';
import type { MlpNet } from './net.js';
import { createTfjsNet } from './nets.js';
import { erf64, projResLossF64 } from './proj-resnet-reference.js';
import { initialState } from './state.js';

// model.architecture=resnet: the C2OT playground's network (TfjsProjResNet, NativeProjResNet).
describe('resnet parameters and start', () => {
  it('lists input_proj, time_emb, each block\'s linear1 and linear2, output_proj, each kernel then its bias', () => {
    expect(flatLayout(RESNET_SPEC).infos.map((p) => [p.name, p.shape])).toEqual([
      ['input_proj/kernel', [2, 12]], ['input_proj/bias', [12]], ['time_emb/kernel', [1, 12]], ['time_emb/bias', [12]],
      ['block_0/linear1/kernel', [12, 24]], ['block_0/linear1/bias', [24]], ['block_0/linear2/kernel', [24, 12]], ['block_0/linear2/bias', [12]],
      ['block_1/linear1/kernel', [12, 24]], ['block_1/linear1/bias', [24]], ['block_1/linear2/kernel', [24, 12]], ['block_1/linear2/bias', [12]],
      ['output_proj/kernel', [12, 2]], ['output_proj/bias', [2]],
    ]);
  });

  it('starts as PyTorch\'s nn.Linear: weights and biases U(±1/√fan_in), fan_in = the layer\'s input width', () => {
    const spec: ModelSpec = { ...RESNET_SPEC, width: 64, expansion: 4 };
    const { params } = initialState(spec);
    const fanIn: Record<string, number> = { input_proj: 2, time_emb: 1, linear1: 64, linear2: 256, output_proj: 64 };
    flatLayout(spec).infos.forEach((p, i) => {
      const layer = p.name.split('/').at(-2)!;
      const bound = 1 / Math.sqrt(fanIn[layer]);
      const top = params[i].reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      expect([p.name, top <= bound, top > (p.size > 50 ? 0.9 : 0.3) * bound]).toEqual([p.name, true, true]);
    });
    // From the run's seeded stream: the same seed, the same start.
    expect(initialState(spec).params[4]).toEqual(params[4]);
    expect(initialState({ ...spec, seed: 6 }).params[4]).not.toEqual(params[4]);
  });

  it('round-trips through model.json: architecture, width, blocks, expansion and activation', () => {
    for (const activation of ['gelu', 'silu'] as const) {
      const spec: ModelSpec = { ...RESNET_SPEC, activation };
      const files = encodeModelFiles(spec, initialState(spec), 'cpu');
      expect(parseModelJson(files.modelJson, 'm').spec).toMatchObject({ architecture: 'resnet', width: 12, nBlocks: 2, expansion: 2, activation });
    }
  });

  it('refuses a resnet spec without an activation it knows, naming it', () => {
    const spec = { ...RESNET_SPEC, activation: 'relu' } as unknown as ModelSpec;
    expect(() => encodeModelFiles(spec, initialState(RESNET_SPEC), 'cpu')).toThrow(/activation must be gelu or silu \(got relu\)/);
  });

  it('has a float64 erf good to 1e-12 (the reference below relies on it)', () => {
    // erf(0.5), erf(1), erf(2.5), erf(3.5) to 15 digits (Abramowitz & Stegun, table 7.1).
    expect(Math.abs(erf64(0.5) - 0.520499877813047)).toBeLessThan(1e-12);
    expect(Math.abs(erf64(1) - 0.842700792949715)).toBeLessThan(1e-12);
    expect(Math.abs(erf64(-2.5) + 0.999593047982555)).toBeLessThan(1e-12);
    expect(Math.abs(erf64(3.5) - 0.999999256901628)).toBeLessThan(1e-12);
  });
});

const kinds: ('cpu' | 'wasm' | 'native')[] = ['cpu', 'wasm', ...(addonPath() ? (['native'] as const) : [])];

describe.each(kinds)('resnet backward pass on %s', (backend) => {
  beforeAll(async () => {
    if (backend === 'native') return;
    await registerTfBackend(backend, () => (backend === 'wasm' ? import('@tensorflow/tfjs-backend-wasm') : import('@tensorflow/tfjs-backend-cpu')));
    await useTfBackend(backend);
  });

  it.each(['gelu', 'silu'] as const)('gives the loss and gradient of the float64 reference with %s (finite differences)', async (activation) => {
    const spec: ModelSpec = { ...RESNET_SPEC, activation };
    const net: MlpNet = backend === 'native' ? createNativeNet(spec) : await createTfjsNet(spec, backend);
    const flat = createRng(9, 'resnet-params').fillNormal(new Float32Array(net.layout.total), 0, 0.4);
    const b = regressionBatches(1, 20)[0];
    const grad = new Float32Array(net.layout.total);
    const sse = net.lossAndGrad(flat, b.x, b.t, b.target, 2 / 40, grad);
    const p64 = Float64Array.from(flat);
    const loss = () => projResLossF64(p64, b.x, b.t, b.target, 12, 2, 24, activation);
    expect(sse / 40).toBeCloseTo(loss(), 4);
    const rng = createRng(4, 'coords');
    const coords = [...net.layout.offsets, ...Array.from({ length: 30 }, () => rng.int(net.layout.total))];
    for (const k of coords) {
      const h = 1e-5, keep = p64[k];
      p64[k] = keep + h;
      const up = loss();
      p64[k] = keep - h;
      const down = loss();
      p64[k] = keep;
      const fd = (up - down) / (2 * h);
      expect([k, Math.abs(grad[k] - fd) < 1e-4 + 1e-3 * Math.abs(fd)]).toEqual([k, true]);
    }
    const perPoint = net.forward(flat, b.x, new Float32Array(20).fill(0.37));
    const once = net.forward(flat, b.x, 0.37);
    once.forEach((v, i) => expect(Math.abs(v - perPoint[i])).toBeLessThan(1e-5 * (1 + Math.abs(perPoint[i]))));
    net.dispose();
  });
});

/** Rows [x, c] packed as the conditional nets read them (engine-model.ts packs them so). */
function packRows(x: Float32Array, c: Float32Array, cd: number): Float32Array {
  const n = c.length / cd, out = new Float32Array(n * (2 + cd));
  for (let r = 0; r < n; r++) {
    out.set(x.subarray(2 * r, 2 * r + 2), r * (2 + cd));
    out.set(c.subarray(r * cd, (r + 1) * cd), r * (2 + cd) + 2);
  }
  return out;
}

// model.conditional with resnet: the paper's ConditionalNet, cond_proj = Linear(condDim → width) added to h0.
describe.each(kinds)('conditional resnet on %s', (backend) => {
  beforeAll(async () => {
    if (backend === 'native') return;
    await registerTfBackend(backend, () => (backend === 'wasm' ? import('@tensorflow/tfjs-backend-wasm') : import('@tensorflow/tfjs-backend-cpu')));
    await useTfBackend(backend);
  });

  it.each([1, 3])('gives the loss and gradient of the float64 ConditionalNet with %i condition input(s) (finite differences)', async (cd) => {
    const spec: ModelSpec = { ...RESNET_SPEC, condDim: cd };
    const net: MlpNet = backend === 'native' ? createNativeNet(spec) : await createTfjsNet(spec, backend);
    expect(net.layout.infos.at(-2)).toMatchObject({ name: 'cond_proj/kernel', shape: [cd, 12] });
    const flat = createRng(9, 'resnet-params').fillNormal(new Float32Array(net.layout.total), 0, 0.4);
    const b = regressionBatches(1, 20)[0];
    const c = createRng(3, 'conditions').fillNormal(new Float32Array(20 * cd));
    const xc = packRows(b.x, c, cd);
    const grad = new Float32Array(net.layout.total);
    const sse = net.lossAndGrad(flat, xc, b.t, b.target, 2 / 40, grad);
    const p64 = Float64Array.from(flat);
    const loss = () => projResLossF64(p64, b.x, b.t, b.target, 12, 2, 24, 'gelu', c, cd);
    expect(sse / 40).toBeCloseTo(loss(), 4);
    // The condition matters: the same points with other conditions give another loss.
    expect(Math.abs(projResLossF64(p64, b.x, b.t, b.target, 12, 2, 24, 'gelu', c.map((v) => -v), cd) - loss())).toBeGreaterThan(1e-3);
    const rng = createRng(4, 'coords');
    const coords = [...net.layout.offsets, ...Array.from({ length: 30 }, () => rng.int(net.layout.total))];
    for (const k of coords) {
      const h = 1e-5, keep = p64[k];
      p64[k] = keep + h;
      const up = loss();
      p64[k] = keep - h;
      const down = loss();
      p64[k] = keep;
      const fd = (up - down) / (2 * h);
      expect([k, Math.abs(grad[k] - fd) < 1e-4 + 1e-3 * Math.abs(fd)]).toEqual([k, true]);
    }
    const perPoint = net.forward(flat, xc, new Float32Array(20).fill(0.37));
    const once = net.forward(flat, xc, 0.37);
    expect(once.length).toBe(40);
    once.forEach((v, i) => expect(Math.abs(v - perPoint[i])).toBeLessThan(1e-5 * (1 + Math.abs(perPoint[i]))));
    net.dispose();
  });
});
