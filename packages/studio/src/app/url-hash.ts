/**
 * Settings in the URL, as TensorFlow Playground keeps them: only the keys that differ from the CLI's defaults,
 * readable (`#data.name=moons&training.n_epochs=50&model.hidden_dims=64,64`), so that a link reproduces a setup.
 * Unknown or unreadable keys are reported, never fatal.
 */
import { getKey, setKey } from '../config/settings.js';
import type { ConfigValues, KeyedError } from '../worker/protocol.js';

function leaves(o: unknown, prefix = ''): [string, unknown][] {
  if (o && typeof o === 'object' && !Array.isArray(o)) {
    return Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
  }
  return [[prefix, o]];
}

export function valuesToHash(values: ConfigValues, defaults: ConfigValues): string {
  const parts: string[] = [];
  for (const [key, v] of leaves(values)) {
    if (!key || JSON.stringify(v) === JSON.stringify(getKey(defaults, key))) continue;
    const text = Array.isArray(v) ? v.join(',') : String(v);
    parts.push(`${key}=${encodeURIComponent(text).replace(/%2C/g, ',')}`);
  }
  return parts.join('&');
}

export function hashToValues(hash: string, defaults: ConfigValues): { values: ConfigValues; errors: KeyedError[] } {
  let values = structuredClone(defaults);
  const errors: KeyedError[] = [];
  for (const part of hash.replace(/^#/, '').split('&').filter(Boolean)) {
    const eq = part.indexOf('=');
    const key = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
    const text = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1));
    const d = getKey(defaults, key);
    const free = /^(data|flow|visualization)\.(options|path_options|pairing_options|integrator_options)\.[a-z0-9_]+$/i.test(key);
    if (d === undefined && !free) {
      errors.push({ key: '', message: `The link's key '${key}' is not a setting here; it was left out.` });
      continue;
    }
    let v: unknown = text;
    if (Array.isArray(d)) v = text.split(',').filter(Boolean).map((s) => (Number.isFinite(Number(s)) ? Number(s) : s));
    else if (typeof d === 'number' || (d === undefined && text !== '' && Number.isFinite(Number(text)))) v = Number.isFinite(Number(text)) && text !== '' ? Number(text) : text;
    else if (typeof d === 'boolean' || text === 'true' || text === 'false') v = text === 'true';
    values = setKey(values, key, v);
  }
  return { values, errors };
}
