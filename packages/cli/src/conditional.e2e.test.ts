/**
 * Conditional flows through the real `fv` binary (README "Conditional flows"): a class-conditional model on two
 * labelled blobs, guidance at 0 with cond_dropout 1 against an unconditional model, and the bad inputs.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runFv, tmpDir, STACK_LINE } from './test-utils/run-fv.js';
import { snapshotDir } from './test-utils/tiny-run.js';
import { leftShare, readPoints as readPointsText, writeBlobs } from './test-utils/blobs.js';

const ENV = { FV_THREADS: '1' };

/** A small resnet on the blobs, trained in seconds. */
const RUN = (dir: string) => [
  'data.name=points', `data.options.file=${path.join(dir, 'blobs.csv')}`, 'data.options.normalize=false', 'data.noise=0', 'data.n_samples=2000',
  'model.architecture=resnet', 'model.width=32', 'model.n_blocks=2', 'model.expansion=2',
  'training.n_epochs=40', 'training.batch_size=250', 'training.learning_rate=0.003', 'training.evolution_snapshots=0', 'training.ema_decay=0',
  'visualization.n_sampling_steps=20', 'visualization.renderers=[]',
];

function sampleJson(args: string[], cwd: string): Record<string, number> {
  const r = runFv(['sample', ...args, '--n', '2000', '--json'], { cwd, env: ENV });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout);
}

const readPoints = (file: string) => readPointsText(readFileSync(file, 'utf8'));

describe('conditional flows on two labelled blobs', () => {
  const dir = tmpDir('fv-cond-');
  beforeAll(() => writeBlobs(path.join(dir, 'blobs.csv')));

  it('puts ≥ 99% of the samples of each asked class nearest that class\'s blob (C²OT pairing, guidance 1)', () => {
    const out = path.join(dir, 'cond');
    const args = [...RUN(dir), 'model.conditional=true', 'training.cond_dropout=0.1', 'flow.pairing=c2ot', `output.dir=${out}`];
    const t = runFv(['train', ...args], { cwd: dir, env: ENV });
    expect(t.stderr).toBe('');
    expect(t.status).toBe(0);
    const model = JSON.parse(readFileSync(path.join(out, 'models/velocity_net/model.json'), 'utf8'));
    expect(model.modelTopology.config).toMatchObject({ condDim: 2, condition: { on: 'class', classes: 2, nullToken: true } });
    for (const k of [0, 1]) {
      const s = sampleJson([...args, `sampling.class=${k}`, '--out', path.join(dir, `class${k}.csv`)], dir);
      expect(s.nearest_class_share).toBeGreaterThanOrEqual(0.99);
      const share = leftShare(readPoints(path.join(dir, `class${k}.csv`)));
      expect(k === 0 ? share : 1 - share).toBeGreaterThanOrEqual(0.99);
    }
    // By name too; and in proportion (no class asked): both blobs, about half each.
    sampleJson([...args, 'sampling.class=1', '--out', path.join(dir, 'byname.csv')], dir);
    const all = sampleJson([...args, '--out', path.join(dir, 'all.csv')], dir);
    expect(all.nearest_class_share).toBeGreaterThanOrEqual(0.99);
    expect(Math.abs(leftShare(readPoints(path.join(dir, 'all.csv'))) - 0.5)).toBeLessThan(0.05);

    // Bad sampling input: a class that does not exist, and guidance is fine (the model has a null token).
    const before = snapshotDir(out);
    const bad = runFv(['sample', ...args, 'sampling.class=7', '--json'], { cwd: dir, env: ENV });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/sampling\.class=7 is not a class of this model: it has 2/);
    expect(bad.stderr).not.toMatch(STACK_LINE);
    const badName = runFv(['sample', ...args, 'sampling.class=purple', '--json'], { cwd: dir, env: ENV });
    expect(badName.status).toBe(2);
    expect(badName.stderr).toMatch(/sampling\.class=purple is not a class/);
    expect(snapshotDir(out)).toEqual(before);
  });

  it('with cond_dropout 1 and guidance 0 it is the unconditional model: the class asked changes nothing, and the distribution matches an unconditional run', () => {
    const cond = path.join(dir, 'drop1'), plain = path.join(dir, 'plain');
    const condArgs = [...RUN(dir), 'model.conditional=true', 'training.cond_dropout=1', `output.dir=${cond}`];
    const plainArgs = [...RUN(dir), `output.dir=${plain}`];
    for (const a of [condArgs, plainArgs]) expect(runFv(['train', ...a], { cwd: dir, env: ENV }).status).toBe(0);
    const a0 = sampleJson([...condArgs, 'sampling.guidance=0', 'sampling.class=0', '--out', path.join(dir, 'g0c0.csv')], dir);
    sampleJson([...condArgs, 'sampling.guidance=0', 'sampling.class=1', '--out', path.join(dir, 'g0c1.csv')], dir);
    expect(readFileSync(path.join(dir, 'g0c0.csv'), 'utf8')).toBe(readFileSync(path.join(dir, 'g0c1.csv'), 'utf8'));
    const u = sampleJson([...plainArgs, '--out', path.join(dir, 'plain.csv')], dir);
    const pc = readPoints(path.join(dir, 'g0c0.csv')), pu = readPoints(path.join(dir, 'plain.csv'));
    expect(Math.abs(leftShare(pc) - leftShare(pu))).toBeLessThan(0.06);
    // Both as close to the data as each other: sliced W1 within a factor 2 (each a few times the 2000-point floor).
    expect(a0.sliced_w1 / u.sliced_w1).toBeGreaterThan(0.5);
    expect(a0.sliced_w1 / u.sliced_w1).toBeLessThan(2);
  });
});

