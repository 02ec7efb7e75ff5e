import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FvError } from '@flow-visualizer/core';

/** The folder of the copy of one of our packages that this fv runs with, if it resolves from here. */
function ourPackageDir(pkg: string): string | undefined {
  try {
    let dir = path.dirname(fileURLToPath(import.meta.resolve(pkg)));
    for (; dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const pj = path.join(dir, 'package.json');
      if (existsSync(pj) && (JSON.parse(readFileSync(pj, 'utf8')) as { name?: string }).name === pkg) return dir;
    }
  } catch {
    // not resolvable from fv either: the generic hint
  }
  return undefined;
}

/** The package name of a bare specifier: `zod/v4` → `zod`, `@scope/pkg/sub` → `@scope/pkg`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * When a plugin module fails to load because one of its bare imports cannot be found, an error that says what to
 * install where: Node resolves a module's imports from the module's own folder upward, never from where fv is
 * installed, so a plugin file outside any node_modules tree that has its dependencies finds none of them.
 * Returns undefined for any other load failure.
 */
export function missingImportError(spec: string, file: string, e: unknown): FvError | undefined {
  const err = e as { code?: string; message?: string } | undefined;
  if (err?.code !== 'ERR_MODULE_NOT_FOUND') return undefined;
  const m = /Cannot find package '([^']+)' imported from (.+)$/m.exec(err.message ?? '');
  if (!m) return undefined;
  const pkg = packageName(m[1]);
  const importer = m[2].trim();
  const dir = path.dirname(file);
  const ours = pkg.startsWith('@flow-visualizer/');
  // Ours are not on the registry yet: the folder fv itself runs with is installable (a link, so one copy of core).
  const ourDir = ours ? ourPackageDir(pkg) : undefined;
  const how = ours ? `npm install ${ourDir ?? `<the ${pkg} tarball (npm pack) or folder>`}` : `npm install ${pkg}`;
  return new FvError('PLUGIN_LOAD', `Plugin '${spec}' imports '${pkg}', which is not installed where the plugin is: Node looks for it in node_modules folders from ${path.dirname(importer)} upward, and finds none there.`, {
    hint: `Install it beside the plugin: cd ${dir} && ${how}. Or make the plugin a package with '${pkg}' in its dependencies (peerDependencies for @flow-visualizer/core) and install that package where you run fv.`,
    cause: e,
  });
}
