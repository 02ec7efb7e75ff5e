import { createRng, type ModelSpec, type TrainBatch, type VelocityBackend } from '@flow-visualizer/core';
import { RESNET_SPEC, SMALL_SPEC, regressionBatches } from '@flow-visualizer/core/testing';
import { nativeBackend } from '../backends/native-backend.js';
import { cpuBackend, wasmBackend } from '../backends/tfjs-backends.js';
import { addonPath } from './native-net.js';
import { encodeModelFiles, parseModelJson } from './model-files.js';
import { initialState } from './state.js';

// model.conditional on every backend: tfjs-cpu in this thread is the JavaScript reference; wasm (worker pool)
// and the C addon must give the same losses, step after step, to float rounding.

/** Regression batches whose target depends on the condition (sign of c0 flips the field), with c per point. */
function conditionalBatches(count: number, cd: number): TrainBatch[] {
  const rng = createRng(11, 'conditions');
  return regressionBatches(count, 96, 3).map((b) => {
    const n = b.t.length, c = rng.fillNormal(new Float32Array(n * cd));
    const target = b.target.map((v, i) => v * Math.sign(c[Math.floor(i / 2) * cd] || 1));
    return { ...b, target, c };
  });
}

const specs: [string, ModelSpec][] = [
  ['resnet, one input (±1 or a value)', { ...RESNET_SPEC, width: 16, condDim: 1 }],
  ['resnet, one-hot of 3 and a null flag', { ...RESNET_SPEC, width: 16, condDim: 4 }],
  ['mlp, two inputs', { ...SMALL_SPEC, condDim: 2 }],
];
const backends: [string, () => VelocityBackend][] = [['wasm', wasmBackend], ...(addonPath() ? ([['native', nativeBackend]] as [string, () => VelocityBackend][]) : [])];

describe.each(specs)('conditional %s', (_label, spec) => {
  async function curve(backend: () => VelocityBackend): Promise<{ losses: number[]; v: Float32Array; other: Float32Array }> {
    const m = await backend().createModel(spec);
    const losses: number[] = [];
    const bs = conditionalBatches(12, spec.condDim!);
    for (const b of bs) losses.push(await m.trainStep(b));
    const probe = bs[0];
    const v = await m.predict(probe.x, 0.4, probe.c);
    const other = await m.predict(probe.x, 0.4, probe.c!.map((x) => -x));
    m.dispose();
    return { losses, v, other };
  }

  it.each(backends)('gives the JavaScript reference\'s losses and predictions on %s', async (_name, backend) => {
    const ref = await curve(cpuBackend), got = await curve(backend);
    got.losses.forEach((l, i) => expect(Math.abs(l - ref.losses[i])).toBeLessThan(2e-5 * ref.losses[i]));
    got.v.forEach((x, i) => expect(Math.abs(x - ref.v[i])).toBeLessThan(1e-4 * (1 + Math.abs(ref.v[i]))));
    // The condition changes the prediction.
    expect(ref.v.some((x, i) => Math.abs(x - ref.other[i]) > 1e-3)).toBe(true);
  });

  it('refuses a prediction without its condition, and records the condition in model.json', async () => {
    const m = await cpuBackend().createModel(spec);
    await expect(m.predict(new Float32Array(4), 0.5)).rejects.toThrow(/conditional model needs c/);
    m.dispose();
    const files = encodeModelFiles({ ...spec, condition: { on: 'class', classes: 3, classNames: ['a', 'b', 'c'], nullToken: true } }, initialState(spec), 'cpu');
    expect(parseModelJson(files.modelJson, 'm').spec).toMatchObject({ condDim: spec.condDim, condition: { on: 'class', classes: 3, nullToken: true } });
  });
});

it('keeps the unconditional resnet\'s start: cond_proj comes last, every other parameter as without it', () => {
  const plain = initialState(RESNET_SPEC).params, cond = initialState({ ...RESNET_SPEC, condDim: 1 }).params;
  expect(cond.length).toBe(plain.length + 2);
  plain.forEach((p, i) => expect(cond[i]).toEqual(p));
});
