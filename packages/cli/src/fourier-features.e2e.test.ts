import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { STACK_LINE, runFv, tmpDir } from './test-utils/run-fv.js';

/**
 * model.fourier_features through the cli: a model trained with them saves B in model.json, and a resume under
 * another Fourier setting is refused (exit 2, one message naming the keys, no stack trace), as is the option on a
 * network that has no place for it, before anything is written.
 */
const small = ['model.hidden_dims=[16,16]', 'training.n_epochs=2', 'data.n_samples=600', 'training.device=wasm', 'training.log_interval=1', 'training.lr_schedule=constant'];

describe('model.fourier_features in the cli', () => {
  const out = path.join(tmpDir(), 'fourier');
  const train = (extra: string[]) => runFv(['train', '--config', 'configs/quick.yaml', `output.dir=${out}`, ...small, ...extra]);

  it('saves B with the model and refuses to resume under another setting', () => {
    const first = train(['model.fourier_features=4', 'model.fourier_scale=2']);
    expect([first.status, first.stderr]).toEqual([0, '']);
    const j = JSON.parse(readFileSync(path.join(out, 'models/velocity_net/model.json'), 'utf8'));
    expect(j.modelTopology.config.fourier).toMatchObject({ features: 4, scale: 2 });
    expect(j.modelTopology.config.fourier.b).toHaveLength(8);
    const refused = [train(['model.fourier_features=8', 'model.fourier_scale=2', '--resume']), train(['model.fourier_features=4', '--resume']), train(['model.fourier_features=0', '--resume'])];
    for (const r of refused) {
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/The saved model has model\.fourier_features 4, fourier_scale 2, but the config asks for model\.fourier_features/);
      expect(r.stderr).not.toMatch(STACK_LINE);
    }
    expect(refused[2].stderr).toMatch(/asks for model\.fourier_features 0\./);
    const same = train(['model.fourier_features=4', 'model.fourier_scale=2', 'training.n_epochs=3', '--resume']);
    expect([same.status, same.stderr]).toEqual([0, '']);
  });

  it('is a config error (exit 2) on the residual MLP, before anything is written', () => {
    const bad = path.join(tmpDir(), 'bad');
    const r = runFv(['train', '--config', 'configs/quick.yaml', `output.dir=${bad}`, ...small, 'model.architecture=resmlp', 'model.width=16', 'model.fourier_features=4']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/model\.fourier_features.*needs model\.architecture mlp \(got resmlp\)/);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(existsSync(bad) && readdirSync(bad).length > 0).toBe(false);
  });
});
