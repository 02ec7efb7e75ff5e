import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { STACK_LINE, runFv, tmpDir } from './test-utils/run-fv.js';

/**
 * configs/recipe.yaml (residual MLP, AdamW, clipping, linear decay) trains through the cli, records its
 * architecture and optimiser in model.json, and a resume under a different architecture or optimiser is refused.
 */
const small = ['model.width=16', 'model.n_blocks=2', 'training.n_epochs=3', 'data.n_samples=600', 'training.device=wasm', 'training.log_interval=1'];

describe('the recipe config', () => {
  const out = path.join(tmpDir(), 'recipe');
  const train = (extra: string[] = []) => runFv(['train', '--config', 'configs/recipe.yaml', `output.dir=${out}`, ...small, ...extra]);

  it('trains a residual MLP with AdamW, clipping and a linear decay, and saves them', () => {
    const r = train();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const j = JSON.parse(readFileSync(path.join(out, 'models/velocity_net/model.json'), 'utf8'));
    expect(j.modelTopology.config).toMatchObject({ architecture: 'resmlp', width: 16, nBlocks: 2 });
    expect(j.weightsManifest[0].weights.map((w: { name: string }) => w.name).slice(0, 4)).toEqual(['block_0/kernel', 'block_1/kernel', 'output/kernel', 'output/bias']);
    // 600 points in batches of 256: 3 steps an epoch, 9 in all, which is where the linear decay ends.
    expect(j.optimizer).toMatchObject({ class_name: 'AdamW', step: 9, learningRate: 0.005, weightDecay: 0.01, gradClip: 1, lrSchedule: 'linear_decay', totalSteps: 9 });
  });

  it('refuses to resume it as another architecture or with another optimiser (exit 2, no stack trace)', () => {
    const arch = train(['model.architecture=mlp', '--resume']);
    expect(arch.status).toBe(2);
    expect(arch.stderr).toMatch(/saved model is a resmlp \(width 16, 2 blocks\), but the config asks for a mlp/);
    const opt = train(['training.weight_decay=0.02', '--resume']);
    expect(opt.status).toBe(2);
    expect(opt.stderr).toMatch(/trained with adamw, weight_decay 0.01.*the config asks for adamw, weight_decay 0.02/);
    for (const r of [arch, opt]) expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it('a residual width that cannot hold x and as many sines as cosines is a config error (exit 2), before anything is written', () => {
    const bad = path.join(tmpDir(), 'bad');
    const r = runFv(['train', '--config', 'configs/recipe.yaml', `output.dir=${bad}`, ...small, 'model.width=13']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/model\.width.*must be even and above 2/);
    expect(existsSync(bad) && readdirSync(bad).length > 0).toBe(false);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });
});
