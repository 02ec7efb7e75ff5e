import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isFvError, type ModelSpec } from '@flow-visualizer/core';
import { SMALL_SPEC, RES_SPEC, regressionBatches as batches } from '@flow-visualizer/core/testing';
import { browserCpuBackend } from '../browser/cpu-backend.js';
import type { MlpEngineModel } from './engine-model.js';
import { decodeModelFiles, encodeModel, encodeModelFiles, MODEL_FILE, WEIGHTS_FILE } from './model-files.js';
import { initialState } from './state.js';
import { loadMlp } from './store.js';

const EMA_ADAMW: ModelSpec = {
  dataDim: 2, timeEmbedDim: 8, hiddenDims: [16], learningRate: 1e-3, seed: 3, emaDecay: 0.99,
  optimizer: { kind: 'adamw', weightDecay: 0.01, gradClip: 1, schedule: 'cosine', warmupSteps: 2, totalSteps: 10 },
};

const sha = (b: string | Uint8Array) => createHash('sha256').update(b).digest('hex');

let root: string;
beforeAll(() => (root = mkdtempSync(path.join(tmpdir(), 'fv-model-files-'))));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function writeModel(name: string, modelJson: string, weights: Uint8Array): string {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, MODEL_FILE), modelJson);
  writeFileSync(path.join(dir, WEIGHTS_FILE), weights);
  return dir;
}

describe('model files codec', () => {
  it('encodes byte for byte the files that saveMlp wrote before the codec existed (hashes taken from main)', () => {
    // sha256 of model.json and weights.bin as main's store.ts (before this codec) saved initialState(spec) at step 5.
    const before: [string, ModelSpec, string, string][] = [
      ['mlp', SMALL_SPEC, '150ed48ff32c15c421412bb4696c0203fa462ab8b51c9cb696abe80950ff61de', 'c80d78ecd266d0d3c75e053c57fb64343dd5c676ad4f3dae29eae056ec86664a'],
      ['ema + adamw', EMA_ADAMW, '747eecef17eaa9e4593fda02c3a7c907b5f230d78f5989565b17f00f68efb65f', '43e6ac5225aac0102e9b39accf8a0a83e679e4d7b3d8957db421ff11d7b9242e'],
      ['resmlp', RES_SPEC, 'c3b69651c92bd5b143f1581b7c3332dff2eb6efc8ce0bfa283eabb688b765b49', '9ba3a993eff0f0291b5de930ac96e6f12cbbf02fbb78b1b64b25114dc403c163'],
    ];
    for (const [name, spec, json, weights] of before) {
      const files = encodeModelFiles(spec, { ...initialState(spec), step: 5 }, 'cpu');
      expect([name, sha(files.modelJson), sha(files.weights)]).toEqual([name, json, weights]);
    }
  });

  it('a trained model encoded by the codec loads in Node (loadMlp) with the same state, and decodes back exactly', async () => {
    const model = (await browserCpuBackend().createModel(EMA_ADAMW)) as MlpEngineModel;
    for (const b of batches(4, 64, 11)) await model.trainStep(b);
    const state = await model.readState();
    const files = await encodeModel(model);
    model.dispose();
    const loaded = await loadMlp(writeModel('trained', files.modelJson, files.weights));
    expect(loaded.spec).toEqual(EMA_ADAMW);
    expect(loaded.backend).toBe('cpu');
    expect(loaded.state.step).toBe(4);
    for (const k of ['params', 'm', 'v', 'ema'] as const) {
      expect(loaded.state[k]!.map((a) => Array.from(a))).toEqual(state[k]!.map((a) => Array.from(a)));
    }
    // The page hands over bytes from anywhere in a buffer: an unaligned view decodes the same.
    const shifted = new Uint8Array(files.weights.byteLength + 3);
    shifted.set(files.weights, 3);
    const decoded = decodeModelFiles(files.modelJson, shifted.subarray(3), 'trained');
    expect(decoded.state.ema!.map((a) => Array.from(a))).toEqual(state.ema!.map((a) => Array.from(a)));
  });

  it('refuses damaged files with the same MODEL_INVALID message as fv visualize (loadMlp) gives for them', async () => {
    const good = encodeModelFiles(SMALL_SPEC, initialState(SMALL_SPEC), 'cpu');
    const edit = (f: (j: any) => void) => {
      const j = JSON.parse(good.modelJson);
      f(j);
      return JSON.stringify(j);
    };
    const nan = good.weights.slice();
    new DataView(nan.buffer).setFloat32(8, NaN, true);
    const cases: Record<string, [string, Uint8Array]> = {
      truncatedWeights: [good.modelJson, good.weights.subarray(0, 1000)],
      truncatedJson: [good.modelJson.slice(0, 200), good.weights],
      emptyJson: ['', good.weights],
      notOurs: [edit((j) => (j.format = 'something-else')), good.weights],
      otherArchitecture: [edit((j) => (j.modelTopology.config.hiddenDims = [32, 64])), good.weights],
      badEmbedding: [edit((j) => (j.modelTopology.config.timeEmbedDim = 7)), good.weights],
      shapeMismatch: [edit((j) => (j.weightsManifest[0].weights[0].shape = [32, 10])), good.weights],
      noManifest: [edit((j) => delete j.weightsManifest), good.weights],
      missingStep: [edit((j) => delete j.optimizer.step), good.weights],
      nanWeights: [good.modelJson, nan],
    };
    for (const [name, [json, weights]] of Object.entries(cases)) {
      const dir = writeModel(name, json, weights);
      const shown = path.relative(process.cwd(), dir);
      const fromNode = await loadMlp(dir).catch((e) => e);
      let inPage: unknown;
      try {
        decodeModelFiles(json, weights, shown);
      } catch (e) {
        inPage = e;
      }
      expect(isFvError(inPage) && isFvError(fromNode)).toBe(true);
      expect([name, (inPage as Error & { code: string }).code, (inPage as Error).message]).toEqual([name, 'MODEL_INVALID', fromNode.message]);
      expect((inPage as { hint?: string }).hint).toBe(fromNode.hint);
    }
  });
});
