import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { runFv, tmpDir, STACK_LINE } from '../test-utils/run-fv.js';
import { TINY } from '../test-utils/tiny-run.js';

/**
 * Issue 29, items 13-15: a run's config.yaml means that run from any working folder, a model is never drawn
 * under another run's settings, `fv reflow --base` takes the base's own config, and a redrawing keeps the
 * run's record. Two tiny runs, in two working folders that both have an `outputs/`.
 */
const here = tmpDir('fv-saved-');
const first = path.join(here, 'first');
const second = path.join(here, 'second');
const elsewhere = path.join(here, 'elsewhere');
for (const d of [first, second, elsewhere]) mkdirSync(d);
const firstConfig = path.join(first, 'outputs/config.yaml');

function refused(r: ReturnType<typeof runFv>, pattern: RegExp): void {
  expect(r.stderr).toMatch(pattern);
  expect(r.status).toBe(2);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toMatch(/^ {2}hint: ./);
  expect(r.stderr).not.toMatch(STACK_LINE);
}

beforeAll(() => {
  for (const [cwd, data] of [[first, 'moons'], [second, 'spiral']]) {
    const r = runFv(['run', ...TINY, `data.name=${data}`, 'output.dir=outputs'], { cwd, timeoutMs: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }
});

describe("a run's saved config", () => {
  it('records absolute paths, and samples its own model from any working folder (not the ./outputs there)', () => {
    expect(parseYaml(readFileSync(firstConfig, 'utf8')).output.dir).toBe(path.join(first, 'outputs'));
    const sample = (cwd: string) => {
      const out = path.join(cwd, 'sampled.csv');
      const r = runFv(['sample', '--config', firstConfig, '--n', '64', '--seed', '3', '-o', out], { cwd });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      return readFileSync(out, 'utf8');
    };
    const own = sample(first);
    expect(sample(second)).toBe(own);
    expect(sample(elsewhere)).toBe(own);
  });

  it("refuses a model trained on another dataset than the config's", () => {
    const r = runFv(['sample', '--config', firstConfig, 'output.dir=outputs', '--n', '64'], { cwd: second });
    refused(r, /The model in outputs was trained with other settings than this config: data\.name: "spiral" there, "moons" here/);
  });

  it("fv reflow --base without --config trains on the base's data, into <base>-reflow", () => {
    const r = runFv(['reflow', '--base', 'outputs', '--no-draw', 'training.n_epochs=1', 'reflow.steps=4'], { cwd: first, timeoutMs: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const saved = parseYaml(readFileSync(path.join(first, 'outputs-reflow/config.yaml'), 'utf8'));
    expect([saved.data.name, saved.model.hidden_dims, saved.reflow.base]).toEqual(['moons', [16, 16], path.join(first, 'outputs')]);
  });

  it("fv reflow with a config whose dataset is not the base's: refused unless --other-data", () => {
    refused(runFv(['reflow', '--base', 'outputs', ...TINY, 'data.name=spiral', 'output.dir=spiral-reflow'], { cwd: first }), /The base run outputs was trained on 'moons', but this reflow run's data is 'spiral'/);
    expect(existsSync(path.join(first, 'spiral-reflow'))).toBe(false);
  });

  it('fv visualize with other renderers keeps config.yaml and metrics.json as they were', () => {
    const record = () => ['config.yaml', 'metrics.json'].map((f) => readFileSync(path.join(second, 'outputs', f), 'utf8'));
    const before = record();
    const r = runFv(['visualize', '--config', 'outputs/config.yaml', 'visualization.renderers=[report]'], { cwd: second, timeoutMs: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(record()).toEqual(before);
    expect(existsSync(path.join(second, 'outputs/visualizations/report.html'))).toBe(true);
  });
});
