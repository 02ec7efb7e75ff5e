/** Deeper than this, a config is an attack or an accident, not a config (the schema is 4 levels deep). */
export const MAX_CONFIG_DEPTH = 64;

/**
 * How deeply a parsed document nests, counted up to just past `limit` (then it stops looking). Iterative, so that a
 * 100k-deep document cannot overflow the stack here. Shared by the CLI's loader and the studio's config import.
 */
export function configDepth(v: unknown, limit = MAX_CONFIG_DEPTH): number {
  const stack: [unknown, number][] = [[v, 0]];
  let max = 0;
  while (stack.length) {
    const [x, d] = stack.pop()!;
    if (d > max) max = d;
    if (max > limit) return max;
    if (x && typeof x === 'object') for (const c of Object.values(x as object)) stack.push([c, d + 1]);
  }
  return max;
}

/**
 * The key path of the first `__proto__` key in parsed YAML or JSON (where it is an own key), else undefined:
 * merged into a config object it would set a prototype, so the key would vanish instead of being refused as unknown.
 */
export function protoKeyPath(v: unknown): string | undefined {
  const stack: [unknown, string][] = [[v, '']];
  while (stack.length) {
    const [x, at] = stack.pop()!;
    if (!x || typeof x !== 'object') continue;
    for (const k of Object.keys(x)) {
      const here = at ? `${at}.${k}` : k;
      if (k === '__proto__') return here;
      stack.push([(x as Record<string, unknown>)[k], here]);
    }
  }
  return undefined;
}
