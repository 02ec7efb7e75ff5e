import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { builtModule } from '@flow-visualizer/core/node';
import type { NetKind } from '../net.js';

/**
 * How many parts each training batch is split into (data parallel), each part on its own thread when there are
 * cores for it. The numbers depend only on this count, not on how many threads actually run, so the same seed
 * gives the same loss history on any machine. FV_THREADS=<n> sets it (1: one thread). Default 2, for every kind:
 * tfjs (wasm, cpu) over worker threads, the native C net over its own thread pool (a fork-join of a few µs, where
 * worker messages had eaten the gain of its ~2 ms steps).
 */
export function trainChunks(_kind: NetKind = 'wasm'): number {
  return envThreads() ?? 2;
}

/** FV_THREADS when it is a positive integer (at most 16), else undefined. */
export function envThreads(): number | undefined {
  const env = Number(process.env.FV_THREADS);
  return Number.isInteger(env) && env >= 1 ? Math.min(env, 16) : undefined;
}

/**
 * Threads of the native backend's C pool: FV_THREADS, else every core (at most 16). Training uses as many as
 * its batch has parts (trainChunks); prediction, whose rows are independent, all of them.
 */
export function nativeThreads(): number {
  return envThreads() ?? Math.min(16, usableThreads());
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
