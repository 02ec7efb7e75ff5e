import { mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isFvError } from '@flow-visualizer/core';
import { wasmBackend } from '../backends/tfjs-backends.js';
import { SMALL_SPEC } from '@flow-visualizer/core/testing';
import { MODEL_FILE, WEIGHTS_FILE } from './store.js';

const backend = wasmBackend();
let root: string;
let good: string;

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (e) {
    if (!isFvError(e)) throw e;
    expect(e.hint).toBeTruthy();
    return e.code;
  }
}

/** A copy of the good model with one file changed. */
function variant(name: string, edit: (dir: string) => void): string {
  const dir = path.join(root, name);
  mkdirSync(dir);
  for (const f of readdirSync(good)) writeFileSync(path.join(dir, f), readFileSync(path.join(good, f)));
  edit(dir);
  return dir;
}

const editJson = (dir: string, edit: (j: any) => void) => {
  const j = JSON.parse(readFileSync(path.join(dir, MODEL_FILE), 'utf8'));
  edit(j);
  writeFileSync(path.join(dir, MODEL_FILE), JSON.stringify(j));
};

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'fv-store-'));
  good = path.join(root, 'good');
  const model = await backend.createModel(SMALL_SPEC);
  await model.save(good);
  model.dispose();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('model files', () => {
  it('writes model.json (tfjs layout with architecture and Adam state) and weights.bin, and nothing else', () => {
    expect(readdirSync(good).sort()).toEqual([MODEL_FILE, WEIGHTS_FILE].sort());
    expect(readdirSync(root)).toEqual(['good']); // no temp folders left beside it
    const j = JSON.parse(readFileSync(path.join(good, MODEL_FILE), 'utf8'));
    expect(j.modelTopology.config).toMatchObject({ dataDim: 2, timeEmbedDim: 8, hiddenDims: [32, 32] });
    expect(j.weightsManifest[0].paths).toEqual([WEIGHTS_FILE]);
    expect(j.weightsManifest[0].weights[0]).toEqual({ name: 'dense_0/kernel', shape: [10, 32], dtype: 'float32' });
    expect(j.optimizer).toMatchObject({ class_name: 'Adam', step: 0, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
  });

  it('MODEL_NOT_FOUND when there is no model, with a hint to train first', async () => {
    expect(await codeOf(backend.loadModel(path.join(root, 'nothing-here')))).toBe('MODEL_NOT_FOUND');
    const e = await backend.loadModel(path.join(root, 'nothing-here')).catch((x) => x);
    expect(e.hint).toMatch(/fv train/);
  });

  it('MODEL_INVALID for truncated weights, corrupt JSON, or weights that do not match the architecture', async () => {
    const cases: Record<string, (dir: string) => void> = {
      truncatedWeights: (d) => truncateSync(path.join(d, WEIGHTS_FILE), 1000),
      missingWeights: (d) => rmSync(path.join(d, WEIGHTS_FILE)),
      truncatedJson: (d) => writeFileSync(path.join(d, MODEL_FILE), readFileSync(path.join(d, MODEL_FILE), 'utf8').slice(0, 200)),
      emptyJson: (d) => writeFileSync(path.join(d, MODEL_FILE), ''),
      notOurs: (d) => editJson(d, (j) => (j.format = 'something-else')),
      otherArchitecture: (d) => editJson(d, (j) => (j.modelTopology.config.hiddenDims = [32, 64])),
      badArchitecture: (d) => editJson(d, (j) => (j.modelTopology.config.timeEmbedDim = 7)),
      shapeMismatch: (d) => editJson(d, (j) => (j.weightsManifest[0].weights[0].shape = [32, 10])),
      missingStep: (d) => editJson(d, (j) => delete j.optimizer.step),
      unknownArchitecture: (d) => editJson(d, (j) => (j.modelTopology.config.architecture = 'transformer')),
      resmlpOddWidth: (d) => editJson(d, (j) => Object.assign(j.modelTopology.config, { architecture: 'resmlp', width: 13, nBlocks: 2 })),
      resmlpOverMlpWeights: (d) => editJson(d, (j) => Object.assign(j.modelTopology.config, { architecture: 'resmlp', width: 12, nBlocks: 2 })),
      unknownSchedule: (d) => editJson(d, (j) => Object.assign(j.optimizer, { lrSchedule: 'sometimes', weightDecay: 0, gradClip: 0, warmupSteps: 0, totalSteps: 5 })),
      negativeClip: (d) => editJson(d, (j) => Object.assign(j.optimizer, { lrSchedule: 'constant', weightDecay: 0, gradClip: -1, warmupSteps: 0, totalSteps: 5 })),
      nanWeights: (d) => {
        const b = readFileSync(path.join(d, WEIGHTS_FILE));
        b.writeFloatLE(NaN, 8);
        writeFileSync(path.join(d, WEIGHTS_FILE), b);
      },
    };
    for (const [name, edit] of Object.entries(cases)) {
      expect([name, await codeOf(backend.loadModel(variant(name, edit)))]).toEqual([name, 'MODEL_INVALID']);
    }
  });

  it('loads the untouched copy', async () => {
    const m = await backend.loadModel(variant('copy', () => undefined));
    expect(m.spec.hiddenDims).toEqual([32, 32]);
    m.dispose();
  });
});
