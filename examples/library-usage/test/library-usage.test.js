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

  it('uses no cli and no DI container', () => {
    const src = readFileSync(path.join(here, 'index.js'), 'utf8');
    expect(src).not.toMatch(/@flow-visualizer\/cli|tsyringe|reflect-metadata/);
  });
});
