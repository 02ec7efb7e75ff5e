import { spawnSync } from 'node:child_process';
import { mkdtempSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('library usage example', () => {
  it('trains and draws through the library API alone', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'fv-lib-')), 'out');
    const r = spawnSync(process.execPath, ['index.js', out], { cwd: here, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/epoch 5\/5 loss/);
    expect(r.stdout).toMatch(/sliced_w1: \d/);
    const metrics = JSON.parse(readFileSync(path.join(out, 'metrics.json'), 'utf8'));
    expect(metrics.loss_history).toHaveLength(5);
    expect(existsSync(path.join(out, 'models/velocity_net/model.json'))).toBe(true);
    expect(existsSync(path.join(out, 'visualizations/comparison.png'))).toBe(true);
  });

  it('trains, samples, scores and draws its own points with no renderer plugin registered', () => {
    const png = path.join(mkdtempSync(path.join(tmpdir(), 'fv-lib-')), 'samples.png');
    const r = spawnSync(process.execPath, ['train-score-draw.js', png], { cwd: here, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/losses: \d\.\d{4} \d\.\d{4} \d\.\d{4}/);
    expect(r.stdout).toMatch(/sliced_w1: \d/);
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
  });

  it('resolves a config that names the default renderers when none is registered, and still takes the old train call (warned once)', () => {
    const script = `
      import { PluginRegistry, resolvePlugins, train } from '@flow-visualizer/core';
      import { resolveConfig } from '@flow-visualizer/core/node';
      import { shapeDatasetPlugins } from '@flow-visualizer/datasets';
      import { cpuBackendPlugin } from '@flow-visualizer/backends';
      import { builtinCouplingPlugins } from '@flow-visualizer/couplings';
      const { config } = resolveConfig({ values: { data: { n_samples: 200 }, model: { hidden_dims: [8] }, training: { n_epochs: 1, device: 'cpu' } } });
      const plugins = await resolvePlugins(config, new PluginRegistry([...shapeDatasetPlugins(), cpuBackendPlugin(), ...builtinCouplingPlugins()]), { baseDir: '.', log: console.log, only: ['dataset', 'backend', 'path', 'pairing', 'source', 'renderers'] });
      const a = await train(config, plugins);
      const b = await train(config, plugins);
      console.log('renderers ' + plugins.renderers.length + ' epochs ' + (a.epochsDone + b.epochsDone));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: here, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('No renderer plugins are registered: visualization.renderers (vega, canvas, report) left out');
    expect(r.stdout).toContain('renderers 0 epochs 2');
    expect(r.stderr.match(/is deprecated: call train\(\{ config, plugins/g)).toHaveLength(1);
  });

  it('uses no cli and no DI container', () => {
    const src = readFileSync(path.join(here, 'index.js'), 'utf8');
    expect(src).not.toMatch(/@flow-visualizer\/cli|tsyringe|reflect-metadata/);
  });
});
