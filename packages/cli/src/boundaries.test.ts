import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './test-utils/run-fv.js';

/**
 * Package boundaries, enforced so they cannot drift: core imports nothing of ours; plugin packages import only
 * core; only the two apps wire plugins together, the cli and the studio (which never imports the cli, and in its
 * page code only the browser entries). Checked on package.json dependencies and on every import in src.
 */
const PLUGINS = ['datasets', 'couplings', 'backends', 'integrators', 'renderers'];
const ALLOWED: Record<string, string[]> = {
  core: [],
  ...Object.fromEntries(PLUGINS.map((p) => [p, ['core']])),
  cli: ['core', ...PLUGINS],
  studio: ['core', ...PLUGINS],
};
/** Libraries others import: native ESM with an exports map (the studio is an app, bundled by vite). */
const LIBRARIES = Object.keys(ALLOWED).filter((p) => p !== 'studio');
/** Node-only entries, which the studio's page code (not its tests) must not import. */
const NODE_ONLY = ['@flow-visualizer/backends', '@flow-visualizer/core/node', '@flow-visualizer/datasets/node', '@flow-visualizer/renderers', '@flow-visualizer/cli'];

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.(ts|mts|js|mjs)$/.test(f) ? [p] : [];
  });
}

/** Every specifier of ours imported in `text`, with its subpath: @flow-visualizer/core/node. */
function ourSpecifiers(text: string): string[] {
  return [...new Set([...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](@flow-visualizer\/[a-z/-]+)['"]/g)].map((m) => m[1]))];
}

function ourImports(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](@flow-visualizer\/[a-z-]+)/g)) out.add(m[1].replace('@flow-visualizer/', ''));
  return [...out];
}

describe('package boundaries', () => {
  it.each(Object.entries(ALLOWED))('%s depends only on what it may', (pkg, allowed) => {
    const pj = JSON.parse(readFileSync(path.join(REPO_ROOT, 'packages', pkg, 'package.json'), 'utf8'));
    const deps = Object.keys({ ...pj.dependencies, ...pj.peerDependencies, ...pj.devDependencies })
      .filter((d) => d.startsWith('@flow-visualizer/'))
      .map((d) => d.replace('@flow-visualizer/', ''));
    expect(deps.filter((d) => !allowed.includes(d))).toEqual([]);
  });

  it.each(Object.entries(ALLOWED))('%s source imports only what it may', (pkg, allowed) => {
    const bad: string[] = [];
    for (const f of sourceFiles(path.join(REPO_ROOT, 'packages', pkg, 'src'))) {
      for (const imp of ourImports(readFileSync(f, 'utf8'))) {
        if (imp !== pkg && !allowed.includes(imp)) bad.push(`${path.relative(REPO_ROOT, f)} imports @flow-visualizer/${imp}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('the checker sees imports (so a violation would fail)', () => {
    expect(ourImports("import { x } from '@flow-visualizer/datasets';\nconst m = await import('@flow-visualizer/cli');")).toEqual(['datasets', 'cli']);
    expect(ourSpecifiers("import { x } from '@flow-visualizer/core/node';\nimport { y } from '@flow-visualizer/backends/browser';")).toEqual(['@flow-visualizer/core/node', '@flow-visualizer/backends/browser']);
  });

  it('every package folder is listed here (a new one cannot slip past the checks)', () => {
    const dirs = readdirSync(path.join(REPO_ROOT, 'packages')).filter((d) => existsSync(path.join(REPO_ROOT, 'packages', d, 'package.json')));
    expect(dirs.sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  it('the studio\'s page code imports only browser entries of our packages', () => {
    const bad: string[] = [];
    for (const f of sourceFiles(path.join(REPO_ROOT, 'packages/studio/src')).filter((f) => !/\.(test|e2e\.test)\.ts$|__fixtures__|test-utils/.test(f))) {
      for (const spec of ourSpecifiers(readFileSync(f, 'utf8'))) if (NODE_ONLY.includes(spec)) bad.push(`${path.relative(REPO_ROOT, f)} imports ${spec}`);
    }
    expect(bad).toEqual([]);
  });

  it('every package is native ESM with an exports map and type declarations', () => {
    for (const pkg of LIBRARIES) {
      const pj = JSON.parse(readFileSync(path.join(REPO_ROOT, 'packages', pkg, 'package.json'), 'utf8'));
      expect([pkg, pj.type]).toEqual([pkg, 'module']);
      expect(pj.name).toBe(`@flow-visualizer/${pkg}`);
      expect(pj.exports['.'].types).toMatch(/\.d\.ts$/);
      expect(existsSync(path.join(REPO_ROOT, 'packages', pkg, pj.exports['.'].types))).toBe(true);
    }
  });
});
