#!/usr/bin/env node
// What the entropic OT pairing costs per call in the C2OT reproduction (issue 26, "Beyond the table"): one batch
// of 1,024 points of their eight Gaussians (scale 5) against their moons (×3 − 1), ε = 0.5 (flow.pairing=entropic_ot
// with reg 0.5, and SB-CFM at σ = 0.5), the protocol's 5,000 pairing calls per run.
// Per batch: the Sinkhorn iterations to the 0.1% row-marginal test, the time of each part of a pairing call
// (the kernel exp(−C/ε), the scaling loop, the draws), for the first loop (two passes over K per iteration,
// "before"), the fused JavaScript loop (one pass) and the native C loop (the SINKHORN_KERNEL port), the exact OT
// assignment beside them, and the projected pairing time of a full run. Then, on the first batch, when POT's
// sinkhorn (torchcfm's: stopThr 1e-9 on the column marginals, checked every 10 iterations) would have stopped.
//   npm run build && npm run bench:sinkhorn -- [--batches 5] [--n 1024] [--reg 0.5] [--pot 1] [--reps 3]
// Times are CPU time of this process (process.cpuUsage: the loops are single-threaded), so that a loaded machine
// slows the wall clock, not the figures; the cores are shared all the same (caches, clocks): read single
// figures as ±20%. Each figure is the least of --reps runs, then the median over the batches.
import { availableParallelism, loadavg } from 'node:os';
import { createRng } from '@flow-visualizer/core';
import { moonsDataset, eightGaussiansDataset } from '@flow-visualizer/datasets';
import { entropicOtPairing, otPairing, sinkhornPlan } from '@flow-visualizer/couplings';
import { nativeSinkhornKernel } from '@flow-visualizer/backends';
// The first loop, kept beside the package's for tests and this benchmark (not exported by the package).
import { sinkhornScalingReference } from '../packages/couplings/dist/pairings/sinkhorn-scaling-reference.js';

const args = { batches: 5, n: 1024, reg: 0.5, pot: 1, calls: 5000, reps: 3 };
for (let i = 2; i < process.argv.length; i += 2) {
  const k = process.argv[i].replace(/^--/, '');
  if (!(k in args)) {
    console.error(`unknown argument --${k} (known: ${Object.keys(args).map((a) => `--${a}`).join(' ')})`);
    process.exit(2);
  }
  args[k] = Number(process.argv[i + 1]);
}
const { n, reg } = args;
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const native = nativeSinkhornKernel();
console.log(`node ${process.version}, ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; native kernel: ${native?.id ?? 'none (addon not built)'}`);

const src = eightGaussiansDataset({ raw_radius: 5, cluster_std: 0.1 ** 0.25 / 5 });
const tgt = moonsDataset({ layout: 'torchdyn', uniform_noise: 0.2, raw_scale: 3, raw_shift: -1 });
const batches = Array.from({ length: args.batches }, (_, k) => ({ x0: src.sample(n, createRng(k, 'source')), x1: tgt.sample(n, createRng(k, 'target')) }));

// Each row a pairing call: the first loop with the kernel and the draws in JavaScript ("before"), the fused loop
// (JavaScript throughout: the browser's path), the native loop alone, and native throughout (loop, kernel, draws).
const reference = { id: 'reference', scale: sinkhornScalingReference };
const variants = [
  ['before (first JS loop)', reference],
  ['fused JS loop', undefined],
  ...(native
    ? [
        ['native loop, JS kernel+draws', { id: 'native-loop', scale: native.scale }],
        [`native (${native.id}) throughout`, native],
      ]
    : []),
];
/** CPU milliseconds of this process (user + system) over f: on a loaded machine, what the call costs, not how long it waited. */
/** The least of `reps` runs: other processes' cache traffic only ever adds to it. */
const timeOf = (f, reps = args.reps) => {
  let best = Infinity, r;
  for (let k = 0; k < reps; k++) {
    const t0 = process.cpuUsage();
    r = f();
    const d = process.cpuUsage(t0);
    best = Math.min(best, (d.user + d.system) / 1000);
  }
  return [best, r];
};

/** The pairing's draws in JavaScript (entropic-ot-pairing.ts sampleFromPlan, copied): one column per row of the plan. */
function drawJs(K, n, v, uniform, out) {
  for (let i = 0; i < n; i++) {
    const row = i * n;
    let total = 0;
    for (let j = 0; j < n; j++) total += K[row + j] * v[j];
    let r = uniform[i] * total, j = 0;
    for (; j < n - 1; j++) {
      r -= K[row + j] * v[j];
      if (r < 0) break;
    }
    out[i] = j;
  }
}

