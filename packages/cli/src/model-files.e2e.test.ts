import { cpSync, readFileSync, readdirSync, rmSync, writeFileSync, truncateSync, statSync } from 'node:fs';
import path from 'node:path';
import { runFv, tmpDir, STACK_LINE } from './test-utils/run-fv.js';

/**
 * Bad model and data files: `fv visualize` on a model that is missing, truncated, corrupt or from another
 * architecture, and datasets reading files that are not there. One clear message each, exit 2, no stack trace,
 * and nothing already written is damaged.
 */
const base = ['--config', 'configs/quick.yaml', 'training.n_epochs=1', 'data.n_samples=500', 'model.hidden_dims=[16,16]', 'visualization.renderers=[vega]', 'visualization.options={vega: {plots: [comparison], formats: [png]}}'];
const good = path.join(tmpDir('fv-model-'), 'good');

function copyOfGood(): string {
  const dir = path.join(tmpDir('fv-model-'), 'copy');
  cpSync(good, dir, { recursive: true });
  return dir;
}

function weightsFile(dir: string): string {
  const modelDir = path.join(dir, 'models/velocity_net');
  const f = readdirSync(modelDir).find((n) => n.endsWith('.bin'));
  if (!f) throw new Error(`no weights file in ${modelDir}`);
  return path.join(modelDir, f);
}

describe('bad model and data files', () => {
  beforeAll(() => {
    const r = runFv(['train', ...base, `output.dir=${good}`, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  const visualize = (dir: string, extra: string[] = []) => runFv(['visualize', ...base, `output.dir=${dir}`, ...extra], { timeoutMs: 120_000 });

  it('a model.json that is not JSON', () => {
    const dir = copyOfGood();
    writeFileSync(path.join(dir, 'models/velocity_net/model.json'), '{"format": "layers-mod');
    const r = visualize(dir);
    expect(r.stderr).toMatch(/model/i);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it('a truncated weights file', () => {
    const dir = copyOfGood();
    const w = weightsFile(dir);
    truncateSync(w, Math.floor(statSync(w).size / 2));
    const r = visualize(dir);
    expect(r.stderr).toMatch(/weights|truncated|bytes/i);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it('a missing weights file', () => {
    const dir = copyOfGood();
    rmSync(weightsFile(dir));
    const r = visualize(dir);
    expect(r.stderr).toMatch(/weights/i);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it('a model from another architecture', () => {
    const dir = copyOfGood();
    const r = visualize(dir, ['model.hidden_dims=[32,32]']);
    expect(r.stderr).toMatch(/hidden_dims \[16, 16\].*config asks for \[32, 32\]/);
    expect(r.status).toBe(2);
  });

  it('no model at all', () => {
    const r = visualize(path.join(tmpDir(), 'nothing'));
    expect(r.stderr).toMatch(/No trained model|not found|fv train/i);
    expect(r.status).toBe(2);
  });

  it('a failed visualize leaves the earlier outputs intact', () => {
    const dir = copyOfGood();
    const before = readFileSync(path.join(dir, 'models/velocity_net/model.json'), 'utf8');
    const cfg = readFileSync(path.join(dir, 'config.yaml'), 'utf8');
    const r = visualize(dir, ['model.hidden_dims=[8]']);
    expect(r.status).toBe(2);
    expect(readFileSync(path.join(dir, 'models/velocity_net/model.json'), 'utf8')).toBe(before);
    expect(readFileSync(path.join(dir, 'config.yaml'), 'utf8')).toBe(cfg);
  });

  it.each([
    ['points', 'data.options.file=no-such-points.csv', /no-such-points\.csv/],
    ['svg', 'data.options.file=no-such-shape.svg', /no-such-shape\.svg/],
    ['image', 'data.options.file=no-such-picture.png', /no-such-picture\.png/],
  ])('dataset %s reading a file that is not there', (name, opt, pattern) => {
    const r = runFv(['run', ...base, `data.name=${name}`, opt, `output.dir=${path.join(tmpDir(), 'x')}`], { timeoutMs: 60_000 });
    expect(r.stderr).toMatch(pattern);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it('a dataset option of the wrong type names the option', () => {
    const r = runFv(['run', ...base, 'data.name=moons', 'data.options.vertical_offset=high'], { timeoutMs: 60_000 });
    expect(r.stderr).toMatch(/'data\.options\.vertical_offset' must be a number, got 'high'/);
    expect(r.status).toBe(2);
  });

  it('an unknown dataset option suggests the right one', () => {
    const r = runFv(['run', ...base, 'data.name=moons', 'data.options.vertical_ofset=1'], { timeoutMs: 60_000 });
    expect(r.stderr).toMatch(/Unknown key 'data\.options\.vertical_ofset'.*Did you mean 'vertical_offset'\?/);
    expect(r.status).toBe(2);
  });
});
