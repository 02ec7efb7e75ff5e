#!/usr/bin/env node
// One native training step, alone: the addon's trainStep (gradient in parts over the C pool, the parts' sum,
// Adam and the moving average) on the default model (66→128→256→256→128→2, batch 256) and fixed data, timed
// call by call with no JavaScript around it. Prints the fastest, 10th-percentile and median step and the addon's
// profile (ms per step summed over threads). Given several addons (e.g. main's build and this one's), it runs
// them alternately, --rounds times, each in its own process, so that each figure covers the same stretch of a
// shared machine's load; the minimum is the figure a busy machine distorts least.
//
// --vary: 40 different batches in turn, as an epoch of training has, rather than one batch again and again.
//
//   node scripts/bench-native-step.mjs [--steps 1500] [--threads 2] [--parts 2] [--rounds 3] [--vary] [addon.node …]
//   FV_NATIVE_ISA=avx2 node scripts/bench-native-step.mjs …    (a kernel set forced)
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const opts = { steps: 1500, threads: 2, parts: 2, rounds: 3, addons: [] };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const k = argv[i];
  if (k === '--child') opts.child = true;
  else if (k === '--vary') opts.vary = true;
  else if (['--steps', '--threads', '--parts', '--rounds'].includes(k)) opts[k.slice(2)] = Number(argv[++i]);
  else if (k === '--help' || k === '-h') {
    console.log('node scripts/bench-native-step.mjs [--steps 1500] [--threads 2] [--parts 2] [--rounds 3] [--vary] [addon.node …]');
    process.exit(0);
  } else opts.addons.push(path.resolve(k));
}
if (!opts.addons.length) opts.addons.push(fileURLToPath(new URL('../packages/backends/dist/native/fv_mlp.node', import.meta.url)));

function child(file) {
  const addon = createRequire(import.meta.url)(file);
  const dims = Int32Array.from([2, 5, 66, 128, 256, 256, 128, 2]);
  const freqs = Float32Array.from({ length: 32 }, (_, i) => Math.exp((-Math.log(1000) * i) / 32));
  let size = 0;
  for (let i = 0; i < 5; i++) size += dims[2 + i] * dims[3 + i] + dims[3 + i];
  let s = 1;
  const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
  const params = Float32Array.from({ length: size }, () => rnd() * 0.1), ema = params.slice();
  const m = new Float32Array(size), v = new Float32Array(size), grad = new Float32Array(size);
  const n = 256;
  const batches = Array.from({ length: opts.vary ? 40 : 1 }, () => ({
    x: Float32Array.from({ length: 2 * n }, rnd), y: Float32Array.from({ length: 2 * n }, rnd), t: Float32Array.from({ length: n }, () => (rnd() + 1) / 2),
  }));
  const k = Float64Array.from([0.9, 0.999, 0.1, 0.001, 1e-4, 1, 1e-8]);
  let turn = 0;
  const step = () => {
    const b = batches[turn++ % batches.length];
    return addon.trainStep(dims, freqs, params, b.x, b.t, b.y, 1 / 512, grad, opts.parts, m, v, k, ema, 0.001);
  };
  addon.setThreads(opts.threads);
  for (let i = 0; i < 300; i++) step();
  addon.profile(true, true);
  const times = [];
  for (let i = 0; i < opts.steps; i++) {
    const t0 = performance.now();
    step();
    times.push(performance.now() - t0);
  }
  const prof = addon.profile(false, true);
  times.sort((a, b) => a - b);
  return { isa: addon.isa, min: times[0], p10: times[Math.floor(opts.steps / 10)], median: times[opts.steps >> 1], profile: Array.from(prof, (x) => (1000 * x) / opts.steps) };
}

if (opts.child) {
  process.stdout.write(JSON.stringify(child(opts.addons[0])) + '\n');
  process.exit(0);
}
const kinds = ['gemm', 'act', 'adam', 'embed', 'sync', 'other'];
const load = () => (spawnSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).stdout ?? '').split(' ')[0];
console.log(`native training step alone: ${opts.parts} parts, ${opts.threads} threads, ${opts.steps} steps after 300 warm-up; ms per step`);
const best = new Map();
for (let r = 0; r < opts.rounds; r++) {
  for (const file of opts.addons) {
    const res = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', ...(opts.vary ? ['--vary'] : []), '--steps', String(opts.steps), '--threads', String(opts.threads), '--parts', String(opts.parts), file], { encoding: 'utf8' });
    if (res.status !== 0) {
      console.log(`${file}: failed: ${(res.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}`);
      continue;
    }
    const o = JSON.parse(res.stdout);
    console.log(`round ${r + 1} ${file} (${o.isa}): min ${o.min.toFixed(3)} p10 ${o.p10.toFixed(3)} median ${o.median.toFixed(3)}; profile ` +
      kinds.map((kd, i) => `${kd} ${o.profile[i].toFixed(3)}`).join(' ') + `; load ${load()}`);
    best.set(file, Math.min(best.get(file) ?? Infinity, o.min));
  }
}
for (const [file, v] of best) console.log(`fastest step ${file}: ${v.toFixed(3)} ms`);
