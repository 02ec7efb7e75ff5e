import { parse as parseYaml } from 'yaml';
import { protoKeyPath } from './depth.js';
import { FvError, errorMessage } from '../errors.js';
import { isPlainObject, type Plain } from './merge.js';

export interface Override {
  /** As typed, for error messages. */
  raw: string;
  path: string[];
  /** undefined means "delete" (Hydra's ~key): fall back to the layers below. */
  value: unknown;
}

/** No real key path comes near this (the longest are about 40 characters). */
const MAX_KEY = 200;

const KEY = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;

/**
 * Parses Hydra-style overrides: `training.n_epochs=500`, `model.hidden_dims=[256,512,512,256]`,
 * `data.name=moons`, `+key=value` (Hydra's add; same here), `~key` (remove, back to the default).
 * Values are read as YAML flow scalars, so numbers, booleans, lists, null and strings all work.
 */
export function parseOverride(raw: string): Override {
  let s = raw.trim();
  const eqAt = s.indexOf('=');
  const keyLength = eqAt < 0 ? s.length : eqAt;
  if (keyLength > MAX_KEY) throw bad(raw, `its key is ${keyLength} characters long; no key is longer than ${MAX_KEY}`);
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
  const path = key.split('.');
  const proto = path.includes('__proto__') ? key : protoKeyPath(value);
  if (proto) throw bad(raw, `'${proto}' names __proto__, which is no config key`);
  return { raw, path, value };
}

function bad(raw: string, why: string): FvError {
  return new FvError('OVERRIDE_INVALID', `Cannot read the override '${shorten(raw)}': ${why}.`, {
    hint: 'Overrides look like training.n_epochs=500, model.hidden_dims=[256,512,512,256] or data.name=moons.',
  });
}

/** Applies overrides to a plain config (copying along the changed path). */
export function applyOverrides(config: Plain, overrides: readonly Override[]): Plain {
  let out = config;
  for (const o of overrides) out = setPath(out, o.path, o.value, o) as Plain;
  return out;
}

/**
 * Sets `path` in a copy of `obj`. A numeric segment on a list sets that element (`model.hidden_dims.0=32`); an
 * index past the end is this override's mistake, said as such (not a type error blamed on the config file).
 */
function setPath(obj: unknown, path: string[], value: unknown, o: Override, done: string[] = []): unknown {
  const [head, ...rest] = path;
  if (Array.isArray(obj)) {
    const list = obj as unknown[];
    const i = /^\d+$/.test(head) ? Number(head) : -1;
    const at = [...done, head].join('.');
    if (i < 0 || i > list.length || (i === list.length && (value === undefined || rest.length > 0))) {
      throw new FvError('OVERRIDE_INVALID', `Cannot apply the override '${shorten(o.raw)}': '${done.join('.')}' is a list of ${list.length} item${list.length === 1 ? '' : 's'}, so '${shorten(at)}' ${i < 0 ? 'is not an element of it' : 'is past its end'}.`, {
        hint: list.length ? `Its elements are ${done.join('.')}.0 to ${done.join('.')}.${list.length - 1} (${done.join('.')}.${list.length} appends); or set the whole list: ${done.join('.')}=[…].` : `Set the whole list: ${done.join('.')}=[…].`,
      });
    }
    const copy = [...list];
    if (rest.length === 0) {
      if (value === undefined) copy.splice(i, 1);
      else copy[i] = value;
    } else copy[i] = setPath(copy[i], rest, value, o, [...done, head]);
    return copy;
  }
  const copy: Plain = { ...(isPlainObject(obj) ? obj : {}) };
  if (rest.length === 0) {
    if (value === undefined) delete copy[head];
    else copy[head] = value;
    return copy;
  }
  copy[head] = setPath(copy[head], rest, value, o, [...done, head]);
  return copy;
}

/** Long keys and values are shown cut, so that a message stays one readable line. */
export function shorten(s: string, max = 80): string {
  return s.length > max ? `${s.slice(0, max - 1)}… (${s.length} characters)` : s;
}
