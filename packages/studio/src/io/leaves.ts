/** Plain nested settings as dotted leaves (a list is one leaf): what the URL and the changed-only export hold. */

export type Plain = Record<string, unknown>;

export function isPlainObject(v: unknown): v is Plain {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

/** Every leaf of `o` as [dotted key, value]; lists and empty mappings are leaves. */
export function leaves(o: Plain, prefix = ''): [string, unknown][] {
  return Object.entries(o).flatMap(([k, v]): [string, unknown][] => {
    const key = prefix ? `${prefix}.${k}` : k;
    return isPlainObject(v) && Object.keys(v).length > 0 ? leaves(v, key) : [[key, v]];
  });
}

/** The value at a dotted key (undefined when absent). */
export function getLeaf(o: unknown, key: string): unknown {
  let cur = o;
  for (const k of key.split('.')) {
    if (!isPlainObject(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}

/** Sets a dotted key in `o` (in place), making the mappings on the way. */
export function setLeaf(o: Plain, key: string, value: unknown): void {
  const path = key.split('.');
  let cur = o;
  for (const k of path.slice(0, -1)) {
    if (!isPlainObject(cur[k])) cur[k] = {};
    cur = cur[k] as Plain;
  }
  cur[path[path.length - 1]] = value;
}

/** The leaves of `values` that differ from `defaults` (by value: [16, 16] equals [16, 16]). */
export function changedLeaves(values: Plain, defaults: Plain): [string, unknown][] {
  return leaves(values).filter(([key, v]) => {
    const d = getLeaf(defaults, key);
    // An empty mapping where the default is an empty mapping (options: {}) is no change.
    if (isPlainObject(v) && Object.keys(v).length === 0) return !(isPlainObject(d) && Object.keys(d).length === 0);
    return JSON.stringify(v) !== JSON.stringify(d);
  });
}
