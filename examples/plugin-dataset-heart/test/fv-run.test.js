// Runs the real `fv` binary with a config that names this plugin, by package name and by path.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');
const fv = path.join(repo, 'packages/cli/bin/fv.js');

function run(configText, args = []) {
  const dir = mkdtempSync(path.join(tmpdir(), 'fv-heart-'));
  const config = path.join(dir, 'heart.yaml');
  writeFileSync(config, configText.replaceAll('$OUT', path.join(dir, 'out')).replaceAll('$PLUGIN', path.join(here, '../src/index.js')));
  const r = spawnSync(process.execPath, [fv, ...args, '--config', config], { cwd: repo, encoding: 'utf8' });
  return { ...r, out: path.join(dir, 'out') };
}

const body = `data: { name: heart, n_samples: 1000, options: { fill: false } }
model: { hidden_dims: [32, 32] }
training: { n_epochs: 2 }
visualization: { n_sampling_steps: 5, n_generated: 500, n_shown_target: 500 }
output: { dir: $OUT }
`;

describe('fv with the heart plugin', () => {
  it('loads it by package name and trains on it', () => {
    const r = run(`plugins: [fv-plugin-dataset-heart]\n${body}`, ['run']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(existsSync(path.join(r.out, 'visualizations/comparison.png'))).toBe(true);
    expect(readFileSync(path.join(r.out, 'samples/target.csv'), 'utf8').trim().split('\n')).toHaveLength(1001);
  });

  it('loads it by path, and lists it with its options', () => {
    const r = run(`plugins: [$PLUGIN]\n${body}`, ['list', 'datasets']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/heart\s+A heart/);
    expect(r.stdout).toMatch(/fill \(boolean, default true\)/);
  });

  it('is not there unless a config names it', () => {
    const r = run(body, ['run']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Unknown dataset 'heart'/);
  });

  it('registering it twice is an error naming both', () => {
    const r = run(`plugins: [fv-plugin-dataset-heart, $PLUGIN]\n${body}`, ['run']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Two plugins register the dataset 'heart': 'fv-plugin-dataset-heart:heart' \(from fv-plugin-dataset-heart\) and 'fv-plugin-dataset-heart:heart' \(from .*index\.js\)/);
  });
});
