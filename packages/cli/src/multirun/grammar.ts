/**
 * Hydra's sweep grammar on one override: `key=a,b,c`, `key=range(start,stop[,step])`, `key=choice(a,b)`, and
 * values that are themselves lists (`model.hidden_dims=[64,64],[128,128]`). Commas inside brackets, parentheses
 * or quotes do not split, as in Hydra. Each swept value stays text: the child run reads it as a normal override,
 * so a value means exactly what it means in a single run.
 */
import { FvError } from '@flow-visualizer/core';

export interface SweepOverride {
  /** As typed. */
  raw: string;
  /** `+`, `++` or '' (Hydra's add / force-add, passed through to each value). */
  prefix: string;
  key: string;
  /** The values as override text, in order; one value: not a sweep. */
  values: string[];
}

const KEY = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;
const CLOSE: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** An override that cannot be swept, with what is wrong and how to write it. */
export function sweepError(raw: string, why: string, hint?: string): FvError {
  return new FvError('OVERRIDE_INVALID', `Cannot read the sweep override '${raw}': ${why}.`, {
    hint: hint ?? 'Sweeps look like training.seed=1,2,3, training.learning_rate=range(0.001,0.004,0.001), flow.pairing=choice(none,ot) or \'model.hidden_dims=[64,64],[128,128]\' (quote it in the shell).',
  });
}

/**
 * Splits `text` at commas that sit outside brackets and quotes. Throws (via `fail`) on an unbalanced bracket or
 * an unclosed quote.
 */
export function splitTopLevel(text: string, fail: (why: string) => never): string[] {
  const parts: string[] = [];
  const stack: { ch: string; at: number }[] = [];
  let quote: { ch: string; at: number } | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote.ch) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = { ch: c, at: i };
    else if (c in CLOSE) stack.push({ ch: c, at: i });
    else if (c === ')' || c === ']' || c === '}') {
      const open = stack.pop();
      if (!open) fail(`'${c}' at position ${i + 1} of '${text}' closes nothing`);
      if (CLOSE[open.ch] !== c) fail(`'${open.ch}' at position ${open.at + 1} of '${text}' is closed by '${c}'`);
    } else if (c === ',' && stack.length === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (quote) fail(`the quote ${quote.ch} at position ${quote.at + 1} of '${text}' is never closed`);
  const open = stack.pop();
  if (open) fail(`'${open.ch}' at position ${open.at + 1} of '${text}' is never closed`);
  parts.push(text.slice(start));
  return parts;
}

/** Parses one override; `values` has one entry when it is not a sweep. `~key` overrides are never sweeps. */
export function parseSweepOverride(raw: string): SweepOverride {
  const fail = (why: string, hint?: string): never => {
    throw sweepError(raw, why, hint);
  };
  const s = raw.trim();
  if (s.startsWith('~')) return { raw, prefix: '', key: s.slice(1).split('=')[0], values: [s] };
  const prefix = s.startsWith('++') ? '++' : s.startsWith('+') ? '+' : '';
  const body = s.slice(prefix.length);
  const eq = body.indexOf('=');
  if (eq <= 0) fail('expected key=value');
  const key = body.slice(0, eq).trim();
  if (!KEY.test(key)) fail(`'${key}' is not a key path like training.seed`);
  const text = body.slice(eq + 1).trim();
  return { raw, prefix, key, values: sweepValues(text, fail) };
}

/** The values a sweep expression stands for (the expression itself when it is a plain value). */
export function sweepValues(text: string, fail: (why: string, hint?: string) => never): string[] {
  if (text === '') return [''];
  const fn = /^(range|choice)\s*\(([\s\S]*)\)$/.exec(text);
  // Only when the parentheses span the whole value: `choice(a),choice(b)` is not one call.
  if (fn && balancedCall(fn[2])) {
    const args = splitTopLevel(fn[2], fail).map((a) => a.trim());
    return fn[1] === 'range' ? rangeValues(args, fail) : choiceValues(args, fail);
  }
  const parts = splitTopLevel(text, fail).map((p) => p.trim());
  if (parts.length === 1) return parts;
  parts.forEach((p, i) => {
    if (p === '') fail(`value ${i + 1} of ${parts.length} is empty (two commas in a row, or a comma at an end)`, 'Remove the extra comma, or quote a value that contains commas: data.name=\'a,b\'.');
    if (/^(range|choice)\s*\(/.test(p)) fail(`${p.split('(')[0]}(…) must be the whole value, not one of several`);
  });
  return parts;
}

/** True when `inner` (the text between a call's parentheses) has no unmatched ')' of its own. */
function balancedCall(inner: string): boolean {
  let depth = 0;
  for (const c of inner) {
    if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

function choiceValues(args: string[], fail: (why: string, hint?: string) => never): string[] {
  if (args.length === 1 && args[0] === '') fail('choice() is empty', 'Give at least one value: flow.pairing=choice(none,ot).');
  args.forEach((a, i) => {
    if (a === '') fail(`choice value ${i + 1} of ${args.length} is empty`);
  });
  return args;
}

/** Python's range, with decimals allowed as in Hydra; values printed without float noise (0.1 + 0.2 → 0.3). */
function rangeValues(args: string[], fail: (why: string, hint?: string) => never): string[] {
  const hint = 'range(start, stop[, step]) counts from start up to, not including, stop: training.seed=range(1,4) is 1, 2, 3.';
  if (args.length < 1 || args.length > 3 || args.some((a) => a === '')) fail(`range takes 1 to 3 numbers, got ${args.filter((a) => a !== '').length}`, hint);
  const nums = args.map((a) => {
    const v = Number(a);
    if (!Number.isFinite(v)) fail(`'${a}' in range(…) is not a number`, hint);
    return v;
  });
  const [start, stop, step] = nums.length === 1 ? [0, nums[0], 1] : [nums[0], nums[1], nums[2] ?? 1];
  if (step === 0) fail('range step is 0', hint);
  const count = Math.ceil((stop - start) / step - 1e-9);
  if (!(count > 0)) fail(`range(${args.join(', ')}) yields no value (${step > 0 ? 'start ≥ stop' : 'start ≤ stop with a negative step'})`, hint);
  if (count > 100000) fail(`range(${args.join(', ')}) yields ${count} values`, hint);
  return Array.from({ length: count }, (_, i) => String(Number((start + i * step).toPrecision(12))));
}
