import { ConfigSchema, deepFreeze, type FvConfig } from '../../config/schema.js';
import { straightPath } from '../../test-utils/straight-path.js';
import type { Integrator } from '../../ports/integrator.js';
import type { ModelSpec, TrainBatch, VelocityModel } from '../../ports/velocity-model.js';
import { createRng } from '../../rng.js';
import { drawEpochBatches } from './epoch-batches.js';
import { architectureDifferences, prepareReflow, reflowCouples, trainingSpecKeys } from './reflow.js';
import type { VelocityBackend } from '../../ports/backend.js';
import { modelSpecOf, train } from './train.js';
import type { PointSource } from '../sampling/source.js';

const SPEC: ModelSpec = { dataDim: 2, timeEmbedDim: 8, hiddenDims: [32, 32], learningRate: 3e-3, seed: 1, emaDecay: 0.995 };

/** A model that records what it is trained on and predicts a constant velocity. */
function recordingModel(v: [number, number] = [1, -2]) {
  const seen: TrainBatch[] = [];
  const model: VelocityModel = {
    backend: 'test',
    spec: SPEC,
    trainStep: async (b) => (seen.push(b), 0.5),
    predict: async (x) => {
      const out = new Float32Array(x.length);
      for (let i = 0; i < x.length; i += 2) (out[i] = v[0]), (out[i + 1] = v[1]);
      return out;
    },
    save: async () => undefined,
    numTensors: () => -1,
    dispose: () => undefined,
  };
  return { model, seen };
}

const euler: Integrator = {
  id: 'euler',
  async integrate(field, x0, { steps }) {
    const x = Float32Array.from(x0);
    for (let k = 0; k < steps; k++) {
      const v = await field(x, k / steps);
      for (let i = 0; i < x.length; i++) x[i] += v[i] / steps;
    }
    return { x, nfe: steps, snapshots: [] };
  },
};

describe('architectureDifferences', () => {
  it('ignores how the model trains (learning rate, seed, average) and names every other key that differs', () => {
    expect(architectureDifferences(SPEC, { ...SPEC, learningRate: 1e-4, seed: 9, emaDecay: 0 })).toEqual([]);
    expect(architectureDifferences(SPEC, { ...SPEC, hiddenDims: [32, 64] })).toEqual(['hiddenDims: base [32,32], config [32,64]']);
    // A key the spec gains later (e.g. an architecture choice) is compared too, also when one side lacks it.
    const withArch = { ...SPEC, architecture: 'resmlp' } as ModelSpec;
    expect(architectureDifferences(SPEC, withArch)).toEqual(['architecture: base (none), config "resmlp"']);
    expect(architectureDifferences(withArch, { ...withArch, timeEmbedDim: 16 })).toEqual(['timeEmbedDim: base 8, config 16']);
  });

  it('sorts the spec keys that come from training.* (what a reflow run may change) from the rest, by trying', () => {
    const { extends: _e, ...config } = ConfigSchema.parse({});
    const keys = trainingSpecKeys(config as FvConfig);
    expect(keys).toEqual(expect.arrayContaining(['learningRate', 'seed', 'emaDecay']));
    for (const k of ['dataDim', 'timeEmbedDim', 'hiddenDims']) expect(keys).not.toContain(k);
    // A spec that gains an optimizer setting from training.* and a width from model.*: only the first may differ.
    const later = (c: FvConfig) => ({ ...modelSpecOf(c), weightDecay: c.training.batch_size / 1e4, width: c.model.hidden_dims[0] }) as ModelSpec;
    const more = trainingSpecKeys(config as FvConfig, later);
    expect(more).toContain('weightDecay');
    expect(more).not.toContain('width');
  });
});

