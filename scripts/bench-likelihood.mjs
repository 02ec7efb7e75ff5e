#!/usr/bin/env node
// Likelihood's cost (issue 28): log p of N points with the default likelihood solver (rk4, 25 steps: 100 Jacobian
// evaluations, each the forward pass with two tangents) against sampling N points with the default sampler (euler,
// 100 steps: 100 velocity evaluations), per backend, on the default network (128-256-256-128, time embedding 64).
// Also the largest difference of log p between each backend and native on the same points (float rounding).
// Times are wall seconds, best of --repeats (the machine is shared: say so beside any figure).
//
//   npm run build && node scripts/bench-likelihood.mjs [--n 10000] [--backends native,wasm,cpu] [--cpu-n 1000] [--repeats 2]
import { createRng, defaultConfig, logProb } from '@flow-visualizer/core';
import { cpuBackend, nativeBackend, wasmBackend } from '@flow-visualizer/backends';
import { euler, rk4 } from '@flow-visualizer/integrators';

const args = { n: '10000', backends: 'native,wasm,cpu', 'cpu-n': '1000', repeats: '2' };
for (let i = 2; i < process.argv.length; i++) {
  const k = process.argv[i].replace(/^--/, '');
  if (!(k in args)) throw new Error(`unknown argument --${k} (known: ${Object.keys(args).map((a) => `--${a}`).join(' ')})`);
  args[k] = process.argv[++i];
}
const makers = { native: nativeBackend, wasm: wasmBackend, cpu: cpuBackend };
const c = defaultConfig();
const spec = { dataDim: 2, timeEmbedDim: c.model.time_embed_dim, hiddenDims: [...c.model.hidden_dims], learningRate: 1e-3, seed: 1 };

async function best(fn, repeats) {
  let t = Infinity, out;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    out = await fn();
    t = Math.min(t, (performance.now() - t0) / 1000);
  }
  return { t, out };
}

const probe = createRng(5, 'probe-points').fillNormal(new Float32Array(2 * 200));
let reference;
console.log(`backend  points  sample (euler 100)  log p (rk4 25, exact)  ratio   max |Δ log p| vs native (200 points)`);
for (const id of args.backends.split(',')) {
  const backend = makers[id]();
  const p = await backend.probe();
  if (!p.ok) {
    console.log(`${id.padEnd(8)} not available here: ${p.reason}`);
    continue;
  }
  const model = await backend.createModel(spec);
  const n = id === 'cpu' ? Number(args['cpu-n']) : Number(args.n);
  const repeats = id === 'cpu' ? 1 : Number(args.repeats);
  const x0 = createRng(1, 'noise').fillNormal(new Float32Array(2 * n));
  const sample = await best(() => euler().integrate((x, t) => model.predict(x, t), x0, { steps: 100 }), repeats);
  const lp = await best(() => logProb(model, sample.out.x, { integrator: rk4(), steps: 25 }), repeats);
  const small = await logProb(model, probe, { integrator: rk4(), steps: 25 });
  reference ??= id === 'native' ? small.logp : undefined;
  let diff = NaN;
  if (reference) {
    diff = 0;
    for (let i = 0; i < reference.length; i++) diff = Math.max(diff, Math.abs(reference[i] - small.logp[i]));
  }
  console.log(`${id.padEnd(8)} ${String(n).padStart(6)}  ${sample.t.toFixed(2).padStart(10)} s  ${lp.t.toFixed(2).padStart(14)} s  ${(lp.t / sample.t).toFixed(2).padStart(8)}×  ${Number.isNaN(diff) ? '—' : diff.toExponential(1)}`);
  model.dispose();
}
