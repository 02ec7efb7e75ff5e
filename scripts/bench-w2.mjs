#!/usr/bin/env node
// Speed of the exact W2 (core's exactW2Squared over the couplings package's exact assignment): two clouds of n
// points, N(0, I) against N((1, 1), I) (W2² → 2 as n grows). Prints figures; asserts nothing (a shared machine's
// timings are noisy). Usage: node scripts/bench-w2.mjs [n ...]   (default 1000 2000 5000 10000)
import { createRng, exactW2Squared } from '@flow-visualizer/core';
import { exactAssignment } from '@flow-visualizer/couplings';

const sizes = process.argv.slice(2).map(Number);
for (const n of sizes.length ? sizes : [1000, 2000, 5000, 10000]) {
  const rng = createRng(1, `bench-w2-${n}`);
  const a = rng.fillNormal(new Float32Array(2 * n)), b = rng.fillNormal(new Float32Array(2 * n), 1, 1);
  const t0 = performance.now();
  const w2 = exactW2Squared(a, b, exactAssignment(), 'n');
  const ms = performance.now() - t0;
  console.log(`n=${String(n).padStart(6)}  W2²=${w2.toFixed(4)}  ${(ms / 1000).toFixed(2)} s  (cost matrix ${((8 * n * n) / 2 ** 20).toFixed(0)} MiB)`);
}
