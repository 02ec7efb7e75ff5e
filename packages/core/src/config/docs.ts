import type { z } from 'zod';
import { ConfigSchema } from './schema.js';
import { defaultOf, describeOf, objectShape, typeNameOf } from './schema-walk.js';

export interface ConfigKeyDoc {
  key: string;
  type: string;
  default: unknown;
  description: string;
}

/** Every config key with its type, default and description, read from the schema (docs cannot drift from it). */
export function configKeyDocs(schema: z.ZodType = ConfigSchema, prefix = ''): ConfigKeyDoc[] {
  const shape = objectShape(schema) ?? {};
  const out: ConfigKeyDoc[] = [];
  for (const [k, s] of Object.entries(shape)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (objectShape(s)) out.push(...configKeyDocs(s, key));
    else out.push({ key, type: typeNameOf(s), default: defaultOf(s), description: describeOf(s) ?? '' });
  }
  return out;
}

function fmtDefault(v: unknown): string {
  if (v === undefined) return '';
  if (typeof v === 'number' && !Number.isInteger(v)) return `\`${Number(v.toPrecision(6))}\``;
  if (Array.isArray(v)) return `\`[${v.map((x) => (typeof x === 'number' && !Number.isInteger(x) ? Number(x.toPrecision(4)) : JSON.stringify(x))).join(', ')}]\``;
  return `\`${typeof v === 'string' ? v : JSON.stringify(v)}\``;
}

/** The README's configuration reference, a Markdown table. */
export function configReferenceMarkdown(): string {
  const rows = configKeyDocs().map((d) => `| \`${d.key}\` | ${d.type.replace(/\|/g, "\\|")} | ${fmtDefault(d.default)} | ${d.description.replace(/\|/g, '\\|')} |`);
  return ['| key | type | default | meaning |', '|---|---|---|---|', ...rows].join('\n');
}
