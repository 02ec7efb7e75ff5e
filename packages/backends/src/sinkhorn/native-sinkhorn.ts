import type { SinkhornKernel } from '@flow-visualizer/core';
import { loadAddon } from '../model/native-net.js';

/** The addon's codes for the cost scale ε is relative to. */
const SCALES = { none: 0, mean: 1, max: 2 } as const;

/**
 * The entropic OT plan's Sinkhorn loop in C (native/fv_sinkhorn.c, the kernel set chosen at load), for the core's
 * SINKHORN_KERNEL port: about ten times the JavaScript loop on a batch of 1,024 (scripts/bench-sinkhorn.mjs).
 * Undefined where the addon is not built, does not load, or predates the loop: the pairing then runs the
 * couplings package's JavaScript loop, the same plan to float rounding. The kernel exp(−C/ε) and the draws from
 * the plan run in C too (native/fv_sinkhorn_plan.c: the JavaScript's arithmetic in the same order). Loads the addon (once per thread) only
 * when called. A pairing worker thread calls it too (the `worker` spec), so both threads run the same loop.
 */
export function nativeSinkhornKernel(): SinkhornKernel | undefined {
  let addon;
  try {
    addon = loadAddon();
  } catch {
    return undefined;
  }
  const { sinkhornScale: scale, sinkhornKernel: build, sinkhornDraw: draw } = addon;
  if (typeof scale !== 'function' || typeof build !== 'function' || typeof draw !== 'function') return undefined;
  return {
    id: `native-${addon.isa}`,
    scale: (K, n, maxIter, tol, v) => scale(K, n, maxIter, tol, v),
    build: (a, b, s, reg, K) => build(a, b, SCALES[s], reg, K),
    draw: (K, n, v, uniform, out) => draw(K, n, v, uniform, out),
    worker: { module: import.meta.url, export: 'nativeSinkhornKernel' },
  };
}
