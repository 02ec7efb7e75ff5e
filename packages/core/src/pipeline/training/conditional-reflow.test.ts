import { ConfigSchema, deepFreeze, type FvConfig } from '../../config/schema.js';
import { straightPath } from '../../test-utils/straight-path.js';
import type { Dataset } from '../../ports/dataset.js';
import type { Integrator } from '../../ports/integrator.js';
import type { ConditionSpec, ModelSpec, TrainBatch, VelocityModel } from '../../ports/velocity-model.js';
import { createRng, type Rng } from '../../rng.js';
import { conditionalReflowCouples } from './conditional-reflow.js';
import { prepareReflow } from './reflow.js';
import { modelSpecOf, train } from './train.js';
import { conditionSpecOf } from '../conditions/encoding.js';

/** Two classes (±1 input) with a null token, as model.conditional=true with cond_dropout > 0 makes them. */
const COND: ConditionSpec = { on: 'class', classes: 2, classNames: ['left', 'right'], nullToken: true };
const SPEC: ModelSpec = { dataDim: 2, timeEmbedDim: 8, hiddenDims: [8], learningRate: 1e-3, seed: 1, emaDecay: 0, condDim: 2, condition: COND };

const configOf = (o: Record<string, unknown>) => deepFreeze((({ extends: _e, ...c }) => c)(ConfigSchema.parse({ model: { conditional: true }, flow: { pairing_workers: 0 }, ...o }))) as FvConfig;

/**
 * A conditional model whose velocity is (2·c, 1) for class input c = ±1, and (0, 1) at the null token: in one unit
 * of time class 0 moves 2 left, class 1 two right, the unconditional flow straight up. Records its training batches.
 */
function shiftingModel() {
  const seen: TrainBatch[] = [];
  const model: VelocityModel = {
    backend: 'test',
    spec: SPEC,
    trainStep: async (b) => (seen.push(b), 0.5),
    predict: async (x, _t, c) => {
      const out = new Float32Array(x.length);
      for (let i = 0; i < x.length / 2; i++) (out[2 * i] = c![2 * i + 1] ? 0 : 2 * c![2 * i]), (out[2 * i + 1] = 1);
      return out;
    },
    save: async () => undefined,
    numTensors: () => -1,
    dispose: () => undefined,
  };
  return { model, seen };
}

/** Labelled points: 30% class 0 at x = −5, 70% class 1 at x = +5 (the labels say which, the coordinate agrees). */
const dataset: Dataset = {
  id: 'two-piles',
  classNames: ['left', 'right'],
  sample: async (n: number, rng: Rng) => (await dataset.sampleLabelled!(n, rng)).points,
  sampleLabelled: async (n: number, rng: Rng) => {
    const u = rng.fillUniform(new Float32Array(n));
    const labels = Int32Array.from(u, (v) => (v < 0.3 ? 0 : 1));
    return { points: Float32Array.from({ length: 2 * n }, (_, i) => (i % 2 ? 0 : labels[i >> 1] ? 5 : -5)), labels };
  },
} as unknown as Dataset;

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

describe('conditional reflow couples', () => {
  it('carries each x0 under its own class (in the target\'s proportions) with the guidance asked, and returns that class', async () => {
    const n = 2000;
    for (const w of [1, 3]) {
      const { model } = shiftingModel();
      const c = await conditionalReflowCouples(model, COND, euler, { n, steps: 4, seed: 7, config: configOf({ sampling: { guidance: w } }), dataset });
      expect(c.conditions).toHaveLength(n);
      let right = 0;
      for (let i = 0; i < n; i++) {
        const sign = c.conditions![i];
        expect(Math.abs(sign)).toBe(1);
        if (sign > 0) right++;
        // Guided: v = v_uncond + w (v_cond − v_uncond) = (2 w c, 1).
        expect(c.x1[2 * i] - c.x0[2 * i]).toBeCloseTo(2 * w * sign, 4);
        expect(c.x1[2 * i + 1] - c.x0[2 * i + 1]).toBeCloseTo(1, 4);
      }
      expect(Math.abs(right / n - 0.7)).toBeLessThan(0.04);
    }
  });

  it('takes every class even when sampling.class picks one (that is for the finished run\'s samples)', async () => {
    const { model } = shiftingModel();
    const logs: string[] = [];
    const c = await conditionalReflowCouples(model, COND, euler, { n: 500, steps: 2, seed: 7, config: configOf({ sampling: { class: 1 } }), dataset }, (m) => logs.push(m));
    expect(new Set(c.conditions)).toEqual(new Set([-1, 1]));
    expect(logs.join('\n')).toMatch(/sampling\.class applies to the reflow run's samples only/);
  });

  it('refuses guidance on a base trained without the null token', async () => {
    const { model } = shiftingModel();
    const noNull: ConditionSpec = { ...COND, nullToken: false };
    const err = await conditionalReflowCouples(model, noNull, euler, { n: 10, steps: 2, seed: 7, config: configOf({ sampling: { guidance: 2 } }), dataset }).catch((e) => e);
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.message).toMatch(/sampling\.guidance=2 needs the unconditional velocity/);
  });
});

