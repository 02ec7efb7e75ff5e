/**
 * fv reflow of a conditional model through the real `fv` binary and the native backend: a class-conditional base on
 * two labelled blobs, its rectified flow (couples made under each couple's class, trained with label dropout), and
 * a conditional base reflowed with an unconditional config.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runFv, tmpDir, STACK_LINE } from './test-utils/run-fv.js';
import { leftShare, readPoints, writeBlobs } from './test-utils/blobs.js';

const ENV = { FV_THREADS: '1' };

/** A small conditional resnet on the blobs (independent coupling, so that the base's paths bend), trained in seconds. */
const RUN = (dir: string) => [
  'data.name=points', `data.options.file=${path.join(dir, 'blobs.csv')}`, 'data.options.normalize=false', 'data.noise=0', 'data.n_samples=2000',
  'model.architecture=resnet', 'model.width=32', 'model.n_blocks=2', 'model.expansion=2', 'model.conditional=true', 'training.cond_dropout=0.1',
  'training.device=native', 'training.batch_size=250', 'training.learning_rate=0.003', 'training.evolution_snapshots=0', 'training.ema_decay=0',
  'visualization.n_sampling_steps=20', 'visualization.n_metric_samples=2000', 'visualization.n_generated=500', 'visualization.renderers=[]',
];
const metricsOf = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'metrics.json'), 'utf8'));

/** The standard deviation of the y coordinates (each blob's is 0.2; a flow sampled with too few steps shrinks it). */
function spreadY(p: Float32Array): number {
  const n = p.length / 2;
  let m = 0;
  for (let i = 1; i < p.length; i += 2) m += p[i] / n;
  let v = 0;
  for (let i = 1; i < p.length; i += 2) v += (p[i] - m) ** 2 / n;
  return Math.sqrt(v);
}

describe('fv reflow of a conditional model', () => {
  const dir = tmpDir('fv-cond-reflow-');
  const base = path.join(dir, 'base'), rf = path.join(dir, 'rf');

  beforeAll(() => {
    writeBlobs(path.join(dir, 'blobs.csv'));
    const r = runFv(['run', ...RUN(dir), 'training.n_epochs=40', `output.dir=${base}`], { cwd: dir, env: ENV });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  /** n samples of class k of a run with `steps` Euler steps. */
  const sampleClass = (run: string, k: number, steps: number) => {
    const out = path.join(dir, `${path.basename(run)}-${steps}-${k}.csv`);
    const s = runFv(['sample', ...RUN(dir), `output.dir=${run}`, `sampling.class=${k}`, '--steps', String(steps), '--n', '2000', '--json', '--out', out], { cwd: dir, env: ENV });
    expect(s.stderr).toBe('');
    expect(s.status).toBe(0);
    return { share: (JSON.parse(s.stdout) as { nearest_class_share: number }).nearest_class_share, points: readPoints(readFileSync(out, 'utf8')) };
  };

  it('keeps the condition, samples each class at its own blob, and its paths are straighter than the base\'s', () => {
    const r = runFv(['reflow', '--base', base, ...RUN(dir), 'training.n_epochs=15', `output.dir=${rf}`], { cwd: dir, env: ENV });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Reflow 1: carrying 2000 noise points through the base flow/);
    const model = JSON.parse(readFileSync(path.join(rf, 'models/velocity_net/model.json'), 'utf8'));
    expect(model.modelTopology.config).toMatchObject({ condDim: 2, condition: { on: 'class', classes: 2, nullToken: true } });
    const m = metricsOf(rf);
    expect(m.reflow).toMatchObject({ base, k: 1, n_pairs: 2000, guidance: 1 });
    // Each class's samples at its own blob, as the base's: the couples were made and learned under their own class.
    for (const k of [0, 1]) {
      const { share, points } = sampleClass(rf, k, 20);
      expect(share).toBeGreaterThanOrEqual(0.95);
      const left = leftShare(points);
      expect(k === 0 ? left : 1 - left).toBeGreaterThanOrEqual(0.95);
    }
    // Straighter (1 = straight lines): the rectified flow's paths bend at most half as much as the base's.
    const sBase = metricsOf(base).straightness, s1 = m.straightness;
    expect(sBase).toBeGreaterThan(1.02);
    expect(s1 - 1).toBeLessThan(0.5 * (sBase - 1));
    // Fewer steps: with 2 Euler steps the base shrinks each blob towards its mean, the rectified flow much less.
    for (const k of [0, 1]) {
      const off = (run: string) => Math.abs(spreadY(sampleClass(run, k, 2).points) - 0.2);
      expect(off(rf)).toBeLessThan(off(base));
    }
  });

  it('refuses an unconditional config for a conditional base: one message naming model.conditional, exit 2, nothing written', () => {
    const out = path.join(dir, 'plain-rf');
    const r = runFv(['reflow', '--base', base, ...RUN(dir), 'model.conditional=false', `output.dir=${out}`], { cwd: dir, env: ENV });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/The base model in .* is conditional \(on class\), but the config says model\.conditional=false/);
    expect(r.stderr).toMatch(/model\.conditional=true/);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(existsSync(out)).toBe(false);
  });
});
