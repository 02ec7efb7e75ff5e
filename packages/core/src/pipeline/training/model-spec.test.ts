import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveConfig } from '../../config/resolve.js';
import type { VelocityModel } from '../../ports/velocity-model.js';
import { checkArchitecture } from '../persistence/resume-checks.js';
import { networkLabel } from './network-label.js';
import { modelSpecOf } from './train.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');

describe('modelSpecOf', () => {
  it('leaves the default config as it was: the MLP, plain Adam (no architecture or optimizer block)', () => {
    const spec = modelSpecOf(resolveConfig().config);
    expect(spec).toEqual({ dataDim: 2, timeEmbedDim: 64, hiddenDims: [128, 256, 256, 128], learningRate: 0.003, seed: 42, emaDecay: 0.995 });
  });

  it('turns configs/recipe.yaml into a residual MLP with AdamW, clipping and a linear decay over the whole run', () => {
    const { config } = resolveConfig({ configFile: path.join(root, 'configs/recipe.yaml') });
    const spec = modelSpecOf(config);
    expect(spec).toMatchObject({ architecture: 'resmlp', width: 512, nBlocks: 5, learningRate: 0.005, emaDecay: 0 });
    // 10,000 points in batches of 256: 40 steps an epoch (the last one short), 51 epochs.
    expect(spec.optimizer).toEqual({ kind: 'adamw', weightDecay: 0.01, gradClip: 1, schedule: 'linear_decay', warmupSteps: 0, totalSteps: 51 * 40 });
    expect(config.flow.sigma_min).toBe(0.0001);
  });

  it('counts the steps of a batch larger than the data as one per epoch', () => {
    const { config } = resolveConfig({ overrides: ['training.lr_schedule=cosine', 'data.n_samples=100', 'training.batch_size=256', 'training.n_epochs=7'] });
    expect(modelSpecOf(config).optimizer).toMatchObject({ kind: 'adam', schedule: 'cosine', totalSteps: 7 });
  });
});

describe('model.architecture: resnet', () => {
  const overrides = ['model.architecture=resnet', 'model.width=128', 'model.n_blocks=3'];

  it('carries width, blocks, expansion (default 4) and activation (default gelu) into the spec', () => {
    expect(modelSpecOf(resolveConfig({ overrides }).config)).toMatchObject({ architecture: 'resnet', width: 128, nBlocks: 3, expansion: 4, activation: 'gelu' });
    const silu = modelSpecOf(resolveConfig({ overrides: [...overrides, 'model.expansion=2', 'model.activation=silu'] }).config);
    expect(silu).toMatchObject({ expansion: 2, activation: 'silu' });
  });

  it('refuses an unknown activation, naming the key and the choices', () => {
    expect(() => resolveConfig({ overrides: [...overrides, 'model.activation=relu'] })).toThrow(/model\.activation[\s\S]*gelu[\s\S]*silu/);
  });

  it('refuses to resume a saved resnet under another expansion or activation', () => {
    const saved = modelSpecOf(resolveConfig({ overrides }).config);
    const model = { spec: saved } as unknown as VelocityModel;
    expect(() => checkArchitecture(resolveConfig({ overrides }).config, model)).not.toThrow();
    for (const other of ['model.expansion=2', 'model.activation=silu', 'model.architecture=resmlp']) {
      expect(() => checkArchitecture(resolveConfig({ overrides: [...overrides, other] }).config, model)).toThrow(
        /saved model is a resnet \(width 128, 3 blocks, expansion 4, gelu\), but the config asks for a res/,
      );
    }
    expect(networkLabel(saved)).toBe('resnet (width 128, 3 blocks, expansion 4, gelu)');
  });
});

describe('model.fourier_features', () => {
  const overrides = ['model.fourier_features=8', 'model.fourier_scale=3'];

  it('draws B (8×2, std 3) from training.seed, the same for the same seed, and none when off', () => {
    const spec = modelSpecOf(resolveConfig({ overrides }).config);
    expect(spec.fourier).toMatchObject({ features: 8, scale: 3 });
    const b = spec.fourier!.b;
    expect(b).toHaveLength(16);
    expect(modelSpecOf(resolveConfig({ overrides }).config).fourier!.b).toEqual(b);
    expect(modelSpecOf(resolveConfig({ overrides: [...overrides, 'training.seed=1'] }).config).fourier!.b).not.toEqual(b);
    // A std of 3: the sample's RMS is near it, not near 1.
    const rms = Math.sqrt(b.reduce((s, v) => s + v * v, 0) / b.length);
    expect(rms).toBeGreaterThan(1.5);
    expect(rms).toBeLessThan(5);
    expect(modelSpecOf(resolveConfig({ overrides: ['model.fourier_scale=3'] }).config).fourier).toBeUndefined();
  });

  it('refuses to resume or load a saved model under another Fourier setting, naming the keys', () => {
    const model = { spec: modelSpecOf(resolveConfig({ overrides }).config) } as unknown as VelocityModel;
    expect(() => checkArchitecture(resolveConfig({ overrides }).config, model)).not.toThrow();
    expect(() => checkArchitecture(resolveConfig({ overrides: ['model.fourier_features=16', 'model.fourier_scale=3'] }).config, model)).toThrow(
      'The saved model has model.fourier_features 8, fourier_scale 3, but the config asks for model.fourier_features 16, fourier_scale 3.',
    );
    expect(() => checkArchitecture(resolveConfig({ overrides: ['model.fourier_features=8'] }).config, model)).toThrow(/asks for model\.fourier_features 8, fourier_scale 1\./);
    expect(() => checkArchitecture(resolveConfig().config, model)).toThrow(/asks for model\.fourier_features 0\./);
    const plain = { spec: modelSpecOf(resolveConfig().config) } as unknown as VelocityModel;
    expect(() => checkArchitecture(resolveConfig({ overrides }).config, plain)).toThrow(/saved model has model\.fourier_features 0, but/);
  });

  it('is a config error on the residual nets (never ignored)', () => {
    expect(() => resolveConfig({ overrides: [...overrides, 'model.architecture=resmlp'] })).toThrow(/model\.fourier_features[\s\S]*needs model\.architecture mlp \(got resmlp\)/);
  });
});
