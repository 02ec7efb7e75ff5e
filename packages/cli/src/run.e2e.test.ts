import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { resolveConfig } from '@flow-visualizer/core/node';
import { runFv, tmpDir, STACK_LINE } from './test-utils/run-fv.js';

// One real end-to-end run (real tfjs, real vega, real files), kept small so that CI stays quick.
describe('fv run (end to end)', () => {
  const out = path.join(tmpDir(), 'quick');
  let run: ReturnType<typeof runFv>;

  beforeAll(() => {
    run = runFv(['run', '--config', 'configs/quick.yaml', `output.dir=${out}`, 'training.n_epochs=4', 'data.n_samples=2000', 'visualization.n_sampling_steps=20']);
  });

  it('exits 0 and says which backend it took, in one short line', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Backend: (native|wasm|cpu|node|gpu) \(fastest that loads; fv doctor for why\)$/m);
    // Why each backend was passed over is for --verbose.
    expect(run.stdout).not.toMatch(/passed over/);
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
      'samples/evolution.json',
      ...['comparison', 'trajectory', 'paths', 'vector_field', 'density', 'evolution', 'loss'].flatMap((p) => ['png', 'svg', 'vl.json'].map((e) => `visualizations/${p}.${e}`)),
      // The canvas renderer draws the animations, the report renderer the interactive page.
      'visualizations/flow.gif',
      'visualizations/evolution.gif',
      'visualizations/report.html',
    ];
    for (const f of files) {
      expect([f, existsSync(path.join(out, f))]).toEqual([f, true]);
      expect(statSync(path.join(out, f)).size).toBeGreaterThan(0);
    }
    // One PNG per plot by default: the canvas renderer's PNG plots are there only when asked for.
    expect(readdirSync(path.join(out, 'visualizations')).filter((f) => f.endsWith('.canvas.png'))).toEqual([]);
  });

  it('prints the output folder as given, the files by folder, and names report.html on its last line', () => {
    expect(run.stdout).toContain(`Wrote `);
    expect(run.stdout).toContain(` files under ${out}:`);
    expect(run.stdout).toMatch(/^ {2}visualizations\/\s+comparison\.\{vl\.json,svg,png\}/m);
    expect(run.stdout).toMatch(/^Drawing 1\/3: vega…$/m);
    const lines = run.stdout.trim().split('\n');
    expect(lines.at(-1)).toBe(`Open the report: ${path.join(out, 'visualizations', 'report.html')}`);
    // No line runs on: the longest is the file listing of visualizations/.
    for (const l of lines.filter((x) => !x.startsWith('  visualizations/'))) expect([l, l.length <= 130]).toEqual([l, true]);
  });

  it('writes the resolved config, loadable again with --config', () => {
    const file = path.join(out, 'config.yaml');
    const { config } = resolveConfig({ configFile: file });
    expect(config.training.n_epochs).toBe(4);
    expect(config.training.n_epochs).toBe(4);
    expect(config.model.hidden_dims).toEqual([128, 256, 256, 128]);
    expect(config.output.dir).toBe(out);
  });

  it('writes samples as x,y CSV with every target point and at least 2000 generated', () => {
    const target = readFileSync(path.join(out, 'samples/target.csv'), 'utf8').trim().split('\n');
    const gen = readFileSync(path.join(out, 'samples/generated.csv'), 'utf8').trim().split('\n');
    expect(target[0]).toBe('x,y');
    expect(gen[0]).toBe('x,y');
    expect(target.length - 1).toBe(2000);
    expect(gen.length - 1).toBe(10000); // visualization.n_metric_samples: the points behind the quality figures
    for (const line of gen.slice(1, 50)) expect(line.split(',').map(Number).every(Number.isFinite)).toBe(true);
  });

  it('writes metrics.json with the loss per epoch, the backend and the timings', () => {
    const m = JSON.parse(readFileSync(path.join(out, 'metrics.json'), 'utf8'));
    expect(m.loss_history).toHaveLength(4);
    expect(m.loss_history.every((v: number) => Number.isFinite(v) && v > 0)).toBe(true);
    expect(['native', 'wasm', 'cpu', 'node', 'gpu']).toContain(m.backend);
    expect(m.train_seconds).toBeGreaterThan(0);
    expect(m.sample_seconds).toBeGreaterThan(0);
    expect(m.sliced_w1).toBeGreaterThan(0);
    // Quality against held-out draws, with the noise floor beside each figure, and the straightness of the paths.
    for (const k of ['sliced_w1', 'energy_distance', 'mmd_rbf']) {
      expect(Number.isFinite(m[k])).toBe(true);
      expect(m[`${k}_floor`]).toBeLessThan(m[k]);
    }
    expect(m.straightness).toBeGreaterThanOrEqual(1);
    // Sliced W1 on visualization.n_metric_samples (10000) generated points, and the reference's figure against
    // the training points.
    expect(m.metrics_n_sliced).toBe(10000);
    expect(m.metrics_n).toBe(2000);
    expect(m.sliced_w1_vs_training).toBeGreaterThan(0);
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

  it.each(['euler', 'midpoint', 'heun', 'rk4', 'rk45'])('fv sample with %s writes the points and prints NFE and quality', (integrator) => {
    const csv = path.join(out, `sample-${integrator}.csv`);
    const r = runFv(['sample', '--config', 'configs/quick.yaml', `output.dir=${out}`, 'data.n_samples=2000', '--integrator', integrator, '--steps', '4', '--n', '300', '--out', csv]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/evaluations|NFE/i);
    expect(r.stdout).toMatch(/sliced W1\s+\d/);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(301);
  });

  it('fv sample without --n takes visualization.n_metric_samples points, all of them in the sliced W1', () => {
    const csv = path.join(out, 'sample-default-n.csv');
    const r = runFv(['sample', '--config', 'configs/quick.yaml', `output.dir=${out}`, 'data.n_samples=2000', 'visualization.n_metric_samples=700', '--steps', '3', '--json', '--out', csv]);
    expect(r.status).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.n).toBe(700);
    expect(m.metrics_n_sliced).toBe(700);
    expect(readFileSync(csv, 'utf8').trim().split('\n')).toHaveLength(701);
  });

  it('fv compare-solvers writes the table and draws solvers.png', () => {
    const r = runFv(['compare-solvers', '--config', 'configs/quick.yaml', `output.dir=${out}`, 'data.n_samples=2000', '-n', '300', '--steps', '1,4', '--integrators', 'euler,rk4']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const rows = readFileSync(path.join(out, 'solvers.csv'), 'utf8').trim().split('\n');
    expect(rows).toHaveLength(1 + 4);
    // An aligned table: every row's NFE ends in the same column as the header's; "1 step", not "1 steps"; the floor once.
    const table0 = r.stdout.split('\n');
    const header = table0.find((l) => l.startsWith('integrator'))!;
    const body = table0.filter((l) => /^(euler|rk4)\s/.test(l));
    expect(body).toHaveLength(4);
    const nfeEnd = header.indexOf('NFE') + 3;
    for (const l of body) expect(l.slice(0, nfeEnd)).toMatch(/\d$/);
    expect(r.stdout).toMatch(/^euler\s+1 step\s/m);
    expect(r.stdout).not.toMatch(/1 steps/);
    expect(r.stdout.match(/floor/gi)).toHaveLength(1);
    expect(r.stdout).toMatch(/± \d/);
    expect(statSync(path.join(out, 'visualizations/solvers.png')).size).toBeGreaterThan(1000);
    // More evaluations of the same solver give samples at least as good, within noise.
    const table = JSON.parse(readFileSync(path.join(out, 'solvers.json'), 'utf8'));
    const euler = table.rows.filter((x: { integrator: string }) => x.integrator === 'euler');
    expect(euler[1].nfe).toBeGreaterThan(euler[0].nfe);
    expect(euler[1].sliced_w1).toBeLessThan(euler[0].sliced_w1);
  });
});

