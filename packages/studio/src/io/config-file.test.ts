import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { isFvError } from '@flow-visualizer/core';
import { exportConfigYaml, importConfigYaml } from './config-file.js';
import { isConfigError, resolveValues } from './problems.js';
import { runFv, thrown, tmpDir, TINY_VALUES } from './test-utils/fv.js';

let dir: string;
beforeAll(() => (dir = tmpDir()));
afterAll(() => rmSync(dir, { recursive: true, force: true }));


describe('config.yaml export', () => {
  it('runs with the real `fv run --config` and gives the losses of the same run from a hand-written config', () => {
    // As the page holds them: a device only a browser has, pairing and a seed changed from the defaults.
    const page = { ...TINY_VALUES, training: { ...TINY_VALUES.training, device: 'webgl' }, flow: { pairing: 'ot' }, output: { dir: 'from-page' } };
    const text = exportConfigYaml(page);
    expect(text).toMatch(/^# Flow Studio settings/);
    expect(text).toContain('hidden_dims: [16, 16]');
    expect(text).toMatch(/training.device was 'webgl' in the page/);
    expect(parse(text).training).toMatchObject({ device: 'auto', seed: 7 });
    writeFileSync(path.join(dir, 'exported.yaml'), text);
    writeFileSync(path.join(dir, 'by-hand.yaml'), [
      'data: { name: moons, n_samples: 200 }',
      'model: { hidden_dims: [16, 16] }',
      'training: { n_epochs: 3, batch_size: 50, seed: 7 }',
      'flow: { pairing: ot }',
      'visualization: { n_sampling_steps: 4, n_generated: 100, n_metric_samples: 100, n_shown_target: 100, renderers: [canvas] }',
      'output: { dir: by-hand }',
      '',
    ].join('\n'));
    const a = runFv(['run', '--config', 'exported.yaml'], dir);
    expect([a.status, a.stderr]).toEqual([0, '']);
    const b = runFv(['run', '--config', 'by-hand.yaml'], dir);
    expect([b.status, b.stderr]).toEqual([0, '']);
    const metrics = (d: string) => JSON.parse(readFileSync(path.join(dir, d, 'metrics.json'), 'utf8'));
    expect(metrics('from-page').loss_history).toHaveLength(3);
    expect(metrics('from-page').loss_history).toEqual(metrics('by-hand').loss_history);
    expect(metrics('from-page').sliced_w1).toBe(metrics('by-hand').sliced_w1);
    // The resolved configs the two runs wrote differ only in output.dir.
    const resolved = (d: string) => ({ ...parse(readFileSync(path.join(dir, d, 'config.yaml'), 'utf8')), output: null });
    expect(resolved('from-page')).toEqual(resolved('by-hand'));
  });

  it('changedOnly writes the keys that differ from the defaults and the seed; it reads back to the same values', () => {
    const page = { ...TINY_VALUES, data: { ...TINY_VALUES.data, options: { points: [[0.5, -1], [1.25, 2]] } } };
    const text = exportConfigYaml(page, { changedOnly: true, fileName: 'moons.yaml' });
    expect(text).toContain('# Reproduce the run: fv run --config moons.yaml');
    expect(text).toContain('seed: 7');
    expect(text).not.toContain('grid_size');
    expect(text).toContain('- [0.5, -1]');
    expect(importConfigYaml(text).values).toEqual(resolveValues(page));
    // The full export reads back the same too.
    expect(importConfigYaml(exportConfigYaml(page)).values).toEqual(resolveValues(page));
  });

  it('refuses impossible settings with one problem per key, as fv run does', () => {
    const e = thrown(() => exportConfigYaml({ training: { n_epochs: 0, batch_size: 'many' }, model: { hidden_dim: [3] } }));
    expect(isFvError(e) && isConfigError(e)).toBe(true);
    expect(e.code).toBe('CONFIG_INVALID');
    const byKey = Object.fromEntries(e.problems.map((p: { key: string; message: string }) => [p.key, p.message]));
    expect(Object.keys(byKey).sort()).toEqual(['model.hidden_dim', 'training.batch_size', 'training.n_epochs']);
    expect(byKey['training.n_epochs']).toMatch(/'training.n_epochs' must be > 0, got 0/);
    expect(byKey['model.hidden_dim']).toMatch(/Did you mean 'hidden_dims'\?/);
  });
});

describe('config.yaml import', () => {
  it('reads a CLI config with per-key messages naming the file, and YAML errors with line:column', () => {
    const bad = thrown(() => importConfigYaml('training:\n  n_epoch: 5\n  learning_rate: -1\n', 'runs/a/config.yaml'));
    expect(bad.code).toBe('CONFIG_INVALID');
    expect(bad.problems.map((p: { key: string }) => p.key).sort()).toEqual(['training.learning_rate', 'training.n_epoch']);
    expect(bad.message).toMatch(/Unknown key 'training.n_epoch' \(in runs\/a\/config.yaml\)\. Did you mean 'n_epochs'\?/);
    expect(bad.hint).toMatch(/config.yaml that `fv run` wrote/);
    const yaml = thrown(() => importConfigYaml('data:\n  name: [moons\n', 'x.yaml'));
    expect(yaml.code).toBe('CONFIG_PARSE');
    expect(yaml.message).toMatch(/^YAML syntax error in x\.yaml:\d+:\d+/);
    expect(thrown(() => importConfigYaml('- a\n- b\n')).message).toMatch(/must be a mapping.*got a list/);
    expect(thrown(() => importConfigYaml('a: &a [1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n')).code).toBe('CONFIG_PARSE');
  });

  it('warns (not fatal) about what a page cannot follow: extends, plugins, a CLI-only device', () => {
    const r = importConfigYaml('extends: base.yaml\nplugins: [my-plugin]\ntraining: { device: native, n_epochs: 9 }\n');
    expect(r.values.training).toMatchObject({ device: 'auto', n_epochs: 9 });
    expect(r.warnings.join('\n')).toMatch(/'extends: "base.yaml"'.*not followed/);
    expect(r.warnings.join('\n')).toMatch(/plugins \(my-plugin\) are not loaded/);
    expect(r.warnings.join('\n')).toMatch(/'native' exists only in the CLI/);
  });
});
