import { parse as parseYaml } from 'yaml';
import { applyOverrides, defaultConfig, errorMessage, parseOverride, type Override } from '@flow-visualizer/core';
import { changedLeaves, type Plain } from './leaves.js';
import { configProblems, resolveValues, type ConfigProblem, type StudioValues } from './problems.js';

/**
 * Settings in the URL, as TensorFlow Playground keeps them: `#data.name=moons&training.n_epochs=50`, only the keys
 * that differ from the defaults. Each pair is a CLI override (`fv run data.name=moons training.n_epochs=50` means
 * the same), its value YAML as on the command line; a link reproduces a setup.
 */

export interface UrlOptions {
  /** Keys (or key prefixes: 'data.options') left out of the URL, e.g. a large drawn shape. */
  skip?: readonly string[];
}

/** The settings that differ from the defaults, as CLI overrides (`training.n_epochs=50`), in schema order. */
export function valuesToOverrides(values: unknown, opts: UrlOptions = {}): string[] {
  const resolved = JSON.parse(JSON.stringify(resolveValues(values))) as Plain;
  const defaults = JSON.parse(JSON.stringify(defaultConfig())) as Plain;
  const skipped = (key: string) => (opts.skip ?? []).some((s) => key === s || key.startsWith(`${s}.`));
  return changedLeaves(resolved, defaults)
    .filter(([key]) => !skipped(key))
    .map(([key, v]) => `${key}=${valueText(v)}`);
}

/** The URL fragment (with its '#'; '' for all defaults) that hashToValues reads back into the same settings. */
export function valuesToHash(values: unknown, opts: UrlOptions = {}): string {
  const pairs = valuesToOverrides(values, opts).map((o) => {
    const eq = o.indexOf('=');
    return `${o.slice(0, eq)}=${urlText(o.slice(eq + 1))}`;
  });
  return pairs.length ? `#${pairs.join('&')}` : '';
}

export interface HashRead {
  /** The defaults (or `base`) with every good pair applied. */
  values: StudioValues;
  /** Each pair that was left out and why (an unknown key with its "did you mean", a bad value); not fatal. */
  problems: ConfigProblem[];
}

/**
 * A URL fragment (with or without '#', or a whole URL) → settings. A pair that cannot be read, names no key or
 * holds a bad value is left out and reported; the others apply. `base` is what the pairs apply to (defaults).
 */
export function hashToValues(hash: string, base?: unknown): HashRead {
  const fragment = hash.includes('#') ? hash.slice(hash.indexOf('#') + 1) : hash;
  let current: Plain = JSON.parse(JSON.stringify(base === undefined ? defaultConfig() : resolveValues(base))) as Plain;
  const problems: ConfigProblem[] = [];
  for (const pair of fragment.split('&')) {
    if (!pair) continue;
    let text: string;
    try {
      text = decodeURIComponent(pair.replace(/\+/g, '%20'));
    } catch {
      problems.push({ key: pair.split('=')[0], message: `The URL setting '${pair}' is not valid percent-encoding; it was left out.` });
      continue;
    }
    let o: Override;
    try {
      o = parseOverride(text);
      if (o.value === undefined) throw new Error(`'${text}' removes a key; the URL only sets keys (key=value)`);
    } catch (e) {
      problems.push({ key: text.split('=')[0].replace(/^[~+]+/, ''), message: `The URL setting '${text}' was left out: ${errorMessage(e)}` });
      continue;
    }
    let next: Plain;
    try {
      next = applyOverrides(current, [o]);
    } catch (e) {
      problems.push({ key: o.path.join('.'), message: `The URL setting '${text}' was left out: ${errorMessage(e)}` });
      continue;
    }
    const found = configProblems(next, (k) => (k === o.path.join('.') || k.startsWith(`${o.path.join('.')}.`) ? `from the URL '${text}'` : undefined));
    if (found.length) {
      problems.push(...found.map((p) => ({ key: p.key, message: `${p.message} It was left out.` })));
      continue;
    }
    current = next;
  }
  return { values: resolveValues(current), problems };
}

/** A value as the command line writes it: YAML flow, plain words and lists of them unquoted ([vega,canvas]). */
function valueText(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(valueText).join(',')}]`;
  if (typeof v === 'string') {
    // Plain when it reads back as the same string (moons, ot); quoted when YAML would read a number, bool, list…
    let back: unknown;
    try {
      back = parseYaml(v);
    } catch {
      back = undefined;
    }
    return back === v && /^[A-Za-z_][A-Za-z0-9_./-]*$/.test(v) ? v : JSON.stringify(v);
  }
  // Numbers, booleans, null; a mapping as JSON (YAML flow needs a space after ':', which a URL would encode).
  return JSON.stringify(v);
}

/** Percent-encodes what a fragment needs, keeping the characters that make settings readable: [ ] , : /. */
function urlText(s: string): string {
  return encodeURIComponent(s).replace(/%(5B|5D|2C|3A|2F)/g, (m) => decodeURIComponent(m));
}
