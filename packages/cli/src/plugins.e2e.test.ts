import { mkdirSync, writeFileSync, symlinkSync, existsSync } from 'node:fs';
import path from 'node:path';
import { runFv, tmpDir, STACK_LINE, REPO_ROOT } from './test-utils/run-fv.js';

/**
 * Plugins as an outsider would write and load them: a package in a node_modules folder outside the repository
 * (found from the config file's folder), a file given by path, and every way a plugin spec can be wrong.
 */
const dir = tmpDir('fv-plugins-');
const put = (rel: string, text: string) => {
  const p = path.join(dir, rel);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
};

// An outsider's dataset plugin: a plain object, no import of ours needed. A ring of points.
const ringPlugin = `
export default {
  name: 'outsider:ring', kind: 'dataset', id: 'ring', description: 'A ring, from outside the repository.',
  create(options, ctx) {
    return { id: 'ring', sample(n, rng) {
      const p = new Float32Array(2 * n);
      for (let i = 0; i < n; i++) { const a = 2 * Math.PI * rng.next(); p[2*i] = 1.5 * Math.cos(a); p[2*i+1] = 1.5 * Math.sin(a); }
      return p;
    } };
  },
};
`;
put('node_modules/outsider-ring/package.json', JSON.stringify({ name: 'outsider-ring', version: '1.0.0', type: 'module', exports: { '.': { import: './index.js' } } }));
put('node_modules/outsider-ring/index.js', ringPlugin);
put('local/ring.mjs', ringPlugin);
// A plugin that uses core's helpers, resolved through its own node_modules as a real install would.
mkdirSync(path.join(dir, 'node_modules/@flow-visualizer'), { recursive: true });
if (!existsSync(path.join(dir, 'node_modules/@flow-visualizer/core'))) symlinkSync(path.join(REPO_ROOT, 'packages/core'), path.join(dir, 'node_modules/@flow-visualizer/core'));
put('node_modules/outsider-square/package.json', JSON.stringify({ name: 'outsider-square', version: '1.0.0', type: 'module', main: 'index.js' }));
put('node_modules/outsider-square/index.js', `
import { definePlugin, fitToBox } from '@flow-visualizer/core';
export const plugins = [definePlugin({ name: 'outsider:square', kind: 'dataset', id: 'square', description: 'Uniform square.',
  create: () => ({ id: 'square', sample: (n, rng) => fitToBox(rng.fillUniform(new Float32Array(2 * n), -1, 1)) }) })];
`);
put('bad/throws-on-import.js', "throw new Error('boom at import');\n");
put('bad/not-a-plugin.js', 'export default 42;\n');
put('bad/half-a-plugin.js', "export default { name: 'x', kind: 'dataset' };\n");
put('bad/wrong-kind.js', "export default { name: 'x', kind: 'datasource', id: 'x', create() {} };\n");
put('bad/throws-registering.js', "export default () => { throw new Error('cannot register today'); };\n");
put('bad/throws-creating.js', "export default { name: 'bad:create', kind: 'dataset', id: 'broken', description: '', create() { throw new Error('no data for you'); } };\n");
put('bad/empty.js', 'export const plugins = [];\n');
put('bad/trex-again.js', "export default { name: 'mine:trex', kind: 'dataset', id: 'trex', description: 'my trex', create() {} };\n");

function config(name: string, body: string): string {
  return put(`${name}.yaml`, `${body}\nmodel: { hidden_dims: [16] }\ntraining: { n_epochs: 1 }\ndata: { n_samples: 300 }\nvisualization: { n_sampling_steps: 3, n_generated: 200, n_shown_target: 200, renderers: [vega] }\noutput: { dir: ${path.join(dir, 'out', name)} }\n`);
}

