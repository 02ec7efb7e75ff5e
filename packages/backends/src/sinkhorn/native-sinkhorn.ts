import type { SinkhornKernel } from '@flow-visualizer/core';
import { loadAddon } from '../model/native-net.js';

/**
 * The entropic OT plan's Sinkhorn loop in C (native/fv_sinkhorn.c, the kernel set chosen at load), for the core's
 * SINKHORN_KERNEL port: about ten times the JavaScript loop on a batch of 1,024 (scripts/bench-sinkhorn.mjs).
 * Undefined where the addon is not built, does not load, or predates the loop: the pairing then runs the
 * couplings package's JavaScript loop, the same plan to float rounding. Loads the addon (once per thread) only
 * when called. A pairing worker thread calls it too (the `worker` spec), so both threads run the same loop.
 */
export function nativeSinkhornKernel(): SinkhornKernel | undefined {
  let addon;
  try {
    addon = loadAddon();
  } catch {
    return undefined;
  }
  const scale = addon.sinkhornScale;
  if (typeof scale !== 'function') return undefined;
  return {
    id: `native-${addon.isa}`,
    scale: (K, n, maxIter, tol, v) => scale(K, n, maxIter, tol, v),
    worker: { module: import.meta.url, export: 'nativeSinkhornKernel' },
  };
}
