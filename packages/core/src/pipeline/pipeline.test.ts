import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigSchema, deepFreeze, type FvConfig } from '../config/schema.js';
import { straightPath } from '../test-utils/straight-path.js';
import type { VelocityBackend } from '../ports/backend.js';
import type { VelocityModel } from '../ports/velocity-model.js';
import { createRng } from '../rng.js';
import { readCheckpointState } from './persistence/checkpoint.js';
import { Pipeline } from './pipeline.js';
import { modelSpecOf } from './training/train.js';

/** A model that counts its training steps and saves them to model.json (what a real backend's save does, in little). */
function countingModel(config: FvConfig, steps = 0): VelocityModel & { steps: number } {
  const m = {
    backend: 'test',
    spec: modelSpecOf(config),
    steps,
    trainStep: async () => (m.steps++, 1 / m.steps),
    predict: async (x: Float32Array) => new Float32Array(x.length),
    save: async (dir: string) => {
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, 'model.json'), JSON.stringify({ steps: m.steps }));
    },
    numTensors: () => -1,
    dispose: () => undefined,
  };
  return m;
}

function setup(dir: string) {
  const { extends: _e, ...raw } = ConfigSchema.parse({
    data: { n_samples: 64 },
    training: { n_epochs: 6, batch_size: 32, checkpoint_every: 2, evolution_snapshots: 0 },
    flow: { pairing_workers: 0 },
    output: { dir },
  });
  const config = deepFreeze(raw) as FvConfig;
  const backend: VelocityBackend = {
    id: 'test',
    priority: 0,
    probe: async () => ({ ok: true, reason: '' }),
    createModel: async () => countingModel(config),
    loadModel: async (d: string) => countingModel(config, JSON.parse(readFileSync(path.join(d, 'model.json'), 'utf8')).steps),
  };
  const dataset = { id: 'gauss', sample: async (n: number) => createRng(1, 'd').fillNormal(new Float32Array(2 * n)) };
  return { config, plugins: { backend, dataset, path: straightPath() } };
}

describe('Pipeline.train', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'fv-pipeline-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('an interrupted training saves a checkpoint (and config.yaml), not the model; a resume finishes it', async () => {
    const { config, plugins } = setup(dir);
    const pipeline = new Pipeline(config, plugins);
    const ac = new AbortController();
    const checkpoints: number[] = [];
    const hooks = { signal: ac.signal, onEpoch: ({ epoch }: { epoch: number }) => void (epoch === 3 && ac.abort()), onCheckpoint: (e: number) => void checkpoints.push(e) };
    const stopped = await pipeline.train(hooks);
    expect(stopped.interrupted).toBe(true);
    expect(stopped.epochsDone).toBe(3);
    // Every checkpoint_every=2 epochs, then the interrupted epoch's.
    expect(checkpoints).toEqual([2, 3]);
    const state = readCheckpointState(pipeline.layout.checkpointDir);
    expect(state.epochsDone).toBe(3);
    expect(state.lossHistory).toEqual(stopped.lossHistory);
    expect(JSON.parse(readFileSync(path.join(pipeline.layout.checkpointDir, 'model.json'), 'utf8')).steps).toBe(3 * 2);
    expect(existsSync(pipeline.layout.modelDir)).toBe(false);
    expect(existsSync(pipeline.layout.config)).toBe(true);

    const done = await pipeline.train({}, { resume: true });
    expect(done.interrupted).toBe(false);
    expect(done.lossHistory.slice(0, 3)).toEqual(stopped.lossHistory);
    expect(done.lossHistory).toHaveLength(6);
    expect(JSON.parse(readFileSync(path.join(pipeline.layout.modelDir, 'model.json'), 'utf8')).steps).toBe(6 * 2);
    // `fv visualize` later reads the loss history and time from the finished checkpoint.
    const back = await pipeline.loadTrained();
    expect(back.lossHistory).toEqual(done.lossHistory);
    expect(back.trainSeconds).toBeCloseTo(done.trainSeconds!, 6);
  });

  it('refuses to resume past training.n_epochs', async () => {
    const { config, plugins } = setup(dir);
    await new Pipeline(config, plugins).train();
    const shorter = deepFreeze({ ...config, training: { ...config.training, n_epochs: 4 } }) as FvConfig;
    await expect(new Pipeline(shorter, plugins).train({}, { resume: true })).rejects.toMatchObject({ code: 'USAGE' });
  });
});
