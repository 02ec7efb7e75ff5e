import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * How many parts each training batch is split into (data parallel), each part on its own thread when there are
 * cores for it. The numbers depend only on this count, not on how many threads actually run, so the same seed
 * gives the same loss history on any machine. 2 by default; FV_THREADS=<n> changes it (1: no workers).
 */
export function trainChunks(): number {
  const env = Number(process.env.FV_THREADS);
  return Number.isInteger(env) && env >= 1 ? Math.min(env, 16) : 2;
}

/** Threads that can run at once here (the main thread included). */
export function usableThreads(): number {
  return Math.max(1, availableParallelism());
}

/**
 * The compiled worker script. From dist it sits beside this file; when this module runs from src (Jest via
 * ts-jest), the built copy in dist is used if the package has been built; otherwise undefined (no workers).
 */
export function workerScript(): string | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const beside = path.join(here, 'worker.js');
  if (existsSync(beside)) return beside;
  const parts = here.split(path.sep);
  const src = parts.lastIndexOf('src');
  if (src < 0) return undefined;
  parts[src] = 'dist';
  const built = path.join(parts.join(path.sep), 'worker.js');
  return existsSync(built) ? built : undefined;
}