describe('train() on conditional couples', () => {
  it('gives each couple its own condition (not the target points\' labels), dropped to the null token at training.cond_dropout', async () => {
    const n = 400;
    const config = configOf({ training: { n_epochs: 3, batch_size: 50, cond_dropout: 0.25, seed: 3 } });
    // Couple i: class 1 for even i, class 0 for odd i; x1 − x0 = (+1, 0) for class 1 and (−1, 0) for class 0.
    const conditions = Float32Array.from({ length: n }, (_, i) => (i % 2 ? -1 : 1));
    const x0 = createRng(5, 'x0').fillNormal(new Float32Array(2 * n));
    const x1 = x0.map((v, i) => (i % 2 ? v : v + conditions[i >> 1]));
    const { model, seen } = shiftingModel();
    const backend = { id: 'test', priority: 0, probe: async () => ({ ok: true, reason: '' }), createModel: async () => model, loadModel: async () => model };
    await train({ config, plugins: { dataset, backend, path: straightPath() }, resume: { model, startEpoch: 0, lossHistory: [] }, target: x1, source: x0, conditions });
    let dropped = 0, total = 0;
    for (const b of seen) {
      for (let i = 0; i < b.t.length; i++) {
        total++;
        const [c, isNull] = [b.c![2 * i], b.c![2 * i + 1]];
        if (isNull) {
          dropped++;
          expect(c).toBe(0);
        } else expect(b.target[2 * i]).toBeCloseTo(c, 5); // the condition goes with its own couple
      }
    }
    expect(total).toBe(3 * n);
    expect(Math.abs(dropped / total - 0.25)).toBeLessThan(0.04);
  });

  it('refuses a conditional model\'s couples without their conditions', async () => {
    const config = configOf({ training: { n_epochs: 1, batch_size: 10 } });
    const { model } = shiftingModel();
    const backend = { id: 'test', priority: 0, probe: async () => ({ ok: true, reason: '' }), createModel: async () => model, loadModel: async () => model };
    const x = new Float32Array(20);
    const err = await train({ config, plugins: { dataset, backend, path: straightPath() }, resume: { model, startEpoch: 0, lossHistory: [] }, target: x, source: x }).catch((e) => e);
    expect(err.message).toMatch(/conditional reflow came without their conditions/);
  });
});

describe('prepareReflow of a conditional base', () => {
  /** A base folder whose saved model is `saved`, and a config with `o` over a conditional reflow of it. */
  const attempt = async (saved: ModelSpec | ((c: FvConfig) => ModelSpec), o: Record<string, unknown>) => {
    const config = configOf({ reflow: { base: '/nonexistent/base' }, output: { dir: '/nonexistent/out' }, ...o });
    let disposed = 0;
    const base = { ...shiftingModel().model, spec: typeof saved === 'function' ? saved(config) : saved, dispose: () => void disposed++ };
    const backend = { id: 'test', priority: 0, loadModel: async () => base, createModelFrom: async () => base } as unknown as Parameters<typeof prepareReflow>[1]['backend'];
    const err = await prepareReflow(config, { backend, integrator: euler, warmStart: true, dataset }).catch((e) => e);
    expect(disposed).toBe(1);
    return err;
  };

  it('names the key when the config conditions otherwise than the base: model.conditional, model.condition, training.cond_dropout', async () => {
    const plain: ModelSpec = { ...SPEC, condDim: undefined, condition: undefined };
    for (const [saved, o, message] of [
      [SPEC, { model: { conditional: false } }, /is conditional \(on class\), but the config says model\.conditional=false/],
      [plain, {}, /is unconditional, but the config says model\.conditional=true/],
      [SPEC, { model: { conditional: true, condition: 'x' } }, /is conditioned on class, but the config says model\.condition=x/],
      [SPEC, { training: { cond_dropout: 0 } }, /was trained with label dropout .*, but the config has training\.cond_dropout=0/],
    ] as const) {
      const err = await attempt(saved, o);
      expect(err.code).toBe('MODEL_INVALID');
      expect(err.message).toMatch(message);
    }
  });

  it('makes conditional couples for a base that conditions as the config does, and records the guidance', async () => {
    // The base is the config's own network, conditional on the dataset's two classes with a null token.
    const r = await attempt((c) => modelSpecOf(c, conditionSpecOf(c, dataset.classNames)), { data: { n_samples: 64 }, reflow: { base: '/nonexistent/base', steps: 2 }, sampling: { guidance: 2 } });
    expect(r.couples.conditions).toHaveLength(64);
    expect(r.record).toMatchObject({ k: 1, n_pairs: 64, steps: 2, guidance: 2 });
  });
});
