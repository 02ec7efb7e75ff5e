import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { STACK_LINE, runFv, tmpDir } from './test-utils/run-fv.js';

/**
 * fv reflow end to end on a tiny run (1,000 two-moons points, a 32-32 network, tfjs-cpu so that it runs
 * anywhere): a base run, its 1-rectified and 2-rectified runs, the run folders used by the other commands, and
 * the bad inputs.
 */
const TINY = [
  'data.name=moons', 'data.n_samples=1000', 'model.hidden_dims=[32,32]', 'model.time_embed_dim=8', 'training.device=cpu',
  'training.batch_size=100', 'visualization.n_sampling_steps=40', 'visualization.n_metric_samples=1000', 'visualization.n_generated=500',
  'visualization.renderers=[canvas]', 'visualization.options={canvas: {plots: [comparison], gif: false}}',
];
const metricsOf = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'metrics.json'), 'utf8'));

describe('fv reflow', () => {
  const root = tmpDir('fv-reflow-');
  const base = path.join(root, 'base'), r1 = path.join(root, 'r1'), r2 = path.join(root, 'r2');

  beforeAll(() => {
    const r = runFv(['run', ...TINY, 'training.n_epochs=40', `output.dir=${base}`]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('trains from the base run on fixed couples and writes an ordinary run folder that records its base', () => {
    const r = runFv(['reflow', '--base', base, ...TINY, 'training.n_epochs=15', `output.dir=${r1}`]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Reflow 1: carrying 1000 noise points through the base flow/);
    expect(r.stdout).toMatch(/they stay fixed for every epoch/);
    for (const f of ['models/velocity_net/model.json', 'models/checkpoint/training_state.json', 'samples/generated.csv', 'visualizations/comparison.canvas.png']) {
      expect([f, existsSync(path.join(r1, f))]).toEqual([f, true]);
    }
    const m = metricsOf(r1);
    expect(m.reflow).toMatchObject({ base, k: 1, n_pairs: 1000, integrator: 'euler', steps: 100, nfe: 100 });
    expect(m.loss_history).toHaveLength(15);
    expect(parse(readFileSync(path.join(r1, 'config.yaml'), 'utf8')).reflow.base).toBe(base);
    // The point of it: the paths of the rectified flow are straighter than the base's (1 = straight lines).
    const sBase = metricsOf(base).straightness, s1 = m.straightness;
    expect(sBase).toBeGreaterThan(1.05);
    expect(s1 - 1).toBeLessThan(0.5 * (sBase - 1));
  });

  it('starts from the base weights: with a vanishing learning rate it samples what the base samples', () => {
    const frozen = path.join(root, 'frozen');
    const r = runFv(['reflow', '--no-draw', '--base', base, ...TINY, 'training.n_epochs=1', 'training.learning_rate=1e-12', 'reflow.n_pairs=200', `output.dir=${frozen}`]);
    expect(r.status).toBe(0);
    expect(existsSync(path.join(frozen, 'metrics.json'))).toBe(false); // --no-draw: trained and saved only
    const sample = (dir: string) => {
      const s = runFv(['sample', '--config', path.join(dir, 'config.yaml'), '--steps', '5', '--n', '300', '--seed', '1', '--json']);
      expect(s.status).toBe(0);
      return readFileSync(JSON.parse(s.stdout).file, 'utf8').trim().split('\n').slice(1).flatMap((l) => l.split(',').map(Number));
    };
    const a = sample(base), b = sample(frozen);
    expect(b).toHaveLength(a.length);
    expect(Math.max(...a.map((v, i) => Math.abs(v - b[i])))).toBeLessThan(1e-4);
  });

  it('a reflow run as base gives 2-rectified flow, and fv visualize, fv sample and compare-solvers use it as any run', () => {
    const r = runFv(['reflow', '--no-draw', '--base', r1, ...TINY, 'training.n_epochs=5', `output.dir=${r2}`]);
    expect(r.status).toBe(0);
    expect(JSON.parse(readFileSync(path.join(r2, 'reflow.json'), 'utf8'))).toMatchObject({ base: r1, k: 2 });
    const cfg = path.join(r2, 'config.yaml');
    const v = runFv(['visualize', '--config', cfg]);
    expect(v.status).toBe(0);
    expect(metricsOf(r2).reflow).toMatchObject({ base: r1, k: 2 });
    const s = runFv(['sample', '--config', cfg, '--steps', '1', '--n', '500', '--json']);
    expect(s.status).toBe(0);
    expect(JSON.parse(s.stdout)).toMatchObject({ steps: 1, nfe: 1, n: 500 });
    const c = runFv(['compare-solvers', '--config', cfg, '--integrators', 'euler', '--steps', '1,4', '--n', '300']);
    expect(c.stderr).toBe('');
    expect(c.status).toBe(0);
  });

  it('--resume continues a reflow run on the same couples: the same losses as a run never stopped', () => {
    const losses = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'models/checkpoint/training_state.json'), 'utf8')).lossHistory as number[];
    const whole = path.join(root, 'whole'), parts = path.join(root, 'parts');
    const args = ['reflow', '--no-draw', '--base', base, ...TINY, 'reflow.n_pairs=300'];
    expect(runFv([...args, 'training.n_epochs=4', `output.dir=${whole}`]).status).toBe(0);
    expect(runFv([...args, 'training.n_epochs=2', `output.dir=${parts}`]).status).toBe(0);
    const r = runFv([...args, '--resume', 'training.n_epochs=4', `output.dir=${parts}`]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Resuming from the checkpoint at epoch 2/);
    expect(losses(parts)).toEqual(losses(whole));
  });

  describe('bad input: exit 2, one message with a hint, nothing written', () => {
    const expectRefused = (args: string[], message: RegExp) => {
      const out = path.join(root, `refused-${Math.random().toString(36).slice(2)}`);
      const r = runFv(['reflow', ...TINY, 'training.n_epochs=1', ...args, `output.dir=${out}`]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/hint: /);
      expect(r.stderr).not.toMatch(STACK_LINE);
      expect(existsSync(out)).toBe(false);
      return r;
    };

    it('a base folder without a model', () => {
      const empty = path.join(root, 'empty');
      mkdirSync(empty, { recursive: true });
      expectRefused(['--base', empty], /The base run .*empty has no trained model \(models\/velocity_net\/model\.json is missing\)/);
    });

    it('a base model whose architecture differs from the config', () => {
      const r = expectRefused(['--base', base, 'model.hidden_dims=[32,16]'], /another architecture than the config: hiddenDims: base \[32,32\], config \[32,16\]/);
      expect(r.stderr).toMatch(/config\.yaml/);
      expectRefused(['--base', base, 'model.time_embed_dim=16'], /timeEmbedDim: base 8, config 16/);
    });

    it('no base, a path that is not straight, or the base folder as output', () => {
      expectRefused([], /needs a base run/);
      expectRefused(['--base', base, 'flow.path=vp_cosine'], /straight lines between its couples, but flow\.path is 'vp_cosine'/);
      const r = runFv(['reflow', '--base', base, ...TINY, `output.dir=${base}`]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/would overwrite the model it starts from/);
    });
  });
});
