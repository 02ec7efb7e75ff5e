import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { resolveConfig } from '@flow-visualizer/core';
import { runFv, tmpDir, STACK_LINE } from './test-utils/run-fv.js';

// One real end-to-end run (real tfjs, real vega, real files), kept small so that CI stays quick.
describe('fv run (end to end)', () => {
  const out = path.join(tmpDir(), 'quick');
  let run: ReturnType<typeof runFv>;

  beforeAll(() => {
    run = runFv(['run', '--config', 'configs/quick.yaml', `output.dir=${out}`, 'training.n_epochs=4', 'data.n_samples=2000', 'visualization.n_sampling_steps=20']);
  });

  it('exits 0 and says which backend it took', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Backend: (wasm|cpu|node|gpu) \(training\.device=auto/);
    // Not a TTY here: one log line per log_interval, plus the first and the last epoch.
    expect(run.stdout).toMatch(/epoch 1\/4 {2}loss/);
    expect(run.stdout).toMatch(/epoch 4\/4 {2}loss/);
  });

  it('writes every file of the run', () => {
    const files = [
      'config.yaml',
      'models/velocity_net/model.json',
      'samples/target.csv',
      'samples/generated.csv',
      'metrics.json',
      ...['comparison', 'trajectory', 'vector_field', 'loss', 'density'].flatMap((p) => ['png', 'svg', 'vl.json'].map((e) => `visualizations/${p}.${e}`)),
      // The default renderers also draw with canvas (flow.gif) and write the interactive report.
      'visualizations/flow.gif',
      'visualizations/comparison.canvas.png',
      'visualizations/report.html',
    ];
    for (const f of files) {
      expect([f, existsSync(path.join(out, f))]).toEqual([f, true]);
      expect(statSync(path.join(out, f)).size).toBeGreaterThan(0);
    }
  });

  it('writes the resolved config, loadable again with --config', () => {
    const file = path.join(out, 'config.yaml');
    const { config } = resolveConfig({ configFile: file });
    expect(config.training.n_epochs).toBe(4);
    expect(config.model.hidden_dims).toEqual([64, 128, 64]);
    expect(config.output.dir).toBe(out);
  });

  it('writes samples as x,y CSV with every target point and at least 2000 generated', () => {
    const target = readFileSync(path.join(out, 'samples/target.csv'), 'utf8').trim().split('\n');
    const gen = readFileSync(path.join(out, 'samples/generated.csv'), 'utf8').trim().split('\n');
    expect(target[0]).toBe('x,y');
    expect(gen[0]).toBe('x,y');
    expect(target.length - 1).toBe(2000);
    expect(gen.length - 1).toBeGreaterThanOrEqual(2000);
    for (const line of gen.slice(1, 50)) expect(line.split(',').map(Number).every(Number.isFinite)).toBe(true);
  });

  it('writes metrics.json with the loss per epoch, the backend and the timings', () => {
    const m = JSON.parse(readFileSync(path.join(out, 'metrics.json'), 'utf8'));
    expect(m.loss_history).toHaveLength(4);
    expect(m.loss_history.every((v: number) => Number.isFinite(v) && v > 0)).toBe(true);
    expect(['wasm', 'cpu', 'node', 'gpu']).toContain(m.backend);
    expect(m.train_seconds).toBeGreaterThan(0);
    expect(m.sample_seconds).toBeGreaterThan(0);
    expect(m.sliced_w1).toBeGreaterThan(0);
    // Quality against held-out draws, with the noise floor beside each figure, and the straightness of the paths.
    for (const k of ['sliced_w1', 'energy_distance', 'mmd_rbf']) {
      expect(Number.isFinite(m[k])).toBe(true);
      expect(m[`${k}_floor`]).toBeLessThan(m[k]);
    }
    expect(m.straightness).toBeGreaterThanOrEqual(1);
  });

  it('visualizes again from the saved model', () => {
    const again = runFv(['visualize', '--config', 'configs/quick.yaml', `output.dir=${out}`, 'data.n_samples=2000', 'visualization.n_sampling_steps=10', '--quiet']);
    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
    const m = JSON.parse(readFileSync(path.join(out, 'metrics.json'), 'utf8'));
    expect(m.n_sampling_steps).toBe(10);
    // The loss history of the training run is kept.
    expect(m.loss_history).toHaveLength(4);
  });

  it('fv visualize without a trained model says so, exit 2, no stack trace', () => {
    const empty = tmpDir();
    const r = runFv(['visualize', '--config', 'configs/quick.yaml', `output.dir=${empty}`]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/model/i);
    expect(r.stderr).toMatch(/fv train|fv run/);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });
});