describe('loading plugins named by a config', () => {
  it('loads an installed package by name, resolved from the config file\'s folder', () => {
    const r = runFv(['run', '--config', config('by-name', 'plugins: [outsider-ring]'), 'data.name=ring']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(existsSync(path.join(dir, 'out/by-name/visualizations/comparison.png'))).toBe(true);
  });

  it('loads a file by path relative to the config, and a package that imports core', () => {
    const r = runFv(['list', 'datasets', '--config', config('by-path', 'plugins: [./local/ring.mjs, outsider-square]')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/ring\s+A ring, from outside the repository\.\s+\[\.\/local\/ring\.mjs\]/);
    expect(r.stdout).toMatch(/square\s+Uniform square\.\s+\[outsider-square\]/);
    expect(r.stdout).toMatch(/trex\s+.*\[@flow-visualizer\/datasets\]/);
  });

  const bad: [string, string, RegExp, number][] = [
    ['a package that is not installed', 'plugins: [no-such-fv-plugin]', /Plugin package 'no-such-fv-plugin' is not installed/, 2],
    ['a file that does not exist', 'plugins: [./nowhere.js]', /Plugin file '\.\/nowhere\.js' not found/, 2],
    ['a module that throws on import', 'plugins: [./bad/throws-on-import.js]', /Plugin '\.\/bad\/throws-on-import\.js' failed to load: boom at import/, 2],
    ['a module whose export is not a plugin', 'plugins: [./bad/not-a-plugin.js]', /is not a valid FvPlugin: it is not an object/, 2],
    ['a plugin missing id and create', 'plugins: [./bad/half-a-plugin.js]', /not a valid FvPlugin: `id` is missing; `create` is not a function/, 2],
    ['a plugin of an unknown kind', 'plugins: [./bad/wrong-kind.js]', /`kind` must be one of dataset, backend/, 2],
    ['a factory that throws while registering', 'plugins: [./bad/throws-registering.js]', /Plugin '\.\/bad\/throws-registering\.js' threw while registering: cannot register today/, 2],
    ['a module that exports no plugin', 'plugins: [./bad/empty.js]', /Plugin '\.\/bad\/empty\.js' exports no plugin/, 2],
    ['a plugin clashing with a built-in', 'plugins: [./bad/trex-again.js]', /Two plugins register the dataset 'trex': 'fv:dataset-trex' \(from @flow-visualizer\/datasets\) and 'mine:trex' \(from \.\/bad\/trex-again\.js\)/, 2],
    ['a plugin spec that is not a string', 'plugins: [42]', /'plugins\.0' must be a string, got 42/, 2],
    ['a plugin whose create throws', 'plugins: [./bad/throws-creating.js]', /The dataset plugin 'bad:create' failed to start: no data for you/, 1],
  ];

  it.each(bad)('%s: one clear message', (_n, body, pattern, status) => {
    const extra = body.includes('throws-creating') ? ['data.name=broken'] : [];
    const r = runFv(['run', '--config', config(`bad-${_n.replace(/\W+/g, '-')}`, body), ...extra], { timeoutMs: 60_000 });
    expect(r.stderr).toMatch(pattern);
    expect(r.status).toBe(status);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });
});

describe('a single-file plugin outside any node_modules tree', () => {
  // Its own folder, with no node_modules above it: its imports find nothing, whatever fv has installed.
  const alone = tmpDir('fv-plugin-alone-');
  writeFileSync(path.join(alone, 'heart.js'), `import { z } from 'zod';\nimport { definePlugin } from '@flow-visualizer/core';\nexport default definePlugin({ name: 'x', kind: 'dataset', id: 'x', optionsSchema: z.object({}), create: () => ({ id: 'x', sample: () => new Float32Array() }) });\n`);
  writeFileSync(path.join(alone, 'fv.yaml'), 'plugins: [./heart.js]\n');

  it('fails with one message naming the package to install and where, exit 2', () => {
    const r = runFv(['list', 'datasets', '--config', path.join(alone, 'fv.yaml')], { timeoutMs: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Plugin '\.\/heart\.js' imports 'zod', which is not installed where the plugin is/);
    expect(r.stderr).toContain(`cd ${alone} && npm install zod`);
    expect(r.stderr).not.toMatch(/Fix the error in the plugin module/);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it("names the folder of fv's own core for an import of @flow-visualizer/core (one copy of it)", () => {
    writeFileSync(path.join(alone, 'core-only.js'), `import { definePlugin } from '@flow-visualizer/core';\nexport default definePlugin({ name: 'y', kind: 'dataset', id: 'y', create: () => ({ id: 'y', sample: () => new Float32Array() }) });\n`);
    writeFileSync(path.join(alone, 'core.yaml'), 'plugins: [./core-only.js]\n');
    const r = runFv(['list', 'datasets', '--config', path.join(alone, 'core.yaml')], { timeoutMs: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/imports '@flow-visualizer\/core', which is not installed where the plugin is/);
    expect(r.stderr).toContain(`cd ${alone} && npm install ${path.join(REPO_ROOT, 'packages/core')}`);
  });
});
