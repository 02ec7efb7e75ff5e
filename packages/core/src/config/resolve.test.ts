import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveConfig } from './resolve.js';
import { FvError } from '../errors.js';

function tmp(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'fv-config-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

function codeOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(FvError);
    return { code: (e as FvError).code, message: (e as FvError).message };
  }
  throw new Error('expected an FvError');
}

describe('resolveConfig', () => {
  it('has every default of the original tool under the same key', () => {
    const { config } = resolveConfig();
    expect(config.data).toMatchObject({ name: 'trex', n_samples: 10000, noise: 0.02 });
    expect(config.model).toMatchObject({ data_dim: 2, time_embed_dim: 64, hidden_dims: [128, 256, 256, 128], architecture: 'mlp' });
    expect(config.training).toMatchObject({ n_epochs: 300, batch_size: 256, learning_rate: 0.003, device: 'auto', log_interval: 50, seed: 42 });
    expect(config.visualization).toMatchObject({ n_sampling_steps: 100, grid_size: 20 });
    expect(config.output.dir).toBe('outputs');
    expect(Object.isFrozen(config.training)).toBe(true);
  });

  it('layers defaults ◄ extends chain ◄ file ◄ overrides', () => {
    const dir = tmp({
      'base.yaml': 'training:\n  n_epochs: 10\n  batch_size: 64\ndata:\n  noise: 0.1\n',
      'mid.yaml': 'extends: base.yaml\ntraining:\n  n_epochs: 20\n',
      'top.yaml': 'extends: mid.yaml\ndata:\n  name: moons\n',
    });
    const { config } = resolveConfig({
      configFile: path.join(dir, 'top.yaml'),
      overrides: ['training.batch_size=32', 'model.hidden_dims=[256,512,512,256]', 'data.noise=0.05', 'output.dir=out/x'],
    });
    expect(config.training.n_epochs).toBe(20);
    expect(config.training.batch_size).toBe(32);
    expect(config.model.hidden_dims).toEqual([256, 512, 512, 256]);
    expect(config.data).toMatchObject({ name: 'moons', noise: 0.05 });
    expect(config.output.dir).toBe('out/x');
    expect(config.training.learning_rate).toBe(0.003);
  });

  it('reads booleans, strings and lists in overrides, and ~key restores the default', () => {
    const { config } = resolveConfig({ overrides: ['visualization.renderers=[vega,canvas]', 'training.device=cpu', '~training.device'] });
    expect(config.visualization.renderers).toEqual(['vega', 'canvas']);
    expect(config.training.device).toBe('auto');
  });

  it('names the missing file', () => {
    const e = codeOf(() => resolveConfig({ configFile: '/nonexistent/x.yaml' }));
    expect(e.code).toBe('CONFIG_NOT_FOUND');
    expect(e.message).toContain('x.yaml');
  });

  it('gives the line of a YAML syntax error', () => {
    const dir = tmp({ 'bad.yaml': 'training:\n  n_epochs: 10\n bad: [1, 2\n' });
    const e = codeOf(() => resolveConfig({ configFile: path.join(dir, 'bad.yaml') }));
    expect(e.code).toBe('CONFIG_PARSE');
    expect(e.message).toMatch(/bad\.yaml:\d+:\d+/);
  });

  it('suggests the closest key for an unknown one, in the file or an override', () => {
    const dir = tmp({ 'c.yaml': 'training:\n  n_epoch: 10\n' });
    const e = codeOf(() => resolveConfig({ configFile: path.join(dir, 'c.yaml') }));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain("Unknown key 'training.n_epoch'");
    expect(e.message).toContain("Did you mean 'n_epochs'?");
    expect(e.message).toContain('c.yaml');
    const o = codeOf(() => resolveConfig({ overrides: ['training.hidden_dims=[1,2]'] }));
    expect(o.message).toContain("'model.hidden_dims'");
  });

  it.each([
    ['training.n_epochs=abc', /'training.n_epochs' must be a number, got 'abc'/],
    ['training.n_epochs=0', /'training.n_epochs' must be > 0/],
    ['training.batch_size=-5', /'training.batch_size' must be > 0/],
    ['training.learning_rate=0', /'training.learning_rate' must be > 0/],
    ['data.n_samples=0', /'data.n_samples' must be > 0/],
    ['training.n_epochs=2.5', /'training.n_epochs'.*integer/],
  ])('rejects %s with a clear message', (override, pattern) => {
    const e = codeOf(() => resolveConfig({ overrides: [override] }));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toMatch(pattern);
    expect(e.message).toContain(`from the override '${override}'`);
  });

  it('detects a cycle of extends', () => {
    const dir = tmp({ 'a.yaml': 'extends: b.yaml\n', 'b.yaml': 'extends: a.yaml\n' });
    expect(codeOf(() => resolveConfig({ configFile: path.join(dir, 'a.yaml') })).code).toBe('CONFIG_EXTENDS_CYCLE');
  });

  it('rejects an override that is not key=value', () => {
    expect(codeOf(() => resolveConfig({ overrides: ['training.n_epochs'] })).code).toBe('OVERRIDE_INVALID');
  });
});

describe('output.relative_to', () => {
  it('config: a relative output.dir from a file starts from that file\'s folder; an override still from the working folder', () => {
    const dir = tmp({ 'config.yaml': 'output:\n  dir: studio-run\n  relative_to: config\n' });
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'fv-cwd-'));
    expect(resolveConfig({ configFile: path.join(dir, 'config.yaml'), cwd: elsewhere }).config.output.dir).toBe(path.join(dir, 'studio-run'));
    expect(resolveConfig({ configFile: path.join(dir, 'config.yaml'), cwd: elsewhere, overrides: ['output.dir=mine'] }).config.output.dir).toBe('mine');
  });

  it('cwd (the default, as configs/*.yaml use): output.dir stays as written', () => {
    const dir = tmp({ 'config.yaml': 'output:\n  dir: outputs/x\n' });
    expect(resolveConfig({ configFile: path.join(dir, 'config.yaml') }).config.output.dir).toBe('outputs/x');
  });
});