describe('conditional bad input: exit 2, one clear message, nothing written', () => {
  const dir = tmpDir('fv-cond-bad-');
  beforeAll(() => {
    writeBlobs(path.join(dir, 'blobs.csv'), 400);
    writeFileSync(path.join(dir, 'plain.csv'), 'x,y\n0,0\n1,1\n2,0\n1,-1\n');
    writeFileSync(path.join(dir, 'garbage.csv'), 'x,y,label\n0,0,0\n1,1,1\n2,0,blue\n');
  });
  const refuse = (args: string[], message: RegExp) => {
    const out = path.join(dir, 'out');
    const r = runFv(['train', ...args, `output.dir=${out}`, 'training.n_epochs=1', 'visualization.renderers=[]'], { cwd: dir, env: ENV });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(existsSync(path.join(out, 'config.yaml'))).toBe(false);
    expect(existsSync(path.join(out, 'models/velocity_net'))).toBe(false);
  };

  it('refuses classes of a dataset without labels', () => {
    refuse(['data.name=points', 'data.options.file=plain.csv', 'data.n_samples=4', 'training.batch_size=4', 'model.conditional=true'], /Dataset 'points' has no labels, so model.condition=class has nothing to condition on/);
  });

  it('refuses a label column with garbage', () => {
    refuse(['data.name=points', 'data.options.file=garbage.csv', 'model.conditional=true'], /garbage\.csv', line 4: label 'blue' is not a class number/);
  });

  it('refuses C²OT on an unconditional run, and resmlp as a conditional net', () => {
    refuse(['data.name=moons', 'data.n_samples=200', 'flow.pairing=c2ot'], /flow\.pairing=c2ot couples by condition, but model\.conditional is false/);
    refuse(['data.name=moons', 'data.n_samples=200', 'model.conditional=true', 'model.architecture=resmlp'], /model\.conditional needs model\.architecture mlp or resnet/);
  });

  it('refuses guidance of a model trained without dropout, and a class of an unconditional model', () => {
    const base = ['data.name=points', `data.options.file=blobs.csv`, 'data.n_samples=400', 'model.architecture=resnet', 'model.width=16', 'model.n_blocks=1', 'model.expansion=2', 'training.n_epochs=1', 'training.evolution_snapshots=0', 'visualization.renderers=[]'];
    for (const [name, extra, sample, message] of [
      ['nodrop', ['model.conditional=true', 'training.cond_dropout=0'], 'sampling.guidance=2', /sampling\.guidance=2 needs the unconditional velocity, which a model trained with training\.cond_dropout=0 never learned/],
      ['uncond', [], 'sampling.class=0', /sampling\.class=0 asks for a class, but this run is not conditional/],
    ] as const) {
      const out = path.join(dir, name);
      expect(runFv(['train', ...base, ...extra, `output.dir=${out}`], { cwd: dir, env: ENV }).status).toBe(0);
      const before = snapshotDir(out);
      for (const cmd of [['sample', '--n', '50'], ['visualize']]) {
        const r = runFv([...cmd, ...base, ...extra, sample, `output.dir=${out}`], { cwd: dir, env: ENV });
        expect(r.status).toBe(2);
        expect(r.stderr).toMatch(message);
        expect(r.stderr).not.toMatch(STACK_LINE);
      }
      expect(snapshotDir(out)).toEqual(before);
    }
  });
});
