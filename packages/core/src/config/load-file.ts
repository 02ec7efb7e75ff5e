import { statSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { FvError, errorMessage } from '../errors.js';
import { isPlainObject, type Plain } from './merge.js';
import { MAX_CONFIG_DEPTH as MAX_DEPTH, configDepth, protoKeyPath } from './depth.js';
import { READ_LIMITS, readFileCapped } from '../io/read-capped.js';

export interface ConfigLayer {
  /** Absolute path of the file. */
  file: string;
  data: Plain;
}

/** Reads one YAML config file: CONFIG_NOT_FOUND if missing, CONFIG_PARSE (with line:column) if malformed. */
export function readConfigFile(file: string, from?: string): Plain {
  const shown = path.relative(process.cwd(), file) || file;
  let text: string;
  try {
    if (statSync(file).isDirectory()) {
      throw new FvError('CONFIG_NOT_FOUND', `Config '${shown}' is a folder, not a YAML file.`, {
        hint: 'Pass a .yaml file, e.g. --config configs/trex.yaml.',
      });
    }
    text = readFileCapped(file, READ_LIMITS.config, 'Config file', 'CONFIG_PARSE').toString('utf8');
  } catch (e) {
    if (e instanceof FvError) throw e;
    const via = from ? ` (named in 'extends' of ${path.relative(process.cwd(), from) || from})` : '';
    throw new FvError('CONFIG_NOT_FOUND', `Config file not found: ${shown}${via}.`, {
      hint: 'Check the path; the shipped configs are in configs/ (base.yaml, trex.yaml, quick.yaml).',
      cause: e,
    });
  }
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  } catch (e) {
    throw tooDeep(shown, e);
  }
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    if (/call stack/i.test(errorMessage(err))) throw tooDeep(shown, err);
    const pos = err.linePos?.[0];
    const where = pos ? `${shown}:${pos.line}:${pos.col}` : shown;
    const first = errorMessage(err).split('\n')[0];
    throw new FvError('CONFIG_PARSE', `YAML syntax error in ${where}: ${first}`, {
      hint: 'Fix the YAML at that line (indentation with spaces, `key: value`, lists as [a, b] or "- a").',
    });
  }
  const data = toPlain(doc, shown);
  if (data === null || data === undefined) return {};
  if (!isPlainObject(data)) {
    throw new FvError('CONFIG_INVALID', `Config ${shown} must be a mapping of keys to values, got ${Array.isArray(data) ? 'a list' : typeof data}.`, {
      hint: 'Start from configs/base.yaml, which lists every key.',
    });
  }
  return data;
}

/**
 * Loads a config file and its `extends` chain, most basic first. `extends` paths are relative to the file that
 * names them. A cycle is CONFIG_EXTENDS_CYCLE naming the chain.
 */
export function loadConfigChain(file: string, seen: string[] = [], from?: string): ConfigLayer[] {
  const abs = path.resolve(file);
  if (seen.includes(abs)) {
    const chain = [...seen, abs].map((f) => path.relative(process.cwd(), f) || f).join(' → ');
    throw new FvError('CONFIG_EXTENDS_CYCLE', `Config files extend each other in a cycle: ${chain}.`, {
      hint: 'Remove one of the `extends:` entries so that the chain ends.',
    });
  }
  const data = readConfigFile(abs, from);
  const ext = data.extends;
  const parents: string[] = ext === undefined ? [] : Array.isArray(ext) ? (ext as string[]) : [ext as string];
  if (!parents.every((p) => typeof p === 'string')) {
    throw new FvError('CONFIG_INVALID', `'extends' in ${path.relative(process.cwd(), abs)} must be a file path or a list of them.`, {
      hint: 'e.g. extends: base.yaml',
    });
  }
  const layers: ConfigLayer[] = [];
  for (const p of parents) layers.push(...loadConfigChain(path.resolve(path.dirname(abs), p), [...seen, abs], abs));
  const { extends: _drop, ...own } = data;
  layers.push({ file: abs, data: own });
  return layers;
}

function tooDeep(shown: string, e: unknown): FvError {
  const msg = errorMessage(e);
  return new FvError('CONFIG_PARSE', `Cannot read the YAML of ${shown}: ${/call stack/i.test(msg) ? `it is nested more than ${MAX_DEPTH} levels deep` : msg.split('\n')[0]}.`, {
    hint: 'A config is a few nested mappings (see configs/base.yaml).',
  });
}

/** The document as plain JS, refusing alias bombs (billions of laughs) and absurd nesting with a clear message. */
function toPlain(doc: ReturnType<typeof parseDocument>, shown: string): unknown {
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const msg = errorMessage(e);
    const why = /alias/i.test(msg) ? 'its aliases (*name) expand to too much data' : /call stack/i.test(msg) ? `it is nested more than ${MAX_DEPTH} levels deep` : msg.split('\n')[0];
    throw new FvError('CONFIG_PARSE', `Cannot read the YAML of ${shown}: ${why}.`, {
      hint: 'A config is a few nested mappings (see configs/base.yaml); remove the repeated aliases or the deep nesting.',
    });
  }
  if (configDepth(data) > MAX_DEPTH) {
    throw new FvError('CONFIG_PARSE', `Cannot read the YAML of ${shown}: it is nested more than ${MAX_DEPTH} levels deep.`, {
      hint: 'A config is a few nested mappings (see configs/base.yaml).',
    });
  }
  const proto = protoKeyPath(data);
  if (proto) {
    throw new FvError('CONFIG_INVALID', `Unknown key '${proto}' in ${shown}: no config key is named __proto__.`, {
      hint: 'Remove it; fv schema lists every key.',
    });
  }
  return data;
}
