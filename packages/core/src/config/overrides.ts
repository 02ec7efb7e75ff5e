import { parse as parseYaml } from 'yaml';
import { FvError, errorMessage } from '../errors.js';
import { isPlainObject, type Plain } from './merge.js';

export interface Override {
  /** As typed, for error messages. */
  raw: string;
  path: string[];
  /** undefined means "delete" (Hydra's ~key): fall back to the layers below. */
  value: unknown;
}

const KEY = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;

/**
 * Parses Hydra-style overrides: `training.n_epochs=500`, `model.hidden_dims=[256,512,512,256]`,
 * `data.name=moons`, `+key=value` (Hydra's add; same here), `~key` (remove, back to the default).
 * Values are read as YAML flow scalars, so numbers, booleans, lists, null and strings all work.
 */
export function parseOverride(raw: string): Override {
  let s = raw.trim();
  if (s.startsWith('~')) {
    const key = s.slice(1).split('=')[0];
    if (!KEY.test(key)) throw bad(raw, `'${key}' is not a key path`);
    return { raw, path: key.split('.'), value: undefined };
  }
  if (s.startsWith('++')) s = s.slice(2);
  else if (s.startsWith('+')) s = s.slice(1);
  const eq = s.indexOf('=');
  if (eq <= 0) throw bad(raw, 'expected key=value');
  const key = s.slice(0, eq).trim();
  const text = s.slice(eq + 1);
  if (!KEY.test(key)) throw bad(raw, `'${key}' is not a key path like training.n_epochs`);
  let value: unknown;
  if (text.trim() === '') value = '';
  else {
    try {
      value = parseYaml(text);
    } catch (e) {
      throw bad(raw, `its value does not parse: ${errorMessage(e).split('\n')[0]}`);
    }
  }
  return { raw, path: key.split('.'), value };
}

function bad(raw: string, why: string): FvError {
  return new FvError('OVERRIDE_INVALID', `Cannot read the override '${raw}': ${why}.`, {
    hint: 'Overrides look like training.n_epochs=500, model.hidden_dims=[256,512,512,256] or data.name=moons.',
  });
}

/** Applies overrides to a plain config (copying along the changed path). */
export function applyOverrides(config: Plain, overrides: readonly Override[]): Plain {
  let out = config;
  for (const o of overrides) out = setPath(out, o.path, o.value);
  return out;
}

function setPath(obj: Plain, path: string[], value: unknown): Plain {
  const [head, ...rest] = path;
  const copy: Plain = { ...obj };
  if (rest.length === 0) {
    if (value === undefined) delete copy[head];
    else copy[head] = value;
    return copy;
  }
  const child = copy[head];
  copy[head] = setPath(isPlainObject(child) ? child : {}, rest, value);
  return copy;
}
