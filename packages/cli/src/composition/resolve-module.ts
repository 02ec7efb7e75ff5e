import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FvError, errorMessage } from '@flow-visualizer/core';

/** Is this plugin spec a file path (./x.js, ../x, /abs/x.mjs) rather than an npm package name? */
export function isPathSpec(spec: string): boolean {
  return spec.startsWith('.') || path.isAbsolute(spec) || /\.(m?js|cjs)$/.test(spec);
}

function splitName(spec: string): { name: string; subpath: string } {
  const parts = spec.split('/');
  const n = spec.startsWith('@') ? 2 : 1;
  const name = parts.slice(0, n).join('/');
  const rest = parts.slice(n).join('/');
  return { name, subpath: rest ? `./${rest}` : '.' };
}

function entryOf(exp: unknown): string | undefined {
  if (typeof exp === 'string') return exp;
  if (Array.isArray(exp)) return exp.map(entryOf).find(Boolean);
  if (exp && typeof exp === 'object') {
    const e = exp as Record<string, unknown>;
    for (const k of ['import', 'node', 'default', 'module']) {
      const r = entryOf(e[k]);
      if (r) return r;
    }
  }
  return undefined;
}

/**
 * Finds the ESM entry file of an installed package by walking up node_modules folders from `fromDir` (Node's
 * own algorithm, with the `import` condition of the exports map, which createRequire cannot do).
 */
export function resolvePackageEntry(spec: string, fromDir: string): string | undefined {
  const { name, subpath } = splitName(spec);
  for (let dir = path.resolve(fromDir); ; dir = path.dirname(dir)) {
    const pkgDir = path.join(dir, 'node_modules', name);
    const pj = path.join(pkgDir, 'package.json');
    if (existsSync(pj)) {
      let pkg: { exports?: unknown; main?: string; module?: string };
      try {
        pkg = JSON.parse(readFileSync(pj, 'utf8')) as typeof pkg;
      } catch (e) {
        throw new FvError('PLUGIN_LOAD', `Plugin package '${spec}' has a malformed package.json (${pj}): ${errorMessage(e).split('\n')[0]}.`, {
          hint: 'Reinstall the package (npm install), or fix its package.json if it is your own.',
          cause: e,
        });
      }
      if (!pkg || typeof pkg !== 'object') {
        throw new FvError('PLUGIN_LOAD', `Plugin package '${spec}' has a package.json that is not a JSON object (${pj}).`, { hint: 'Reinstall the package (npm install).' });
      }
      let rel: string | undefined;
      if (pkg.exports !== undefined) {
        const exp = pkg.exports as Record<string, unknown> | string;
        const isMap = typeof exp === 'object' && !Array.isArray(exp) && Object.keys(exp).some((k) => k.startsWith('.'));
        rel = entryOf(isMap ? (exp as Record<string, unknown>)[subpath] : subpath === '.' ? exp : undefined);
      } else {
        rel = subpath === '.' ? (pkg.module ?? pkg.main ?? 'index.js') : subpath;
      }
      return rel ? path.join(pkgDir, rel) : undefined;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}
