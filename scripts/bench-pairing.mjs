#!/usr/bin/env node
// What minibatch OT pairing costs (issue 5: "a batch of 256 must cost little next to a training step").
// 1. The exact assignment (and Sinkhorn) of one batch: 256 T-Rex points against 256 N(0, I) points, median and
//    90th percentile over many batches.
// 2. Training seconds per epoch of the default workload on one backend with flow.pairing none, ot on the
//    training thread (flow.pairing_workers=0) and ot on worker threads (auto), interleaved rounds, medians; and
//    the ratios against none. Ends with one `name: value` line per figure.
//
//   npm run build && npm run bench:pairing [-- --backend native --epochs 6 --rounds 3 --batches 300]
// The cores may be shared: run it on a quiet machine and read single figures as ±20%.
import { availableParallelism } from 'node:os';

const args = { backend: 'auto', epochs: 6, rounds: 3, batches: 300 };
for (let i = 2; i < process.argv.length; i += 2) {
  const k = process.argv[i].replace(/^--/, ''), v = process.argv[i + 1];
  if (!(k in args)) throw new Error(`unknown argument --${k} (known: ${Object.keys(args).map((a) => `--${a}`).join(' ')})`);
  args[k] = k === 'backend' ? v : Number(v);
}

const core = await import('@flow-visualizer/core');
const couplings = await import('@flow-visualizer/couplings');
await import('@flow-visualizer/core/node'); // installs the worker threads that pair batches beside training
const { builtinBackendPlugins } = await import('@flow-visualizer/backends');
const { builtinDatasetPlugins } = await import('@flow-visualizer/datasets/node');
const figures = [];
const fig = (name, value, digits = 3) => figures.push([name, Number(value.toFixed(digits))]);
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

const config0 = core.ConfigSchema.parse({});
const trexPlugin = builtinDatasetPlugins().find((p) => p.id === 'trex');
const trex = await trexPlugin.create(trexPlugin.optionsSchema.parse({}), { baseDir: process.cwd(), rng: core.createRng(0), config: config0, log: () => {} });
const data = await trex.sample(config0.data.n_samples, core.createRng(config0.training.seed, 'data'));
console.log(`node ${process.version}, ${availableParallelism()} cores, load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')}`);

// 1. One batch.
const rng = core.createRng(7, 'bench-pairing');
const batches = Array.from({ length: args.batches }, () => {
  const perm = rng.permutation(data.length >> 1).subarray(0, 256);
  return { x1: core.gatherPoints(data, perm), x0: rng.fillNormal(new Float32Array(512)) };
});
for (const [id, options] of [['exact', {}], ['sinkhorn', { solver: 'sinkhorn' }]]) {
  const pairing = couplings.otPairing(options);
  for (const b of batches.slice(0, 20)) pairing.pair(b.x0, b.x1, rng); // warm-up (JIT)
  const ms = batches.map((b) => {
    const t0 = performance.now();
    pairing.pair(b.x0, b.x1, rng);
    return performance.now() - t0;
  });
  console.log(`ot ${id}: ${quantile(ms, 0.5).toFixed(2)} ms per 256-point batch (p90 ${quantile(ms, 0.9).toFixed(2)} ms, ${args.batches} batches)`);
  fig(`pairing.${id}.batch_ms`, quantile(ms, 0.5), 2);
  fig(`pairing.${id}.batch_ms_p90`, quantile(ms, 0.9), 2);
}

// 2. Training with each pairing.
const backends = await Promise.all(builtinBackendPlugins().map((p) => p.create({}, {})));
const { backend } = await core.selectBackend(backends, args.backend);
const variants = [
  ['none', { pairing: 'none' }, undefined],
  ['ot_inline', { pairing: 'ot', pairing_workers: 0 }, couplings.otPairing()],
  ['ot_workers', { pairing: 'ot', pairing_workers: 'auto' }, couplings.otPairing()],
];
const epochs = Object.fromEntries(variants.map(([id]) => [id, []]));
for (let round = 0; round < args.rounds; round++) {
  for (const [id, flow, pairing] of variants) {
    const config = core.ConfigSchema.parse({ training: { n_epochs: args.epochs + 1 }, flow });
    const model = await backend.createModel(core.modelSpecOf(config));
    const times = [];
    await core.train(config, { dataset: trex, backend, path: couplings.linearPath(), pairing }, { onEpoch: (e) => times.push(e.epochSeconds) }, undefined, data);
    model.dispose();
    epochs[id].push(...times.slice(1)); // the first epoch warms up (JIT, worker start)
  }
}
const none = quantile(epochs.none, 0.5);
console.log(`training on ${backend.id}, ${args.rounds} rounds × ${args.epochs} epochs each, pairing workers (auto): ${core.pairingWorkerCount('auto')}`);
for (const [id] of variants) {
  const s = quantile(epochs[id], 0.5);
  console.log(`  ${id.padEnd(11)} ${s.toFixed(3)} s/epoch  (${(s / none).toFixed(2)}× none; ${((s - none) / Math.ceil((data.length >> 1) / 256) * 1000).toFixed(2)} ms per batch more)`);
  fig(`train.${backend.id}.${id}.epoch_s`, s);
  fig(`ratio.${backend.id}.${id}_vs_none`, s / none, 2);
}
for (const [k, v] of figures) console.log(`${k}: ${v}`);
