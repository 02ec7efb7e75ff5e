#!/usr/bin/env node
// The training step of the default model ([128,256,256,128], batch 256, time embedding 64: the studio's T-Rex
// workload) on the page's wasm-c kernels (in Node's V8: the same module the page runs) against the native addon
// with 1 and 2 threads, and WebAssembly SIMD's FP32 peak (fvw_peak). Fastest and median step of `--steps` after a
// warm-up, alternating the sources in rounds so a shared machine's load falls on all of them alike; and the
// process's CPU time a step (user + system, all its threads): on a loaded machine the wall time counts the time
// other jobs held the core, the CPU time does not, so one thread's CPU time estimates its quiet-machine speed.
//   npm run build -w @flow-visualizer/backends && node packages/backends/scripts/bench-wasm-step.mjs [--steps 40] [--rounds 3]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const { MlpEngine } = await import(path.join(dist, 'model', 'engine.js'));
const { initialState } = await import(path.join(dist, 'model', 'state.js'));
const { NativeSource } = await import(path.join(dist, 'model', 'sources', 'native-source.js'));
const { WasmSource } = await import(path.join(dist, 'wasm', 'wasm-source.js'));
const { wasmSimdPeak } = await import(path.join(dist, 'wasm', 'fv-wasm.js'));
const { Worker } = await import('node:worker_threads');
/** Pool workers as Node worker threads (as the page's Web Workers). */
const spawn = (code) => {
  const w = new Worker(code, { eval: true });
  const pw = { onmessage: null, postMessage: (m) => w.postMessage(m), terminate: () => void w.terminate() };
  w.on('message', (data) => pw.onmessage?.({ data }));
  w.unref();
  return pw;
};

const arg = (k, d) => (process.argv.includes(k) ? Number(process.argv[process.argv.indexOf(k) + 1]) : d);
const STEPS = arg('--steps', 40), ROUNDS = arg('--rounds', 3), BATCH = 256;
const spec = { dataDim: 2, timeEmbedDim: 64, hiddenDims: [128, 256, 256, 128], learningRate: 1e-3, seed: 0, emaDecay: 0.995 };
const widths = [2 + spec.timeEmbedDim, ...spec.hiddenDims, 2];
let flopsPerRow = 0;
for (let i = 0; i + 1 < widths.length; i++) flopsPerRow += 2 * widths[i] * widths[i + 1] * (i === 0 ? 2 : 3);
const stepFlops = flopsPerRow * BATCH;
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

let seed = 1;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
const batches = Array.from({ length: 8 }, () => ({
  x: Float32Array.from({ length: 2 * BATCH }, rand), t: Float32Array.from({ length: BATCH }, () => (rand() + 1) / 2), y: Float32Array.from({ length: 2 * BATCH }, rand),
}));

const sources = {
  'wasm-c (1 thread)': () => WasmSource.create(spec),
  'wasm-c (2 threads)': () => WasmSource.create(spec, 2, { threads: 2, spawn }),
  'native, 1 thread': async () => new NativeSource(spec, { parts: 2, threads: 1 }),
  'native, 2 threads': async () => new NativeSource(spec, { parts: 2, threads: 2 }),
};
const { FvWasm } = await import(path.join(dist, 'wasm', 'fv-wasm.js'));
const peakModule = await FvWasm.instantiate();
/** fvw_peak's flops over the CPU time they took (one thread), the best of 5 runs of ~50 ms: measured in every round, beside the steps. */
function cpuPeakNow() {
  let best = 0;
  for (let r = 0; r < 5; r++) {
    const c0 = process.cpuUsage();
    peakModule.exports.fvw_peak(30_000_000, 1 + r);
    const u = process.cpuUsage(c0);
    best = Math.max(best, (30_000_000 * 96) / ((u.user + u.system) / 1e6) / 1e9);
  }
  return best;
}
let cpuPeak = 0;
const times = Object.fromEntries(Object.keys(sources).map((k) => [k, []]));
const cpu = Object.fromEntries(Object.keys(sources).map((k) => [k, []]));
const cpuMs = (u) => (u.user + u.system) / 1000;
console.log(`load average at start: ${load()}`);
for (let r = 0; r < ROUNDS; r++) {
  cpuPeak = Math.max(cpuPeak, cpuPeakNow());
  for (const [name, make] of Object.entries(sources)) {
    const engine = new MlpEngine(spec, initialState(spec), await make());
    for (let i = 0; i < 5; i++) await engine.trainStep(batches[i % 8].x, batches[i % 8].t, batches[i % 8].y);
    const c0 = process.cpuUsage();
    for (let i = 0; i < STEPS; i++) {
      const b = batches[i % 8];
      const t0 = performance.now();
      await engine.trainStep(b.x, b.t, b.y);
      times[name].push(performance.now() - t0);
    }
    cpu[name].push(cpuMs(process.cpuUsage(c0)) / STEPS);
    engine.dispose();
  }
}
const peak = await wasmSimdPeak();
cpuPeak = Math.max(cpuPeak, cpuPeakNow());
const q = (xs, p) => [...xs].sort((a, b) => a - b)[Math.floor(p * (xs.length - 1))];
console.log(`WebAssembly SIMD FP32 peak (one thread, V8 ${process.versions.v8}): ${peak.toFixed(1)} GFLOP/s by wall time (best of 60 short runs), ${cpuPeak.toFixed(1)} by CPU time (the best of 5 runs in each round); a step is ${(stepFlops / 1e6).toFixed(0)} MFLOP of matrix products`);
for (const [name, ts] of Object.entries(times)) {
  const best = q(ts, 0), med = q(ts, 0.5);
  const g = stepFlops / (best / 1000) / 1e9;
  const c = Math.min(...cpu[name]), gc = stepFlops / (c / 1000) / 1e9;
  console.log(`${name.padEnd(20)} step ms: fastest ${best.toFixed(2)}, median ${med.toFixed(2)} (${g.toFixed(1)} GFLOP/s at the fastest); CPU ms a step ${c.toFixed(2)} (${gc.toFixed(1)} GFLOP/s a CPU, ${((100 * gc) / cpuPeak).toFixed(0)}% of the wasm peak by CPU time)`);
}
const n2 = q(times['native, 2 threads'], 0), n1 = q(times['native, 1 thread'], 0);
for (const k of ['wasm-c (1 thread)', 'wasm-c (2 threads)']) {
  const w = q(times[k], 0);
  console.log(`${k} ÷ native speed (fastest steps): ${(n1 / w).toFixed(2)}× of native 1 thread, ${(n2 / w).toFixed(2)}× of native 2 threads`);
}
const c1 = Math.min(...cpu['wasm-c (1 thread)']), cn = Math.min(...cpu['native, 1 thread']);
console.log(`one thread by CPU time: wasm-c ${c1.toFixed(2)} ms a step, native ${cn.toFixed(2)}: ${(cn / c1).toFixed(2)}× native's speed`);
console.log(`load average at end: ${load()}`);
