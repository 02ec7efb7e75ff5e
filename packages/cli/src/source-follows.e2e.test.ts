import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runFv, tmpDir } from './test-utils/run-fv.js';

/**
 * Commands that sample a trained model start where its flow starts, `source:`. A ring of radius 20 as the source
 * and a learning rate too small to move the field: what a one-step sampler returns is (nearly) the source, ~20
 * from the T-Rex in its [−2, 2] box, where the standard Gaussian would be ~1 away.
 */
describe('source: followed by fv compare-solvers', () => {
  const ring = ['source.name=eight_gaussians', 'source.options.raw_radius=20'];
  const common = ['--config', 'configs/quick.yaml', ...ring, 'training.n_epochs=1', 'data.n_samples=300', 'model.hidden_dims=[16]', 'training.device=cpu', 'training.learning_rate=0.000001'];

  it('samples from the source, not the Gaussian', () => {
    const out = path.join(tmpDir(), 'ring');
    const t = runFv(['train', ...common, `output.dir=${out}`]);
    expect(t.stderr).toBe('');
    expect(t.status).toBe(0);
    const r = runFv(['compare-solvers', ...common, `output.dir=${out}`, '--integrators', 'euler', '--steps', '1', '--draws', '1', '-n', '300']);
    expect(r.status).toBe(0);
    const rows: { sliced_w1: number }[] = JSON.parse(readFileSync(path.join(out, 'solvers.json'), 'utf8')).rows;
    expect(rows[0].sliced_w1).toBeGreaterThan(5);
  });
});

describe('Schrödinger-bridge CFM through the cli', () => {
  it('trains with the brownian_bridge path and the entropic coupling at ε = 2σ²', () => {
    const out = path.join(tmpDir(), 'sb');
    const r = runFv([
      'train', '--config', 'configs/quick.yaml', `output.dir=${out}`, 'flow.path=brownian_bridge', 'flow.path_options.sigma=0.3', 'flow.pairing=entropic_ot', 'flow.pairing_options.reg=bridge',
      'training.n_epochs=3', 'data.n_samples=600', 'model.hidden_dims=[32,32]', 'training.device=cpu',
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const losses: number[] = JSON.parse(readFileSync(path.join(out, 'models/checkpoint/training_state.json'), 'utf8')).lossHistory;
    expect(losses).toHaveLength(3);
    expect(losses.every(Number.isFinite)).toBe(true);
  });
});
