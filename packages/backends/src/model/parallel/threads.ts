import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { builtModule } from '@flow-visualizer/core/node';
import type { NetKind } from '../net.js';

/**
 * How many parts each training batch is split into (data parallel), each part on its own thread when there are
 * cores for it. The numbers depend only on this count, not on how many threads actually run, so the same seed
 * gives the same loss history on any machine. FV_THREADS=<n> sets it (1: no workers). Default: 2 for tfjs
 * (wasm, cpu), whose steps are slow enough for two threads to pay; 1 for the native C net, whose ~2 ms steps
 * gained nothing from a second thread here (messaging and a shared, busy machine ate the gain).
 */
export function trainChunks(kind: NetKind = 'wasm'): number {
  const env = Number(process.env.FV_THREADS);
  if (Number.isInteger(env) && env >= 1) return Math.min(env, 16);
  return kind === 'native' ? 1 : 2;
}

/** Threads that can run at once here (the main thread included). */
export function usableThreads(): number {
  return Math.max(1, availableParallelism());
}

/**
 * The compiled worker script: beside this file in dist; when this module runs from src (Jest via ts-jest), the
 * built copy in dist if the package has been built (core's builtModule); otherwise undefined (no workers).
 */
export function workerScript(): string | undefined {
  const url = builtModule(new URL('./worker.js', import.meta.url).href);
  return url ? fileURLToPath(url) : undefined;
}
