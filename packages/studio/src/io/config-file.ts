import { Document, isScalar, parseDocument, visit } from 'yaml';
import { FvError, MAX_CONFIG_DEPTH as MAX_DEPTH, configDepth, defaultConfig, errorMessage } from '@flow-visualizer/core';
import { isPlainObject, changedLeaves, setLeaf } from './leaves.js';
import { configProblems, configError, resolveValues, type StudioValues } from './problems.js';

/** `training.device` names the CLI knows (fv doctor); a page's webgpu and webgl have no CLI counterpart. */
export const CLI_DEVICES: readonly string[] = ['auto', 'gpu', 'cuda', 'node', 'native', 'wasm', 'cpu'];
/** `training.device` names a page can take. */
export const PAGE_DEVICES: readonly string[] = ['auto', 'webgpu', 'webgl', 'wasm-c', 'wasm', 'cpu'];

export interface ExportOptions {
  /** Only the keys that differ from the defaults (and the seed), instead of every key as `fv run` writes them. */
  changedOnly?: boolean;
  /** output.dir of the exported config (where `fv run` will write); default: the values' own. */
  outputDir?: string;
  /** File name shown in the header's command line (default config.yaml). */
  fileName?: string;
}

/**
 * The page's settings as a config.yaml text that `fv run --config` accepts and that reproduces the run: every key
 * (as `fv run` writes its resolved config), the seed included; lists of numbers on one line. A device only a page
 * has (webgpu, webgl) becomes `auto`, said in a comment: the maths are the same on every backend. Bad values are a
 * CONFIG_INVALID ConfigError with one problem per key, as `fv run` would refuse them.
 */
export function exportConfigYaml(values: unknown, opts: ExportOptions = {}): string {
  const resolved = resolveValues(values);
  const plain = JSON.parse(JSON.stringify(resolved)) as Record<string, any>;
  const notes: string[] = [];
  const device = String(plain.training.device);
  if (!CLI_DEVICES.includes(device)) {
    notes.push(`training.device was '${device}' in the page; the CLI has no such backend, so it takes the best one here (auto).`);
    plain.training.device = 'auto';
  }
  // The run folder sits beside the exported config.yaml: found from there wherever `fv` is started.
  if (opts.outputDir !== undefined) Object.assign(plain.output, { dir: opts.outputDir, relative_to: 'config' });
  let out: Record<string, unknown> = plain;
  if (opts.changedOnly) {
    out = {};
    const keep = changedLeaves(plain, JSON.parse(JSON.stringify(defaultConfig())));
    for (const [key, v] of keep) setLeaf(out, key, v);
    setLeaf(out, 'data.name', plain.data.name);
    setLeaf(out, 'training.seed', plain.training.seed);
  }
  const file = opts.fileName ?? 'config.yaml';
  const header = [
    `Flow Studio settings${opts.changedOnly ? ' (the keys that differ from the defaults, and the seed)' : ' (every key, resolved)'}.`,
    `Reproduce the run: fv run --config ${file}`,
    ...notes,
  ];
  const doc = new Document(out);
  // Lists of plain values (hidden_dims, times, a drawn point) on one line; a list of points one point per line.
  visit(doc, {
    Seq(_k, node) {
      if (node.items.every((i) => isScalar(i))) node.flow = true;
    },
    Map(_k, node) {
      if (node.items.length === 0) node.flow = true;
    },
  });
  doc.commentBefore = header.map((l) => ` ${l}`).join('\n');
  return doc.toString({ flowCollectionPadding: false, lineWidth: 0 });
}

export interface ImportedConfig {
  /** Validated settings with every default filled in. */
  values: StudioValues;
  /** What the page changed or cannot follow (not fatal): a device it lacks, extends, plugins. */
  warnings: string[];
}

/** The CLI reads config files up to this size (READ_LIMITS.config). */
const MAX_TEXT = 1024 * 1024;

/**
 * A config.yaml (a CLI run's, or one written by hand) → validated settings. CONFIG_PARSE with line:column for
 * broken YAML; CONFIG_INVALID (a ConfigError: one problem per key, the sentences `fv run` prints) for unknown keys,
 * wrong types or values out of range. `extends` cannot be followed in a page: the built-in defaults (base.yaml's)
 * stand in, with a warning.
 */
export function importConfigYaml(text: string, shown = 'config.yaml'): ImportedConfig {
  if (text.length > MAX_TEXT) {
    throw new FvError('CONFIG_PARSE', `${shown} is ${text.length} characters long; a config is at most ${MAX_TEXT / 1024} kiB.`, { hint: 'Pick the run\'s config.yaml (a few kB).' });
  }
  const data = parseYamlText(text, shown);
  const warnings: string[] = [];
  if (data.extends !== undefined) {
    warnings.push(`'extends: ${JSON.stringify(data.extends)}' in ${shown} is not followed in the page: keys it does not set take the built-in defaults (configs/base.yaml). A run's own config.yaml has every key.`);
    delete data.extends;
  }
  const problems = configProblems(data, () => `in ${shown}`);
  if (problems.length) throw configError(problems, `Fix ${shown} (see configs/base.yaml or \`fv schema\` for every key), or pick the config.yaml that \`fv run\` wrote beside its outputs.`);
  const values = resolveValues(data);
  if (values.plugins.length) warnings.push(`plugins (${values.plugins.join(', ')}) are not loaded in the page; only the built-in datasets, paths and solvers are there.`);
  if (!PAGE_DEVICES.includes(values.training.device)) {
    warnings.push(`training.device '${values.training.device}' exists only in the CLI; the page takes its best backend (auto).`);
    return { values: resolveValues({ ...values, training: { ...values.training, device: 'auto' } }), warnings };
  }
  return { values, warnings };
}

/** YAML text → a plain mapping, refusing what the CLI's loader refuses (syntax, alias bombs, depth, not a mapping). */
function parseYamlText(text: string, shown: string): Record<string, unknown> {
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  } catch (e) {
    throw parseError(shown, errorMessage(e));
  }
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const pos = err.linePos?.[0];
    throw new FvError('CONFIG_PARSE', `YAML syntax error in ${pos ? `${shown}:${pos.line}:${pos.col}` : shown}: ${errorMessage(err).split('\n')[0]}`, {
      hint: 'Fix the YAML at that line (indentation with spaces, `key: value`, lists as [a, b] or "- a").',
    });
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const msg = errorMessage(e);
    throw parseError(shown, /alias/i.test(msg) ? 'its aliases (*name) expand to too much data' : msg.split('\n')[0]);
  }
  if (configDepth(data) > MAX_DEPTH) throw parseError(shown, `it is nested more than ${MAX_DEPTH} levels deep`);
  if (data === null || data === undefined) return {};
  if (!isPlainObject(data)) {
    throw new FvError('CONFIG_INVALID', `Config ${shown} must be a mapping of keys to values, got ${Array.isArray(data) ? 'a list' : typeof data}.`, {
      hint: 'Start from configs/base.yaml, which lists every key.',
    });
  }
  return data;
}

function parseError(shown: string, why: string): FvError {
  return new FvError('CONFIG_PARSE', `Cannot read the YAML of ${shown}: ${why}.`, { hint: 'A config is a few nested mappings (see configs/base.yaml).' });
}