describe('fv data and fv list', () => {
  it.each(['trex', 'moons', 'eight_gaussians', 'spiral', 'checkerboard', 'swiss_roll', 'circles', 'pinwheel'])('fv data %s writes exactly n_samples finite points', (name) => {
    const dir = tmpDir();
    const r = runFv(['data', name, 'data.n_samples=1234', '--out', path.join(dir, 'p.csv')]);
    expect(r.status).toBe(0);
    const lines = readFileSync(path.join(dir, 'p.csv'), 'utf8').trim().split('\n');
    // Every built-in shape but the swiss roll has classes, written as a third column.
    expect(lines[0]).toBe(name === 'swiss_roll' ? 'x,y' : 'x,y,label');
    expect(lines).toHaveLength(1235);
    expect(lines.slice(1).every((l) => l.split(',').map(Number).every(Number.isFinite))).toBe(true);
  });

  it('fv compare-solvers --help lists the files it writes', () => {
    const r = runFv(['compare-solvers', '--help']);
    for (const f of ['solvers.csv', 'solvers.json', 'solvers.png']) expect(r.stdout).toContain(f);
  });

  it('fv data --png draws a preview', () => {
    const dir = tmpDir();
    const r = runFv(['data', 'spiral', 'data.n_samples=500', '--out', path.join(dir, 'p.csv'), '--png', path.join(dir, 'p.png')]);
    expect(r.status).toBe(0);
    expect(readFileSync(path.join(dir, 'p.png')).subarray(1, 4).toString()).toBe('PNG');
  });

  it('fv list names every built-in with one line and its options', () => {
    const r = runFv(['list']);
    expect(r.status).toBe(0);
    for (const id of ['trex', 'points', 'svg', 'image', 'wasm', 'cpu', 'euler', 'rk45', 'vega', 'canvas', 'report', 'linear', 'vp_cosine', 'ot']) {
      expect(r.stdout).toMatch(new RegExp(`^  ${id}\\s+\\S`, 'm'));
    }
    expect(r.stdout).toMatch(/grid_size|rtol \(number, default/);
    const d = runFv(['list', 'datasets']);
    expect(d.stdout).not.toMatch(/^integrators/m);
    expect(runFv(['list', 'widgets']).status).toBe(2);
  });
});

