import path from 'node:path';
import { ConfigSchema, deepFreeze, defaultConfig, type FvConfig } from './schema.js';
import { FvError } from '../errors.js';
import { closest } from '../suggest.js';
import { objectShape, schemaLeafPaths } from './schema-walk.js';
import { loadConfigChain } from './load-file.js';
import { deepMerge, isPlainObject, leafPaths, type Plain } from './merge.js';
import { applyOverrides, parseOverride, shorten, type Override } from './overrides.js';
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
  /** The file whose output.dir holds (a relative one may start from its folder: output.relative_to). */
  let outputDirFile: string | undefined;
  for (const layer of layers) {
    if (getPath(layer.data, ['output', 'dir']) !== undefined) outputDirFile = layer.file;
    for (const p of leafPaths(layer.data)) sources.set(p, `from ${path.relative(cwd, layer.file) || layer.file}`);
    merged = deepMerge(merged, layer.data);
  }
  if (options.values) {
    for (const p of leafPaths(options.values)) sources.set(p, 'from the values passed in code');
    merged = deepMerge(merged, options.values);
  }
  if (options.values && getPath(options.values, ['output', 'dir']) !== undefined) outputDirFile = undefined;
  for (const o of overrides) sources.set(o.path.join('.'), `from the override '${o.raw}'`);
  if (overrides.some((o) => ['output', 'output.dir'].includes(o.path.join('.')))) outputDirFile = undefined;
  for (const o of overrides) {
    if (o.value === undefined) checkRemovable(merged, o);
    merged = applyOverrides(withDefaultList(merged, o), [o]);
  }

  const sourceOf = (key: string) => {
    for (let k = key; k; k = k.includes('.') ? k.slice(0, k.lastIndexOf('.')) : '') {
      const s = sources.get(k);
      if (s) return s;
    }
    return undefined;
  };
  const { extends: _e, ...validated } = validateWith(ConfigSchema, merged, sourceOf);
  const out = validated.output;
  const config = out.relative_to === 'config' && outputDirFile && !path.isAbsolute(out.dir) ? { ...validated, output: { ...out, dir: path.resolve(path.dirname(outputDirFile), out.dir) } } : validated;
  const configFile = layers.at(-1)?.file;
  return {
    config: deepFreeze(config) as FvConfig,
    baseDir: configFile ? path.dirname(configFile) : cwd,
    files: layers.map((l) => l.file),
  };
}

function getPath(o: unknown, path: readonly string[]): unknown {
  let cur = o;
  for (const k of path) {
    if (Array.isArray(cur) && /^\d+$/.test(k)) cur = cur[Number(k)];
    else if (isPlainObject(cur)) cur = cur[k];
    else return undefined;
  }
  return cur;
}

/**
 * `model.hidden_dims.0=32` when no layer sets hidden_dims edits the default list (rather than making a mapping
 * {"0": 32} out of nothing).
 */
function withDefaultList(merged: Plain, o: Override): Plain {
  const i = o.path.findIndex((seg) => /^\d+$/.test(seg));
  if (i <= 0) return merged;
  const parent = o.path.slice(0, i);
  if (getPath(merged, parent) !== undefined) return merged;
  const d = getPath(defaultConfig(), parent);
  if (!Array.isArray(d)) return merged;
  return applyOverrides(merged, [{ raw: o.raw, path: parent, value: [...d] }]);
}

/** `~key` removes a key that some layer set, or restores a declared key to its default; anything else is a typo. */
function checkRemovable(merged: Plain, o: Override): void {
  if (getPath(merged, o.path) !== undefined) return;
  let shape: Record<string, unknown> | undefined = objectShape(ConfigSchema);
  for (const k of o.path) {
    const next = shape?.[k];
    if (!next) {
      shape = undefined;
      break;
    }
    shape = objectShape(next as never) ?? {};
  }
  if (shape) return;
  const key = o.path.join('.');
  const guess = closest(key, [...leafPaths(merged), ...schemaLeafPaths(ConfigSchema)]);
  throw new FvError('OVERRIDE_INVALID', `Cannot apply the override '${shorten(o.raw)}': there is no key '${shorten(key)}' to remove.${guess ? ` Did you mean '~${guess}'?` : ''}`, {
    hint: '~key removes a key set by a config file (back to the default); check the spelling against configs/base.yaml.',
  });
}
