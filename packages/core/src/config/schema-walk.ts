/** Reads the structure of zod schemas (keys, descriptions, defaults), for suggestions, docs and `fv list`. */
import type { z } from 'zod';

type AnySchema = z.ZodType;

interface Def {
  type: string;
  innerType?: AnySchema;
  shape?: Record<string, AnySchema>;
  in?: AnySchema;
  out?: AnySchema;
  defaultValue?: unknown;
  element?: AnySchema;
  options?: AnySchema[];
  values?: unknown[];
}

export function defOf(s: AnySchema): Def {
  return (s as unknown as { _zod: { def: Def } })._zod.def;
}

/** Strips default/prefault/optional/nullable/readonly/pipe wrappers. */
export function unwrap(s: AnySchema): AnySchema {
  let cur = s;
  for (let i = 0; i < 20; i++) {
    const d = defOf(cur);
    if (d.innerType) cur = d.innerType;
    else if (d.type === 'pipe' && d.in) cur = d.in;
    else break;
  }
  return cur;
}

export function objectShape(s: AnySchema): Record<string, AnySchema> | undefined {
  const d = defOf(unwrap(s));
  return d.type === 'object' ? (d.shape as Record<string, AnySchema>) : undefined;
}

/** The schema at a key path, or undefined. */
export function schemaAt(root: AnySchema, path: readonly (string | number)[]): AnySchema | undefined {
  let cur: AnySchema | undefined = root;
  for (const k of path) {
    if (!cur) return undefined;
    const shape = objectShape(cur);
    if (shape) cur = shape[String(k)];
    else {
      const d = defOf(unwrap(cur));
      cur = d.type === 'array' ? d.element : d.type === 'record' ? (d as unknown as { valueType: AnySchema }).valueType : undefined;
    }
  }
  return cur;
}

/** Every leaf key path of an object schema: 'training.n_epochs', … */
export function schemaLeafPaths(root: AnySchema, prefix = ''): string[] {
  const shape = objectShape(root);
  if (!shape) return prefix ? [prefix] : [];
  return Object.entries(shape).flatMap(([k, v]) => schemaLeafPaths(v, prefix ? `${prefix}.${k}` : k));
}

export function describeOf(s: AnySchema): string | undefined {
  let cur: AnySchema | undefined = s;
  for (let i = 0; cur && i < 20; i++) {
    const desc = (cur as unknown as { description?: string }).description;
    if (desc) return desc;
    const d = defOf(cur);
    cur = d.innerType ?? (d.type === 'pipe' ? d.in : undefined);
  }
  return undefined;
}

export function defaultOf(s: AnySchema): unknown {
  let cur: AnySchema | undefined = s;
  for (let i = 0; cur && i < 20; i++) {
    const d = defOf(cur);
    if (d.type === 'default' || d.type === 'prefault') {
      const v = d.defaultValue;
      return typeof v === 'function' ? (v as () => unknown)() : v;
    }
    cur = d.innerType ?? (d.type === 'pipe' ? d.in : undefined);
  }
  return undefined;
}

/** A short type name for docs: number, integer, string, boolean, number[], … */
export function typeNameOf(s: AnySchema): string {
  const u = unwrap(s);
  const d = defOf(u);
  switch (d.type) {
    case 'array':
      { const inner = d.element ? typeNameOf(d.element) : 'unknown'; return inner.includes(' | ') ? `(${inner})[]` : `${inner}[]`; }
    case 'number': {
      const checks = (u as unknown as { _zod: { def: { checks?: { _zod: { def: { format?: string } } }[] } } })._zod.def.checks ?? [];
      return checks.some((c) => c._zod.def.format === 'safeint') ? 'integer' : 'number';
    }
    case 'union':
      return (d.options ?? []).map(typeNameOf).join(' | ');
    case 'literal':
      return (d.values ?? []).map((v) => JSON.stringify(v)).join(' | ');
    case 'enum':
      return Object.values((d as unknown as { entries: Record<string, string> }).entries).map((v) => JSON.stringify(v)).join(' | ');
    case 'record':
      return 'map';
    default:
      return d.type;
  }
}

/** The range a numeric key accepts (its maximum, its least accepted value), for controls and checks; undefined if not a number. */
export interface NumberLimits {
  min: number;
  max: number;
  integer: boolean;
}

/** The limits of the number at a schema (through defaults, unions such as 'auto' | n, and array elements). */
export function numberLimits(s: AnySchema): NumberLimits | undefined {
  const inner = unwrap(s);
  const d = defOf(inner);
  if (d.type === 'union') {
    for (const o of d.options ?? []) {
      const l = numberLimits(o);
      if (l) return l;
    }
    return undefined;
  }
  if (d.type === 'array' && d.element) return numberLimits(d.element);
  if (d.type !== 'number') return undefined;
  const n = inner as unknown as { minValue: number | null; maxValue: number | null; isInt: boolean; safeParse(v: unknown): { success: boolean } };
  let min = n.minValue ?? -Infinity;
  // positive() excludes its bound: the least integer it takes is one above.
  if (n.isInt && Number.isFinite(min) && !n.safeParse(min).success) min += 1;
  return { min, max: n.maxValue ?? Infinity, integer: n.isInt };
}
