import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FvError, PLUGIN_KINDS, errorMessage, type FvPlugin } from '@flow-visualizer/core';
import { isPathSpec, resolvePackageEntry } from './resolve-module.js';
import { missingImportError } from './missing-import.js';

/**
 * Loads the plugins a config names (`plugins: ["some-npm-package", "./path/to/plugin.js"]`) with dynamic import.
 * Packages resolve from the config file's folder, then the working directory; paths are relative to the config
 * file. A module exports one FvPlugin or an array of them, as its default export or a named `plugins` export
 * (a factory function returning them also works). Nothing loads unless the config names it.
 */
export async function loadPlugins(specs: readonly string[], baseDir: string, cwd = process.cwd()): Promise<FvPlugin[]> {
  const out: FvPlugin[] = [];
  for (const spec of specs) out.push(...(await loadPlugin(spec, baseDir, cwd)));
  return out;
}

async function loadPlugin(spec: string, baseDir: string, cwd: string): Promise<FvPlugin[]> {
  let file: string | undefined;
  if (isPathSpec(spec)) {
    file = path.resolve(baseDir, spec);
    if (!existsSync(file)) {
      throw new FvError('PLUGIN_LOAD', `Plugin file '${spec}' not found (looked for ${file}).`, {
        hint: 'Paths in `plugins:` are relative to the config file; build the plugin first if it is TypeScript.',
      });
    }
  } else {
    file = resolvePackageEntry(spec, baseDir) ?? resolvePackageEntry(spec, cwd);
    if (!file) {
      throw new FvError('PLUGIN_LOAD', `Plugin package '${spec}' is not installed (searched node_modules from ${baseDir} and ${cwd}).`, {
        hint: `Install it (npm install ${spec}) or give a path to the plugin file (./my-plugin.js).`,
      });
    }
  }
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (e) {
    throw missingImportError(spec, file, e) ?? new FvError('PLUGIN_LOAD', `Plugin '${spec}' failed to load: ${errorMessage(e)}`, {
      hint: 'Fix the error in the plugin module (run it with node to see the full trace, or pass --verbose).',
      cause: e,
    });
  }
  const exported = mod.plugins ?? mod.default;
  let value: unknown = exported;
  try {
    if (typeof value === 'function') value = await (value as () => unknown)();
  } catch (e) {
    throw new FvError('PLUGIN_LOAD', `Plugin '${spec}' threw while registering: ${errorMessage(e)}`, { cause: e });
  }
  const list = Array.isArray(value) ? value : [value];
  if (value === undefined || list.length === 0) {
    throw new FvError('PLUGIN_LOAD', `Plugin '${spec}' exports no plugin.`, {
      hint: 'Export an FvPlugin (or an array of them) as the default export or as `plugins`.',
    });
  }
  return list.map((p, i) => checkShape(p, spec, i));
}

function checkShape(p: unknown, spec: string, i: number): FvPlugin {
  const o = p as Partial<FvPlugin> | null;
  const problems: string[] = [];
  if (!o || typeof o !== 'object') problems.push('it is not an object');
  else {
    if (typeof o.name !== 'string' || !o.name) problems.push('`name` is missing');
    if (!PLUGIN_KINDS.includes(o.kind as never)) problems.push(`\`kind\` must be one of ${PLUGIN_KINDS.join(', ')} (got ${JSON.stringify(o.kind)})`);
    if (typeof o.id !== 'string' || !o.id) problems.push('`id` is missing');
    if (typeof o.create !== 'function') problems.push('`create` is not a function');
    if (o.optionsSchema !== undefined && typeof (o.optionsSchema as { safeParse?: unknown } | null)?.safeParse !== 'function') {
      problems.push('`optionsSchema` is not a zod schema (it has no safeParse)');
    }
    if (o.description !== undefined && typeof o.description !== 'string') problems.push('`description` is not a string');
  }
  if (problems.length) {
    throw new FvError('PLUGIN_LOAD', `Plugin '${spec}' (export #${i + 1}) is not a valid FvPlugin: ${problems.join('; ')}.`, {
      hint: 'See README "Writing a plugin" for the shape: { name, kind, id, description, optionsSchema, create }.',
    });
  }
  const plugin = o as FvPlugin;
  return { ...plugin, description: plugin.description ?? '', source: plugin.source ?? spec };
}
