/**
 * A sweep's runs: the cartesian product of every swept key (the config's `sweep:` section first, then the command
 * line, which wins for a key named in both, as in Hydra), the last key varying fastest.
 */
import { parseSweepOverride, sweepError, sweepValues, type SweepOverride } from './grammar.js';

export interface SweptKey {
  key: string;
  /** The override text each value is passed as (`flow.pairing=ot`). */
  overrides: string[];
  /** The values alone, for titles and tables. */
  values: string[];
  /** Where it was declared, for messages. */
  source: string;
  /** The override or sweep: entry as written. */
  raw: string;
}

export interface PlannedRun {
  /** 0-based; the run's folder is multirun/<index>. */
  index: number;
  /** Swept key → value text. */
  values: Record<string, string>;
  /** Everything passed to the child: the fixed overrides, then one per swept key. */
  overrides: string[];
}

export interface SweepPlan {
  keys: SweptKey[];
  fixed: string[];
  runs: PlannedRun[];
}

/** A `sweep:` entry as YAML gives it: an expression string, a list of values, or one scalar. */
export function configSweepKey(key: string, value: unknown): SweepOverride {
  const raw = `sweep.${key}`;
  const fail = (why: string, hint?: string): never => {
    throw sweepError(`${raw}: ${typeof value === 'string' ? value : JSON.stringify(value)}`, why, hint ?? 'In the config: sweep: { training.seed: "1,2,3", flow.pairing: [none, ot] }.');
  };
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/.test(key)) fail(`'${key}' is not a key path like training.seed`);
  let values: string[];
  if (Array.isArray(value)) {
    if (value.length === 0) fail('the list of values is empty');
    values = value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  } else if (typeof value === 'string') values = sweepValues(value.trim(), fail);
  else if (typeof value === 'number' || typeof value === 'boolean') values = [String(value)];
  else values = fail('expected a sweep expression ("1,2,3", "range(1,4)") or a list of values');
  return { raw, prefix: '', key, values };
}

/**
 * Plans the sweep. `configSweep` is the resolved config's `sweep:` section; `overrides` the command line's.
 * Throws OVERRIDE_INVALID (exit 2) on a malformed expression; `checkCount` may refuse the number of runs
 * before they are built.
 */
export function planSweep(configSweep: Record<string, unknown>, overrides: readonly string[], checkCount?: (total: number, keys: readonly SweptKey[]) => void): SweepPlan {
  const parsed = overrides.map(parseSweepOverride);
  const cliKeys = new Set(parsed.map((p) => p.key));
  const fromConfig = Object.entries(configSweep)
    .filter(([k]) => !cliKeys.has(k))
    .map(([k, v]) => ({ o: configSweepKey(k, v), source: 'the config\'s sweep: section' }));
  const fixed: string[] = [];
  const keys: SweptKey[] = [];
  for (const { o, source } of [...fromConfig, ...parsed.map((o) => ({ o, source: 'the command line' }))]) {
    const isSweep = o.values.length > 1 || source !== 'the command line';
    if (!isSweep) {
      fixed.push(o.raw.trim());
      continue;
    }
    if (keys.some((k) => k.key === o.key)) throw sweepError(o.raw, `${o.key} is swept twice`, 'Sweep each key once: training.seed=1,2,3.');
    keys.push({ key: o.key, raw: o.raw.trim(), values: o.values, overrides: o.values.map((v) => `${o.prefix}${o.key}=${v}`), source });
  }
  const runs: PlannedRun[] = [];
  const total = keys.reduce((n, k) => n * k.values.length, 1);
  // Counted before any run is built: 3000 × 3000 values would otherwise take gigabytes before a refusal.
  checkCount?.(total, keys);
  for (let index = 0; index < total; index++) {
    const values: Record<string, string> = {};
    const swept: string[] = [];
    let rest = index;
    const picks = new Array<number>(keys.length);
    for (let j = keys.length - 1; j >= 0; j--) {
      picks[j] = rest % keys[j].values.length;
      rest = Math.floor(rest / keys[j].values.length);
    }
    keys.forEach((k, j) => {
      values[k.key] = k.values[picks[j]];
      swept.push(k.overrides[picks[j]]);
    });
    runs.push({ index, values, overrides: [...fixed, ...swept] });
  }
  return { keys, fixed, runs };
}

/** Overrides (command line) that would sweep, for the "add -m" message of a single run. */
export function sweepingOverrides(overrides: readonly string[]): string[] {
  return overrides.filter((o) => {
    try {
      return parseSweepOverride(o).values.length > 1;
    } catch {
      return false;
    }
  });
}