describe('reflow couples', () => {
  it("starts from the run's source, not the Gaussian, when given one", async () => {
    const { model } = recordingModel([1, -2]);
    const far: PointSource = { id: 'far', standard: false, draw: async (n, rng) => rng.fillNormal(new Float32Array(2 * n), 10, 0.1) };
    const c = await reflowCouples(model, euler, { n: 50, steps: 4, seed: 3, source: far });
    for (let i = 0; i < 50; i++) {
      expect(Math.abs(c.x0[2 * i] - 10)).toBeLessThan(1);
      expect(c.x1[2 * i]).toBeCloseTo(c.x0[2 * i] + 1, 5);
    }
    // Without a source: the standard Gaussian, as before.
    const g = await reflowCouples(model, euler, { n: 50, steps: 4, seed: 3 });
    expect(g.x0).toEqual(createRng(3, 'reflow-noise').fillNormal(new Float32Array(100)));
  });

  it('carries seeded noise through the base flow: x1 is where the base takes x0', async () => {
    const { model } = recordingModel([1, -2]);
    const a = await reflowCouples(model, euler, { n: 50, steps: 4, seed: 3 });
    const b = await reflowCouples(model, euler, { n: 50, steps: 4, seed: 3 });
    expect(a.x0).toEqual(b.x0);
    expect(a.nfe).toBe(4);
    for (let i = 0; i < 50; i++) {
      expect(a.x1[2 * i]).toBeCloseTo(a.x0[2 * i] + 1, 5);
      expect(a.x1[2 * i + 1]).toBeCloseTo(a.x0[2 * i + 1] - 2, 5);
    }
    expect((await reflowCouples(model, euler, { n: 50, steps: 4, seed: 4 })).x0).not.toEqual(a.x0);
  });

  it('batches keep each couple together: x0 of a point is its own source point, in every epoch', () => {
    const n = 37;
    const data = new Float32Array(2 * n).map((_, i) => i);
    const source = data.map((v) => 10 * v + 1);
    for (const seed of [1, 2]) {
      for (const b of drawEpochBatches(data, 8, createRng(seed, 'e'), source)) {
        for (let i = 0; i < b.x1.length; i++) expect(b.x0[i]).toBe(10 * b.x1[i] + 1);
      }
    }
  });

  it('train() regresses onto x1 − x0 of the fixed couples and never re-pairs them', async () => {
    const config = deepFreeze((({ extends: _e, ...c }) => c)(ConfigSchema.parse({ training: { n_epochs: 2, batch_size: 16 }, flow: { pairing_workers: 0 } }))) as FvConfig;
    const n = 40;
    const x1 = createRng(5, 'x1').fillNormal(new Float32Array(2 * n));
    const x0 = x1.map((v, i) => (i % 2 ? v - 2 : v + 3)); // every couple: x1 − x0 = (−3, 2)
    const { model, seen } = recordingModel();
    const pairing = { id: 'boom', pair: () => { throw new Error('couples must not be re-paired'); } };
    const dataset = { id: 'unused', sample: async () => { throw new Error('the couples are the data'); } };
    const backend = { id: 'test', priority: 0, probe: async () => ({ ok: true, reason: '' }), createModel: async () => model, loadModel: async () => model };
    const r = await train({ config, plugins: { dataset, backend, path: straightPath(), pairing }, resume: { model, startEpoch: 0, lossHistory: [] }, target: x1, source: x0 });
    expect(r.lossHistory).toHaveLength(2);
    expect(seen).toHaveLength(2 * Math.ceil(n / 16));
    for (const b of seen) for (let i = 0; i < b.target.length; i += 2) {
      expect(b.target[i]).toBeCloseTo(-3, 5);
      expect(b.target[i + 1]).toBeCloseTo(2, 5);
    }
  });
});

describe('prepareReflow and warm start', () => {
  it('goes by what the backend plugin declares: no warmStart, no reflow, even with createModelFrom on the instance', async () => {
    const config = deepFreeze(ConfigSchema.parse({ reflow: { base: '/nonexistent/base' }, output: { dir: '/nonexistent/out' } })) as FvConfig;
    const backend = { id: 'undeclared', priority: 0, createModelFrom: async () => undefined } as unknown as VelocityBackend;
    const err = await prepareReflow(config, { backend, integrator: {} as Integrator, warmStart: false }).catch((e) => e);
    expect(err.code).toBe('USAGE');
    expect(err.message).toMatch(/The 'undeclared' backend cannot start a model from saved weights/);
  });
});

