import { spawnSync } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, tmpDir } from './test-utils/run-fv.js';

/**
 * Every ```js block of each package's README runs as written: an ES module in a folder outside the workspace whose
 * node_modules is the workspace's (so the blocks import the packages by name, as a third party does).
 */
const LIBRARY_PACKAGES = ['core', 'couplings', 'datasets', 'backends', 'integrators', 'renderers'];

function jsBlocks(readme: string): string[] {
  return [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
}

const dir = tmpDir('fv-readme-');
symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');

const cases = LIBRARY_PACKAGES.flatMap((p): [string, string, number, string][] => {
  const blocks = jsBlocks(readFileSync(path.join(REPO_ROOT, 'packages', p, 'README.md'), 'utf8'));
  return blocks.length ? blocks.map((code, i): [string, string, number, string] => [`${p} #${i + 1}`, p, i, code]) : [[`${p} (no example)`, p, -1, '']];
});

describe('package READMEs', () => {
  it.each(cases)('%s runs as written', (_label, p, i, code) => {
    expect({ [p]: i >= 0 ? 'has a runnable ```js example' : 'has none' }).toEqual({ [p]: 'has a runnable ```js example' });
    const file = path.join(dir, `${p}-${i}.mjs`);
    writeFileSync(file, code);
    const r = spawnSync(process.execPath, [file], { cwd: dir, encoding: 'utf8' });
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    expect(r.stdout.length).toBeGreaterThan(0);
  }, 120_000);

  it("shows the root README's contract-suite snippet exactly as examples/plugin-dataset-heart runs it", () => {
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const snippet = jsBlocks(readme).find((b) => b.includes('describeDatasetContract'))!;
    const test = readFileSync(path.join(REPO_ROOT, 'examples/plugin-dataset-heart/test/readme-snippet.test.js'), 'utf8');
    expect(test).toContain(snippet);
  });
});
