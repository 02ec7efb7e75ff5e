import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isFvError, type ModelSpec, type VelocityBackend } from '@flow-visualizer/core';
import { cpuBackend } from '../backends/tfjs-backends.js';
import { nativeBackend } from '../backends/native-backend.js';
import { regressionBatches } from '@flow-visualizer/core/testing';

const SPEC: ModelSpec = { dataDim: 2, timeEmbedDim: 4, hiddenDims: [16, 16], learningRate: 5e-3, seed: 2, emaDecay: 0.9 };

// createModelFrom is what rectified flow starts from: the base's averaged weights, a fresh optimizer, the new spec.
describe.each([
  ['cpu', cpuBackend],
  ['native', nativeBackend],
] as [string, () => VelocityBackend][])('createModelFrom on %s', (name, make) => {
  const backend = make();
  let dir: string;
  let available = true;
  beforeAll(async () => {
    available = (await backend.probe()).ok;
    dir = mkdtempSync(path.join(tmpdir(), `fv-warm-${name}-`));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts from the weights the saved model predicts with (its average), with step 0 and the new learning rate', async () => {
    if (!available && name === 'native') return; // the C addon is optional; cpu always runs
    const base = await backend.createModel(SPEC);
    for (const b of regressionBatches(6, 32)) await base.trainStep(b);
    const baseDir = path.join(dir, 'base');
    await base.save(baseDir);
    const probe = regressionBatches(1, 32, 9)[0];
    const want = await base.predict(probe.x, probe.t);

    const spec = { ...SPEC, learningRate: 1e-3, seed: 99, emaDecay: 0.99 };
    const warm = await backend.createModelFrom!(spec, baseDir);
    expect(Array.from(await warm.predict(probe.x, probe.t))).toEqual(Array.from(want));
    expect(warm.spec.learningRate).toBe(1e-3);
    const warmDir = path.join(dir, 'warm');
    await warm.save(warmDir);
    const json = JSON.parse(readFileSync(path.join(warmDir, 'model.json'), 'utf8'));
    expect(json.optimizer.step).toBe(0);
    expect(json.optimizer.learningRate).toBe(1e-3);
    // It trains on from there: one step moves its raw weights, and the loss is that of the base's weights.
    const loss = await warm.trainStep(probe);
    const fresh = await backend.createModel(spec);
    expect(loss).toBeLessThan(await fresh.trainStep(probe));
    for (const m of [base, warm, fresh]) m.dispose();
  });

  it('refuses saved weights of another architecture with MODEL_INVALID', async () => {
    if (!available && name === 'native') return;
    const base = await backend.createModel(SPEC);
    const baseDir = path.join(dir, 'other');
    await base.save(baseDir);
    base.dispose();
    let error: unknown;
    try {
      await backend.createModelFrom!({ ...SPEC, hiddenDims: [16, 8] }, baseDir);
    } catch (e) {
      error = e;
    }
    expect(isFvError(error) && error.code).toBe('MODEL_INVALID');
  });
});
