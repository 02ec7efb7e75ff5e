#!/usr/bin/env node
// What C²OT's pairing with a continuous condition costs per call, before and after the fast path (issue 27,
// item 5: the `--conditional x` column of scripts/reproduce-c2ot.mjs pairs 5,000 OT batches of 1,024).
// Batches as configs/papers/c2ot-conditional-x.yaml draws them: eight Gaussians (radius 5) as noise, torchdyn
// moons × 3 − 1 as data, the condition the data point's x. Per call:
// - before: what c2ot-pairing.ts did (c2ot-cost.ts searchConditionWeight, r over all n² couples at every step; the
//   cost filled reading C down columns; the solve from the cold auction, PointAssignment('auction'));
// - after: c2otPairing().pair (ConditionWeightSearch, each step over the undecided couples only; M once; the solve
//   from column minima with ε by their mean).
// Both give the same w (checked here on every batch) and the same exact assignment. Medians of CPU time per call
// (process.cpuUsage: less hurt by a shared machine than wall time, still noisy), interleaved, after a warm-up;
// the split of the after path (condition matrix, search, fill + solve); the ratio, and the projection
// 5,000 calls × after. Ends with one `name: value` line per figure.
//   npm run build && node scripts/bench-c2ot-pairing.mjs [--batches 30] [--n 1024]
const args = { batches: 30, n: 1024 };
for (let i = 2; i < process.argv.length; i += 2) {
  const k = process.argv[i].replace(/^--/, '');
  if (!(k in args)) throw new Error(`unknown argument --${k} (known: ${Object.keys(args).map((a) => `--${a}`).join(' ')})`);
  args[k] = Number(process.argv[i + 1]);
}
const core = await import('@flow-visualizer/core');
const couplings = await import('@flow-visualizer/couplings');
const { builtinDatasetPlugins } = await import('@flow-visualizer/datasets/node');
const { loadavg } = await import('node:os');
console.log(`node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}, n = ${args.n}, ${args.batches} batches`);

const config0 = core.ConfigSchema.parse({});
const make = async (id, options) => {
  const p = builtinDatasetPlugins().find((q) => q.id === id);
  return p.create(p.optionsSchema.parse(options), { baseDir: process.cwd(), rng: core.createRng(0), config: config0, log: () => {} });
};
const moons = await make('moons', { layout: 'torchdyn', uniform_noise: 0.2, raw_scale: 3, raw_shift: -1 });
const gauss = await make('eight_gaussians', { raw_radius: 5, cluster_std: 0.11246826503806982 });
const points = async (ds, n, rng) => {
  const s = await ds.sample(n, rng);
  return s instanceof Float32Array ? s : s.points;
};
const n = args.n;
const batches = [];
for (let b = 0; b < args.batches + 2; b++) {
  const x1 = await points(moons, n, core.createRng(b, 'bench-c2ot-data'));
  const x0 = await points(gauss, n, core.createRng(b, 'bench-c2ot-noise'));
  batches.push({ x0, x1, conditions: { c: Float32Array.from({ length: n }, (_, j) => x1[2 * j]), dim: 1, discrete: false } });
}

const { conditionCost, searchConditionWeight, PointAssignment, c2otPairing } = couplings;
const options = { initial: 100, maxIter: 10, tol: 1e-3, maxWeight: 1e8 };
const refSolver = new PointAssignment('auction'); // the solve's start before (the cold auction)
/** The path before: what c2ot-pairing.ts did for a continuous condition. */
function before({ x0, x1, conditions }) {
  const C = conditionCost(conditions, 'l2_squared');
  const w = searchConditionWeight(x0, x1, C, 0.05, options);
  const sigma = refSolver.solveCost(n, (c) => {
    let sum = 0;
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const dx = x0[2 * i] - x1[2 * j], dy = x0[2 * i + 1] - x1[2 * j + 1];
        const e = dx * dx + dy * dy + w * C[i * n + j];
        c[j * n + i] = e;
        sum += e;
      }
    }
    return sum;
  });
  return { w, sigma };
}
const pairing = c2otPairing();
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const timesBefore = [], timesAfter = [], sample = core.createRng(0, 'unused');
let mismatches = 0;
for (let b = 0; b < batches.length; b++) {
  const batch = batches[b];
  let t = cpu();
  const ref = before(batch);
  const tb = cpu() - t;
  t = cpu();
  const paired = pairing.pair(batch.x0, batch.x1, sample, batch.conditions);
  const ta = cpu() - t;
  for (let j = 0; j < n; j++) {
    const i = ref.sigma[j];
    if (paired[2 * j] !== batch.x0[2 * i] || paired[2 * j + 1] !== batch.x0[2 * i + 1]) mismatches++;
  }
  if (b >= 2) {
    timesBefore.push(tb);
    timesAfter.push(ta);
  }
}
// The after path's split, on the same batches.
const search = new couplings.ConditionWeightSearch();
const split = { condition: [], distances: [], search: [], solve: [] }, evaluations = [], tested = [];
const M = new Float64Array(n * n), solver = new PointAssignment();
for (const { x0, x1, conditions } of batches.slice(2)) {
  let t = cpu();
  const C = conditionCost(conditions, 'l2_squared');
  split.condition.push(cpu() - t);
  t = cpu();
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) {
    const dx = x0[2 * i] - x1[2 * j], dy = x0[2 * i + 1] - x1[2 * j + 1];
    M[j * n + i] = dx * dx + dy * dy;
  }
  split.distances.push(cpu() - t);
  t = cpu();
  const w = search.search(M, C, n, 0.05, options);
  split.search.push(cpu() - t);
  evaluations.push(search.evaluations);
  tested.push(search.tested / (n * n));
  t = cpu();
  solver.solveCost(n, (c) => {
    let sum = 0;
    for (let k = 0; k < n * n; k++) sum += c[k] = M[k] + w * C[k];
    return sum;
  });
  split.solve.push(cpu() - t);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const mb = median(timesBefore), ma = median(timesAfter);
console.log(`assignments differing from the reference path: ${mismatches} of ${batches.length * n} slots`);
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
console.log(`after, split (median ms): condition matrix ${median(split.condition).toFixed(1)}, M ${median(split.distances).toFixed(1)}, w search ${median(split.search).toFixed(1)}, fill + exact solve ${median(split.solve).toFixed(1)}`);
console.log(`w search: ${mean(evaluations).toFixed(2)} evaluations of r per call (the reference's too, each over all n² couples), ${mean(tested).toFixed(2)} × n² couples tested in all (the reference: ${mean(evaluations).toFixed(2)} × n²); one exact assignment per call (as theirs: one linear_sum_assignment)`);
const figures = [
  ['before_ms_per_call', mb],
  ['after_ms_per_call', ma],
  ['ratio', mb / ma],
  ['projected_pairing_minutes_5000_calls_before', (5000 * mb) / 60000],
  ['projected_pairing_minutes_5000_calls_after', (5000 * ma) / 60000],
];
for (const [k, v] of figures) console.log(`${k}: ${Number(v.toFixed(2))}`);
