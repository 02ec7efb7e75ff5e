import type { z } from 'zod';
import { FvError } from '../errors.js';
import { didYouMean, closest } from '../suggest.js';
import { objectShape, schemaAt, schemaLeafPaths } from './schema-walk.js';
import { shorten } from './overrides.js';

/** Where a key's value came from, for messages: "from configs/x.yaml" or "from the override 'k=v'". */
export type SourceOf = (path: string) => string | undefined;

/**
 * Validates `data` against `schema`; on failure throws one CONFIG_INVALID FvError whose message names the key,
 * what is wrong, the offending value, where it came from, and (for unknown keys) the closest valid key.
 * `prefix` names the slice being validated ('data.options' for a plugin's options).
 */
export function validateWith<S extends z.ZodType>(schema: S, data: unknown, sourceOf: SourceOf = () => undefined, prefix = '', plugin?: string): z.output<S> {
  const res = schema.safeParse(data, { reportInput: true });
  if (res.success) return res.data;
  const lines = res.error.issues.slice(0, 5).map((issue) => describeIssue(schema, issue, sourceOf, prefix));
  const extra = res.error.issues.length > 5 ? `\n  … and ${res.error.issues.length - 5} more` : '';
  const message = lines.length === 1 ? lines[0] : `Invalid configuration:\n  ${lines.join('\n  ')}${extra}`;
  throw new FvError('CONFIG_INVALID', message, {
    hint: prefix
      ? `See \`fv list\` for the options of each plugin.`
      : 'See configs/base.yaml or `fv schema` for every key with its type and default.',
    plugin,
  });
}

type Issue = z.core.$ZodIssue;

function join(prefix: string, path: readonly PropertyKey[]): string {
  const p = path.map(String).join('.');
  return prefix && p ? `${prefix}.${p}` : prefix || p;
}

function show(v: unknown): string {
  if (typeof v === 'string') return `'${shorten(v)}'`;
  try {
    return shorten(JSON.stringify(v) ?? String(v));
  } catch {
    return shorten(String(v));
  }
}

/** One zod issue as the sentence validateWith prints for it (a page shows each beside its control). */
export function describeIssue(schema: z.ZodType, issue: Issue, sourceOf: SourceOf = () => undefined, prefix = ''): string {
  const key = join(prefix, issue.path);
  const src = (k: string) => {
    const s = sourceOf(k);
    return s ? ` (${s})` : '';
  };
  switch (issue.code) {
    case 'unrecognized_keys': {
      const parent = schemaAt(schema, issue.path as (string | number)[]);
      const valid = parent ? Object.keys(objectShape(parent) ?? {}) : [];
      return issue.keys
        .map((k) => {
          const full = join(prefix, [...issue.path, k]);
          let hint = didYouMean(k, valid);
          if (!hint) {
            // The key may belong to another section: training.hidden_dims → model.hidden_dims.
            const all = schemaLeafPaths(schema).map((p) => join(prefix, p.split('.')));
            const sameLeaf = all.find((p) => p.split('.').pop() === k) ?? closest(full, all);
            if (sameLeaf) hint = ` Did you mean '${sameLeaf}'?`;
          }
          const where = key ? `'${key}'` : 'the top level';
          return `Unknown key '${full}'${src(full)}.${hint} Valid keys in ${where}: ${valid.join(', ')}.`;
        })
        .join('\n  ');
    }
    case 'invalid_type': {
      const got = 'input' in issue ? issue.input : undefined;
      if (got === undefined) return `'${key}' is required (${issue.expected})${src(key)}.`;
      return `'${key}' must be ${article(issue.expected)}, got ${show(got)}${src(key)}.`;
    }
    case 'too_small':
      return `'${key}' must be ${issue.inclusive === false ? '>' : '≥'} ${String(issue.minimum)}${issue.origin === 'array' ? ' items' : ''}, got ${show(issue.input)}${src(key)}.`;
    case 'too_big':
      return `'${key}' must be ${issue.inclusive === false ? '<' : '≤'} ${String(issue.maximum)}${issue.origin === 'array' ? ' items' : ''}, got ${show(issue.input)}${src(key)}.`;
    default:
      return `'${key}': ${issue.message}${'input' in issue && issue.input !== undefined ? `, got ${show(issue.input)}` : ''}${src(key)}.`;
  }
}

function article(expected: string): string {
  if (expected === 'array') return 'a list';
  if (expected === 'object') return 'a mapping';
  if (expected === 'int') return 'an integer';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}