const rows = Object.fromEntries(variants.map(([name]) => [name, { call: [], loop: [], perIt: [] }]));
const parts = { kernelJs: [], kernelNative: [], drawsJs: [], drawsNative: [], iterations: [], ot: [] };
const ot = otPairing();
const plan = (x0, x1, kernel, maxIter = 1000) => sinkhornPlan(x1, x0, { reg, scale: 'none', maxIter, ...(kernel && { kernel }) });
for (const [k, { x0, x1 }] of batches.entries()) {
  // The kernel exp(−C/ε) alone (no iteration), in JavaScript and in C; the exact assignment for comparison.
  parts.kernelJs.push(timeOf(() => plan(x0, x1, undefined, 0))[0]);
  if (native) parts.kernelNative.push(timeOf(() => plan(x0, x1, native, 0))[0]);
  parts.ot.push(timeOf(() => ot.pair(x0, x1, createRng(k)))[0]);
  let iterations;
  for (const [name, kernel] of variants) {
    const [planMs, p] = timeOf(() => plan(x0, x1, kernel));
    const [call] = timeOf(() => entropicOtPairing({ reg }, kernel).pair(x0, x1, createRng(k)));
    iterations ??= p.iterations;
    if (p.iterations !== iterations) console.log(`  batch ${k}: ${name} stopped after ${p.iterations} iterations, the first loop after ${iterations}`);
    const loopMs = planMs - (kernel?.build ? parts.kernelNative[k] : parts.kernelJs[k]);
    rows[name].call.push(call);
    rows[name].loop.push(loopMs);
    rows[name].perIt.push(loopMs / p.iterations);
    if (name === 'fused JS loop') {
      const uniform = Float64Array.from({ length: n }, Math.random), out = new Int32Array(n), again = new Int32Array(n);
      parts.drawsJs.push(timeOf(() => drawJs(p.K, n, p.v, uniform, out))[0]);
      if (native) {
        parts.drawsNative.push(timeOf(() => native.draw(p.K, n, p.v, uniform, again))[0]);
        if (!again.every((j, i) => j === out[i])) console.log(`  batch ${k}: the C draws differ from the JavaScript draws`);
      }
    }
  }
  parts.iterations.push(iterations);
  console.log(`batch ${k}: ${iterations} iterations; ${variants.map(([name]) => `${name} ${rows[name].call[k].toFixed(0)} ms`).join(', ')}; exact OT ${parts.ot[k].toFixed(0)} ms`);
}

const before = median(rows[variants[0][0]].call);
console.log(`\nCPU time per pairing call of ${n} points (medians of ${args.batches} batches; iterations ${median(parts.iterations)}, range ${Math.min(...parts.iterations)}–${Math.max(...parts.iterations)}):`);
console.log(`  kernel exp(−C/ε): JS ${median(parts.kernelJs).toFixed(1)} ms${native ? `, C ${median(parts.kernelNative).toFixed(1)} ms` : ''}; draws from the plan: JS ${median(parts.drawsJs).toFixed(1)} ms${native ? `, C ${median(parts.drawsNative).toFixed(1)} ms` : ''} `);
for (const [name] of variants) {
  const r = rows[name], call = median(r.call);
  console.log(`  ${name.padEnd(34)} ${call.toFixed(1).padStart(7)} ms per call (loop ${median(r.loop).toFixed(1)} ms, ${median(r.perIt).toFixed(3)} ms per iteration), ${(before / call).toFixed(1)}× before; ${args.calls} calls: ${((args.calls * call) / 60000).toFixed(1)} min`);
}
console.log(`  ${'exact OT (ot)'.padEnd(34)} ${median(parts.ot).toFixed(1).padStart(7)} ms per call; ${args.calls} calls: ${((args.calls * median(parts.ot)) / 60000).toFixed(1)} min`);

if (args.pot) {
  // POT's sinkhorn_knopp as torchcfm calls it: a = b = 1/n, u = v = 1/n; v = b / Kᵀu; u = a / Kv; every 10th
  // iteration err = ‖Σ_i u_i K_ij v_j − b‖₂, stop below 1e-9; at most 1,000 iterations. Our K's rows are shifted
  // by their minimum cost: a row scaling that u absorbs, the same plan.
  const { x0, x1 } = batches[0];
  const { K } = sinkhornPlan(x1, x0, { reg, scale: 'none', maxIter: 0 });
  const u = new Float64Array(n).fill(1 / n), v = new Float64Array(n).fill(1 / n), t = new Float64Array(n);
  let stopped = -1, err = Infinity;
  for (let it = 0; it < 1000; it++) {
    t.fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) t[j] += K[i * n + j] * u[i];
    for (let j = 0; j < n; j++) v[j] = 1 / n / t[j];
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += K[i * n + j] * v[j];
      u[i] = 1 / n / s;
    }
    if (it % 10 === 0) {
      t.fill(0);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) t[j] += u[i] * K[i * n + j] * v[j];
      err = Math.hypot(...t.map((c) => c - 1 / n));
      if (err < 1e-9) {
        stopped = it + 1;
        break;
      }
    }
  }
  // Our stopping point on the same batch, in POT's measure (column marginals after the u update).
  const ours = plan(x0, x1, native);
  const ku = new Float64Array(n), col = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += K[i * n + j] * ours.v[j];
    ku[i] = 1 / s;
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) col[j] += (ku[i] * K[i * n + j] * ours.v[j]) / n;
  const ourErr = Math.hypot(...col.map((c) => c - 1 / n));
  console.log(`\nPOT's test on batch 0: ${stopped > 0 ? `stops after ${stopped} iterations` : `not met in 1,000 iterations (err ${err.toExponential(2)} at the cap)`}; ours stops after ${ours.iterations} (0.1% on the row marginals), where POT's err is ${ourErr.toExponential(2)}`);
}
