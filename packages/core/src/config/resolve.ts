import path from 'node:path';
import { ConfigSchema, deepFreeze, type FvConfig } from './schema.js';
import { loadConfigChain } from './load-file.js';
import { deepMerge, leafPaths, type Plain } from './merge.js';
import { applyOverrides, parseOverride, type Override } from './overrides.js';
import { validateWith } from './validate.js';

export interface LoadedConfig {
  config: FvConfig;
  /** Folder that relative paths in the config (plugins, data files) are resolved against. */
  baseDir: string;
  /** The files read, most basic first. */
  files: string[];
}

export interface ResolveOptions {
  /** The --config file; omitted: built-in defaults only. */
  configFile?: string;
  /** Hydra-style overrides, e.g. ['training.n_epochs=500']. */
  overrides?: readonly string[];
  /** Extra object layer between the files and the overrides (library users building a config in code). */
  values?: Plain;
  cwd?: string;
}

/**
 * Resolves the layered config: built-in defaults ◄ the `extends` chain ◄ the --config file ◄ `values` ◄ overrides.
 * Strict: unknown keys, wrong types and out-of-range values are CONFIG_INVALID errors naming the key, the value
 * and the file or override it came from.
 */
export function resolveConfig(options: ResolveOptions = {}): LoadedConfig {
  const cwd = options.cwd ?? process.cwd();
  const layers = options.configFile ? loadConfigChain(path.resolve(cwd, options.configFile)) : [];
  const overrides: Override[] = (options.overrides ?? []).map(parseOverride);

  const sources = new Map<string, string>();
  let merged: Plain = {};
  for (const layer of layers) {
    for (const p of leafPaths(layer.data)) sources.set(p, `from ${path.relative(cwd, layer.file) || layer.file}`);
    merged = deepMerge(merged, layer.data);
  }
  if (options.values) {
    for (const p of leafPaths(options.values)) sources.set(p, 'from the values passed in code');
    merged = deepMerge(merged, options.values);
  }
  for (const o of overrides) sources.set(o.path.join('.'), `from the override '${o.raw}'`);
  merged = applyOverrides(merged, overrides);

  const sourceOf = (key: string) => {
    for (let k = key; k; k = k.includes('.') ? k.slice(0, k.lastIndexOf('.')) : '') {
      const s = sources.get(k);
      if (s) return s;
    }
    return undefined;
  };
  const { extends: _e, ...config } = validateWith(ConfigSchema, merged, sourceOf);
  const configFile = layers.at(-1)?.file;
  return {
    config: deepFreeze(config) as FvConfig,
    baseDir: configFile ? path.dirname(configFile) : cwd,
    files: layers.map((l) => l.file),
  };
}
