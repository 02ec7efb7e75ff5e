import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './test-utils/run-fv.js';

/**
 * Package boundaries, enforced so they cannot drift: core imports nothing of ours; plugin packages import only
 * core; only the cli wires plugins together. Checked on package.json dependencies and on every import in src.
 */
const PLUGINS = ['datasets', 'couplings', 'backends', 'integrators', 'renderers'];
const ALLOWED: Record<string, string[]> = {
  core: [],
  ...Object.fromEntries(PLUGINS.map((p) => [p, ['core']])),
  cli: ['core', ...PLUGINS],
};

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.(ts|mts|js|mjs)$/.test(f) ? [p] : [];
  });
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
  });

  it('every package is native ESM with an exports map and type declarations', () => {
    for (const pkg of Object.keys(ALLOWED)) {
      const pj = JSON.parse(readFileSync(path.join(REPO_ROOT, 'packages', pkg, 'package.json'), 'utf8'));
      expect([pkg, pj.type]).toEqual([pkg, 'module']);
      expect(pj.name).toBe(`@flow-visualizer/${pkg}`);
      expect(pj.exports['.'].types).toMatch(/\.d\.ts$/);
      expect(existsSync(path.join(REPO_ROOT, 'packages', pkg, pj.exports['.'].types))).toBe(true);
    }
  });
});
