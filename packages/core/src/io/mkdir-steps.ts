import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * `mkdir -p`, one level at a time. Node's recursive mkdir loops forever where a parent exists but refuses children
 * with ENOENT (`/proc/x/y`: it keeps retrying the parent); here the first failing level throws its error at once.
 * Returns the folders it created, outermost first.
 */
export function mkdirSteps(dir: string): string[] {
  const missing: string[] = [];
  let cur = path.resolve(dir);
  for (;;) {
    // Throws ENOTDIR when a file stands on the way (outputError words it).
    const st = statSync(cur, { throwIfNoEntry: false });
    if (st) {
      if (!st.isDirectory()) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${cur}'`), { code: 'ENOTDIR' });
      break;
    }
    missing.push(cur);
    const parent = path.dirname(cur);
    if (parent === cur) break;
    cur = parent;
  }
  const created: string[] = [];
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    created.push(d);
  }
  return created;
}
