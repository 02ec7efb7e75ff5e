import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, tmpDir } from './test-utils/run-fv.js';

/**
 * Every package as a user gets it: `npm pack`, then install the tarballs into an empty folder outside the
 * workspace, import each package, and run the installed `fv`.
 */
const PACKAGES = ['core', 'datasets', 'backends', 'integrators', 'renderers', 'cli'];

describe('npm pack tarballs install and import outside the workspace', () => {
  const root = tmpDir('fv-pack-');
  const tarballs = path.join(root, 'tarballs');
  const consumer = path.join(root, 'consumer');

  // A clean npm environment: the npm_* variables of the `npm test` that runs us would point npm at the workspace.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));

  beforeAll(() => {
    mkdirSync(tarballs, { recursive: true });
    mkdirSync(consumer, { recursive: true });
    for (const p of PACKAGES) {
      execFileSync('npm', ['pack', '--silent', '--pack-destination', tarballs], { cwd: path.join(REPO_ROOT, 'packages', p), stdio: 'pipe', env });
    }
    writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }));
    const files = readdirSync(tarballs).map((f) => path.join(tarballs, f));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...files], { cwd: consumer, stdio: 'pipe', env });
  }, 600_000);

  it('packs one tarball per package, each with dist and type declarations', () => {
    const names = readdirSync(tarballs);
    expect(names).toHaveLength(PACKAGES.length);
    for (const p of PACKAGES) {
      const listing = execFileSync('tar', ['-tzf', path.join(tarballs, names.find((n) => n.startsWith(`flow-visualizer-${p}-`))!)], { encoding: 'utf8' });
      expect(listing).toContain('package/dist/index.js');
      expect(listing).toContain('package/dist/index.d.ts');
      expect(listing).not.toMatch(/\.test\.(js|ts)/);
    }
  });

  // Every entry of the exports maps: the main ones, the Node-only ones and the browser-safe ones.
  const ENTRIES = ['core', 'core/node', 'core/testing', 'datasets', 'datasets/node', 'backends', 'backends/browser', 'integrators', 'renderers', 'renderers/specs'];
  it.each(ENTRIES)('imports @flow-visualizer/%s', (p) => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', `const m = await import('@flow-visualizer/${p}'); process.stdout.write(String(Object.keys(m).length))`], { cwd: consumer, encoding: 'utf8' });
    // (a number given to console.log would come back coloured under nx, which sets FORCE_COLOR)
    expect([r.status, r.stderr, r.error?.message]).toEqual([0, '', undefined]);
    expect(Number(r.stdout.trim())).toBeGreaterThan(0);
  });

  it('runs the installed fv', () => {
    const fv = path.join(consumer, 'node_modules/.bin/fv');
    const v = spawnSync(fv, ['--version'], { cwd: consumer, encoding: 'utf8' });
    expect(v.status).toBe(0);
    const d = spawnSync(fv, ['data', 'moons', 'data.n_samples=100', '--out', 'moons.csv'], { cwd: consumer, encoding: 'utf8' });
    expect(d.stderr).toBe('');
    expect(d.status).toBe(0);
  });
});
