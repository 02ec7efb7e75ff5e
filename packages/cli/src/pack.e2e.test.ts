import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, tmpDir } from './test-utils/run-fv.js';

/**
 * Every package as a user gets it: `npm pack`, then install the tarballs into an empty folder outside the
 * workspace (ours from the files, the third-party dependencies from the npm cache), import each package, compile
 * and run a strict TypeScript consumer, and run the installed `fv`.
 */
const PACKAGES = ['core', 'couplings', 'datasets', 'backends', 'integrators', 'renderers', 'cli'];

/** The consumer's compiler and Node types: the workspace's versions, so that the npm cache has them. */
const workspaceVersion = (pkg: string) => (JSON.parse(readFileSync(path.join(REPO_ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
const TOOLS = ['typescript', '@types/node'].map((p) => `${p}@${workspaceVersion(p)}`);

/**
 * A third party's script, type-checked with strict settings and every library's declarations checked
 * (skipLibCheck: false): trains, samples, scores and draws with no renderer plugin registered.
 */
const CONSUMER_TS = `
import { ConfigSchema, PluginRegistry, createRng, generate, qualityMetrics, resolvePlugins, sampleTarget, train, validateWith } from '@flow-visualizer/core';
import { shapeDatasetPlugins } from '@flow-visualizer/datasets';
import { cpuBackendPlugin } from '@flow-visualizer/backends';
import { browserBackendPlugins } from '@flow-visualizer/backends/browser';
import { builtinCouplingPlugins } from '@flow-visualizer/couplings';
import { builtinIntegratorPlugins } from '@flow-visualizer/integrators';
import { renderPointsPng } from '@flow-visualizer/renderers';

const config = validateWith(ConfigSchema, {
  data: { name: 'moons', n_samples: 400 },
  model: { hidden_dims: [16] },
  training: { n_epochs: 2, device: 'cpu' },
  visualization: { renderers: [] },
});
const registry = new PluginRegistry([...shapeDatasetPlugins(), cpuBackendPlugin(), ...builtinCouplingPlugins(), ...builtinIntegratorPlugins()]);
const plugins = await resolvePlugins(config, registry, { baseDir: '.' });
const { model, lossHistory } = await train({ config, plugins });
const { x } = await generate(model, plugins.integrator, { n: 400, steps: 8, rng: createRng(1) });
const heldOut = await sampleTarget({ ...config, training: { ...config.training, seed: 2 } }, plugins.dataset);
const floor = await sampleTarget({ ...config, training: { ...config.training, seed: 3 } }, plugins.dataset);
const score: number = qualityMetrics(x, heldOut, floor).sliced_w1;
const file: string = await renderPointsPng(x, 'samples.png');
const browserBackends: number = browserBackendPlugins({ device: 'cpu' }).length;
console.log(JSON.stringify({ epochs: lossHistory.length, score, file, browserBackends }));
model.dispose();
`;

// tfjs-core's declarations name DOM types (ImageData, WebGLTexture): a consumer compiles with the DOM lib.
const CONSUMER_TSCONFIG = {
  compilerOptions: { target: 'ES2022', lib: ['ES2023', 'DOM'], module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: false, types: ['node'], outDir: 'out' },
  files: ['consumer.ts'],
};

describe('npm pack tarballs install and import outside the workspace', () => {
  const root = tmpDir('fv-pack-');
  const tarballs = path.join(root, 'tarballs');
  const consumer = path.join(root, 'consumer');
  const plugins = path.join(root, 'plugins');

  // A clean npm environment: the npm_* variables of the `npm test` that runs us would point npm at the workspace.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));

  beforeAll(() => {
    mkdirSync(tarballs, { recursive: true });
    mkdirSync(consumer, { recursive: true });
    mkdirSync(plugins, { recursive: true });
    for (const p of PACKAGES) {
      execFileSync('npm', ['pack', '--silent', '--pack-destination', tarballs], { cwd: path.join(REPO_ROOT, 'packages', p), stdio: 'pipe', env });
    }
    // A third party's plugin package (core as its peer dependency), installed from its tarball beside ours.
    execFileSync('npm', ['pack', '--silent', '--pack-destination', plugins], { cwd: path.join(REPO_ROOT, 'examples/plugin-dataset-heart'), stdio: 'pipe', env });
    writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }));
    const files = [...readdirSync(tarballs).map((f) => path.join(tarballs, f)), ...readdirSync(plugins).map((f) => path.join(plugins, f))];
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...files, ...TOOLS], { cwd: consumer, stdio: 'pipe', env });
    writeFileSync(path.join(consumer, 'consumer.ts'), CONSUMER_TS);
    writeFileSync(path.join(consumer, 'tsconfig.json'), JSON.stringify(CONSUMER_TSCONFIG, null, 2));
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
  const ENTRIES = ['core', 'core/node', 'core/testing', 'couplings', 'datasets', 'datasets/node', 'backends', 'backends/browser', 'integrators', 'renderers', 'renderers/specs'];
  it.each(ENTRIES)('imports @flow-visualizer/%s', (p) => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', `const m = await import('@flow-visualizer/${p}'); process.stdout.write(String(Object.keys(m).length))`], { cwd: consumer, encoding: 'utf8' });
    // (a number given to console.log would come back coloured under nx, which sets FORCE_COLOR)
    expect([r.status, r.stderr, r.error?.message]).toEqual([0, '', undefined]);
    expect(Number(r.stdout.trim())).toBeGreaterThan(0);
  });

  it('installs one copy of core, which every package shares (a peer dependency)', () => {
    const copies = execFileSync('find', ['node_modules', '-path', '*/@flow-visualizer/core/package.json'], { cwd: consumer, encoding: 'utf8' }).trim().split('\n');
    expect(copies).toEqual(['node_modules/@flow-visualizer/core/package.json']);
  });

  it('compiles a strict TypeScript consumer with skipLibCheck: false, which trains, samples, scores and draws without renderer plugins', () => {
    const tsc = spawnSync(process.execPath, [path.join(consumer, 'node_modules/typescript/bin/tsc'), '-p', '.'], { cwd: consumer, encoding: 'utf8' });
    expect({ status: tsc.status, out: tsc.stdout + tsc.stderr }).toEqual({ status: 0, out: '' });
    const r = spawnSync(process.execPath, ['out/consumer.js'], { cwd: consumer, encoding: 'utf8' });
    expect([r.status, r.stderr]).toEqual([0, '']);
    const out = JSON.parse(r.stdout) as { epochs: number; score: number; file: string; browserBackends: number };
    expect(out.epochs).toBe(2);
    expect(out.score).toBeGreaterThan(0);
    expect(out.browserBackends).toBeGreaterThan(0);
    expect(existsSync(path.join(consumer, 'samples.png'))).toBe(true);
  }, 300_000);

  it("loads a plugin package installed from its tarball, sharing fv's core (its peer dependency)", () => {
    writeFileSync(path.join(consumer, 'heart.yaml'), 'plugins: [fv-plugin-dataset-heart]\n');
    const r = spawnSync(path.join(consumer, 'node_modules/.bin/fv'), ['data', 'heart', '--config', 'heart.yaml', 'data.n_samples=100', '--out', 'heart.csv'], { cwd: consumer, encoding: 'utf8' });
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(readFileSync(path.join(consumer, 'heart.csv'), 'utf8').trim().split('\n').length).toBeGreaterThanOrEqual(100);
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
