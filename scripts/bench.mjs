#!/usr/bin/env node
// Speed benchmark of the default workload (issues 4, 17): 10k points, MLP 66→128→256→256→128→2, batch 256, Adam,
// linear path; sampling 10k points × 100 Euler steps. For each backend that loads here and for T-Rex and two
// moons it prints seconds per epoch (median after warm-up), the projected 300-epoch time, sampling seconds, peak
// RSS and tensors alive; the PyTorch reference (shared/bench/ref_fit.py, found in this checkout's parent folders,
// or --ref <file>) on the same points, when /usr/bin/python3 has torch, with OpenBLAS's core type set from this
// CPU's flags; and the ratios ours ÷ reference. Ours and the reference run alternately, --rounds times (default
// 3), and the medians are compared: on a shared machine the load changes from one minute to the next. For
// `native` it also prints how training and sampling scale from 1 to 2 threads (FV_THREADS) and where a step's
// time goes (profile table). Ends with one `name: value` line per figure.
//
//   npm run build && npm run bench [-- --backends wasm,cpu --datasets moons,trex --epochs 5 --warmup 2 --rounds 3
//                                       --no-ref --ref-threads 2 --isa avx2 --no-scaling --no-profile --no-render]
//   npm run bench -- --quick          native on the T-Rex only, 1 round, 3 epochs: a minute
//   npm run bench -- --isa avx2       native with its AVX2 kernels forced (FV_NATIVE_ISA) and the reference with
//                                     OpenBLAS's (OPENBLAS_CORETYPE=Haswell): an AVX2-only CPU, on an AVX-512 one
//   (--ref-coretype <type> sets OpenBLAS's core type by hand)
// (the reference's 2 OpenMP threads spin badly when the cores are shared: on a busy machine --ref-threads 1 is fairer)
//   npm run bench -- --quality [300] --backends wasm --datasets moons   full training + sample quality, ours and the reference
//
// Each (backend, dataset) runs in its own child process, so that peak RSS and tensor counts are its own.
// The machine's cores may be shared: run it on a quiet machine, and read single figures as ±20%.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const args = parseArgs(process.argv.slice(2));


function parseArgs(argv) {
  const a = { epochs: 5, warmup: 2, steps: 100, n: 10000, ref: true, rounds: 3, scaling: true, profile: true };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const val = () => argv[++i];
    if (k === '--child') a.child = true;
    else if (k === '--backend') a.backend = val();
    else if (k === '--backends') a.backends = val().split(',');
    else if (k === '--dataset') a.dataset = val();
    else if (k === '--datasets') a.datasets = val().split(',');
    else if (k === '--epochs') a.epochs = Number(val());
    else if (k === '--warmup') a.warmup = Number(val());
    else if (k === '--steps') a.steps = Number(val());
    else if (k === '--sample-steps') a.sampleSteps = Number(val());
    else if (k === '--n') a.n = Number(val());
    else if (k === '--points') a.points = val();
    else if (k === '--no-ref') a.ref = false;
    else if (k === '--ref-threads') a.refThreads = Number(val());
    else if (k === '--seed') a.seed = Number(val());
    else if (k === '--no-render') a.noRender = true;
    else if (k === '--quality') a.quality = Number(argv[i + 1]) > 0 ? Number(val()) : 300;
    else if (k === '--rounds') a.rounds = Number(val());
    else if (k === '--quick') Object.assign(a, { quick: true, rounds: 1, epochs: 3, warmup: 1, backends: a.backends ?? ['native'], datasets: a.datasets ?? ['trex'], noRender: true });
    else if (k === '--isa') a.isa = val();
    else if (k === '--ref-coretype') a.refCoreType = val();
    else if (k === '--ref') a.refScript = path.resolve(val());
    else if (k === '--no-scaling') a.scaling = false;
    else if (k === '--no-profile') a.profile = false;
    else if (k === '--help' || k === '-h') {
      console.log('node scripts/bench.mjs [--quick] [--backends native,wasm,cpu] [--datasets trex,moons] [--epochs 5] [--warmup 2] [--rounds 3] [--isa avx512|avx2|generic] [--no-ref] [--ref file] [--ref-coretype Haswell] [--ref-threads 2] [--no-scaling] [--no-profile] [--no-render] [--quality [300]]');
      process.exit(0);
    } else throw new Error(`unknown argument ${k}`);
  }
  return a;
}

const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function importOrNull(spec) {
  try {
    return await import(spec);
  } catch (e) {
    if (e?.code === 'ERR_MODULE_NOT_FOUND') return null;
    throw e;
  }
}

/** Two moons as the reference draws them: noise 0.02, standardised, shuffled. */
function moons(core, n) {
  const rng = core.createRng(0, 'bench-moons');
  const h = n >> 1;
  const pts = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const upper = i < h;
    const k = upper ? i : i - h, m = upper ? h : n - h;
    const u = (Math.PI * k) / Math.max(1, m - 1);
    pts[2 * i] = (upper ? Math.cos(u) : 1 - Math.cos(u)) + 0.02 * rng.normal();
    pts[2 * i + 1] = (upper ? Math.sin(u) : 1 - Math.sin(u) - 0.5) + 0.02 * rng.normal();
  }
  for (let d = 0; d < 2; d++) {
    let s = 0, s2 = 0;
    for (let i = 0; i < n; i++) s += pts[2 * i + d];
    const mu = s / n;
    for (let i = 0; i < n; i++) s2 += (pts[2 * i + d] - mu) ** 2;
    const sd = Math.sqrt(s2 / n);
    for (let i = 0; i < n; i++) pts[2 * i + d] = (pts[2 * i + d] - mu) / sd;
  }
  const perm = rng.permutation(n);
  const out = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    out[2 * i] = pts[2 * perm[i]];
    out[2 * i + 1] = pts[2 * perm[i] + 1];
  }
  return out;
}

/** The T-Rex points from the datasets package (built), or null when it is not built. */
async function trexPoints(core, n) {
  const ds = await importOrNull('@flow-visualizer/datasets');
  // The built-in shapes: shapeDatasetPlugins (main entry); builtinDatasetPlugins in builds from before the split.
  const list = ds && (ds.shapeDatasetPlugins ?? ds.builtinDatasetPlugins);
  const plugin = list && list().find((p) => p.id === 'trex');
  if (!plugin) return null;
  const config = core.ConfigSchema.parse({ data: { n_samples: n } });
  const dataset = await plugin.create(plugin.optionsSchema ? plugin.optionsSchema.parse({}) : {}, {
    baseDir: root, rng: core.createRng(0, 'plugin'), config, log: () => {},
  });
  return core.sampleTarget(config, dataset);
}

async function points(core, name, n) {
  return name === 'moons' ? moons(core, n) : name === 'trex' ? trexPoints(core, n) : null;
}

/** One backend on one dataset, in this (child) process. */
async function runChild(a) {
  const core = await import('@flow-visualizer/core');
const couplings = await import('@flow-visualizer/couplings');
  const { builtinBackendPlugins } = await import('@flow-visualizer/backends');
  const plugin = builtinBackendPlugins().find((p) => p.id === a.backend);
  const backend = await plugin.create({}, {});
  const probe = await backend.probe();
  if (!probe.ok) return { skipped: `${probe.reason} ${probe.hint ?? ''}`.trim() };
  const data = await points(core, a.dataset, a.n);
  if (!data) return { skipped: 'the datasets package is not built (npm run build)' };
  const nEpochs = a.quality ? a.quality : a.warmup + a.epochs;
  // No training snapshots (evolution.png): over a handful of epochs they would fall in every timed one, while a
  // 300-epoch run takes 8 of ~18 ms each; the reference has none.
  const config = core.ConfigSchema.parse({ data: { n_samples: a.n }, training: { n_epochs: nEpochs, device: a.backend, evolution_snapshots: 0, ...(a.seed !== undefined ? { seed: a.seed } : {}) } });
  const model = await backend.createModel(core.modelSpecOf(config));
  const tensorsBefore = model.numTensors();
  const epochs = [];
  const cpuEpochs = [];
  const losses = [];
  let cpuMark = process.cpuUsage();
  // native: where the time goes (the addon's profile), counted over the last warm-up epoch, so that the timed epochs
  // run without its clock reads (with no warm-up: over the timed epochs), and then over sampling.
  const { nativeProfile, nativeCallWall } = await import('@flow-visualizer/backends');
  const profiling = a.backend === 'native' && !a.quality && a.profile !== false && nativeProfile;
  // Wall time inside the addon's calls too (older builds lack it): the rest of a step is JavaScript.
  const callWall = profiling && nativeCallWall ? nativeCallWall : undefined;
  const profFrom = Math.max(0, a.warmup - 1), profTo = a.warmup > 0 ? a.warmup : nEpochs; // epochs done when it starts, stops
  const profOn = () => {
    nativeProfile(true, true);
    callWall?.(true, true);
  };
  if (profiling && profFrom === 0) profOn();
  let trainProfile, trainAddonSeconds;
  const stopProfile = () => {
    trainProfile = nativeProfile(false, true);
    trainAddonSeconds = callWall?.(false, true);
  };
  await core.train(config, { dataset: { id: a.dataset }, backend, path: couplings.linearPath() }, {
    onEpoch: (e) => {
      const c = process.cpuUsage(cpuMark);
      cpuEpochs.push((c.user + c.system) / 1e6);
      epochs.push(e.epochSeconds);
      losses.push(e.loss);
      if (profiling && e.epoch === profTo) stopProfile();
      else if (profiling && e.epoch === profFrom) profOn();
      cpuMark = process.cpuUsage();
    },
  }, { model, startEpoch: 0, lossHistory: [] }, data);
  if (profiling && !trainProfile) stopProfile();
  if (profiling) nativeProfile(true, true); // sampling's profile from here
  const stepsPerEpoch = Math.ceil(a.n / config.training.batch_size);
  const profEpochs = epochs.slice(profFrom, profTo);
  // Sampling as fv does it: Euler, x ← x + v(x, t)·dt, one predict per step over all points.
  const steps = a.sampleSteps ?? a.steps;
  const x = core.createRng(1, 'bench-noise').fillNormal(new Float32Array(2 * a.n));
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) {
    const v = await model.predict(x, i / a.steps);
    for (let j = 0; j < x.length; j++) x[j] += v[j] / a.steps;
  }
  const sampleSeconds = ((performance.now() - t0) / 1000) * (a.steps / steps);
  const sampleProfile = profiling ? nativeProfile(false, true) : undefined;
  const tensorsAfter = model.numTensors();
  model.dispose();
  if (a.quality) {
    const half = a.n >> 1;
    return {
      epochs: a.quality,
      trainSeconds: epochs.reduce((x, y) => x + y, 0),
      losses: Object.fromEntries([1, 10, 50, 100, 200, 300, a.quality].filter((e) => e <= a.quality).map((e) => [e, losses[e - 1]])),
      finalLoss: losses.at(-1),
      sw1: core.slicedWasserstein(x, data),
      sw1Floor: core.slicedWasserstein(data.subarray(0, 2 * half), data.subarray(2 * half)),
      sampleSeconds,
    };
  }
  return {
    epochSeconds: median(epochs.slice(a.warmup)),
    epochs: epochs.slice(a.warmup),
    cpuEpochSeconds: median(cpuEpochs.slice(a.warmup)),
    lossLast: losses.at(-1),
    sampleSeconds,
    sampleProjected: steps !== a.steps,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    losses,
    trainSteps: a.epochs * stepsPerEpoch,
    trainProfile,
    profileSteps: profEpochs.length * stepsPerEpoch,
    profileSeconds: profEpochs.reduce((x, y) => x + y, 0),
    trainAddonSeconds,
    sampleProfile,
    probe: probe.reason,
    tensorsBefore,
    tensorsAfter,
    tensorsAfterDispose: model.numTensors(),
  };
}

/** shared/bench/ref_fit.py in the checkout's parent folders (a worktree may sit a level deeper), or --ref. */
function refScript() {
  if (args.refScript) return args.refScript;
  for (let dir = path.dirname(root); ; dir = path.dirname(dir)) {
    const f = path.join(dir, 'shared', 'bench', 'ref_fit.py');
    if (existsSync(f)) return f;
    if (path.dirname(dir) === dir) return path.resolve(root, '../shared/bench/ref_fit.py');
  }
}

/** OpenBLAS's core type from the CPU's flags: SkylakeX kernels need AVX-512 (SIGILL without), Haswell AVX2. */
function openblasCoreType() {
  try {
    const flags = new Set((readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('flags')) ?? '').split(':')[1]?.trim().split(/\s+/));
    return flags.has('avx512f') ? 'SkylakeX' : flags.has('avx2') ? 'Haswell' : undefined;
  } catch {
    return undefined;
  }
}

function runRef(dataset, data) {
  const script = refScript();
  if (!existsSync(script)) return { skipped: `${script} is absent (--ref <ref_fit.py>)` };
  const py = '/usr/bin/python3';
  if (!existsSync(py) || spawnSync(py, ['-c', 'import torch, numpy'], { stdio: 'ignore' }).status !== 0) {
    return { skipped: 'no /usr/bin/python3 with torch (apt-get install -y python3-torch python3-numpy libopenblas0-openmp)' };
  }
  const env = { ...process.env };
  const openblas = '/usr/lib/x86_64-linux-gnu/openblas-openmp';
  if (existsSync(openblas)) {
    env.LD_LIBRARY_PATH = [openblas, env.LD_LIBRARY_PATH].filter(Boolean).join(':');
    // With our AVX2 kernels forced (--isa avx2), the reference gets OpenBLAS's AVX2 kernels too: both sides as on
    // an AVX2-only CPU.
    const ct = args.refCoreType ?? (args.isa === 'avx2' ? 'Haswell' : openblasCoreType());
    if (ct) env.OPENBLAS_CORETYPE = ct;
  }
  const refArgs = [script, '--n', String(args.n), '--steps', String(args.steps), '--threads', String(args.refThreads ?? 2), ...(args.seed !== undefined ? ['--seed', String(args.seed)] : [])];
  refArgs.push(...(args.quality ? ['--epochs', String(args.quality)] : ['--bench-epochs', String(args.epochs)]));
  let tmp;
  if (dataset !== 'moons' || args.quality) {
    tmp = mkdtempSync(path.join(tmpdir(), 'fv-bench-'));
    const csv = ['x,y'];
    for (let i = 0; i < data.length; i += 2) csv.push(`${data[i]},${data[i + 1]}`);
    writeFileSync(path.join(tmp, 'target.csv'), csv.join('\n') + '\n');
    refArgs.push('--data', path.join(tmp, 'target.csv'));
  }
  const r = spawnSync('/usr/bin/time', ['-f', 'MAXRSS %M', py, ...refArgs], { env, encoding: 'utf8' });
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  const line = (r.stdout ?? '').split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) return { skipped: `the reference failed: ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}` };
  const res = JSON.parse(line.slice(7));
  const rss = /MAXRSS (\d+)/.exec(r.stderr ?? '');
  if (args.quality) {
    return { trainSeconds: res.train_s, finalLoss: res.final_loss, sw1: res.sw1_generated_vs_data, sw1Floor: res.sw1_floor_data_halves, sampleSeconds: res.sample_s };
  }
  return { epochSeconds: res.epoch_s_median, sampleSeconds: res.sample_s, peakRssMb: rss ? Number(rss[1]) / 1024 : undefined, torch: res.torch, coreType: env.OPENBLAS_CORETYPE, script };
}

/** Median figures over a backend's runs (all must have run); the single runs kept for display. */
function combine(list) {
  const ok = list.filter((r) => !r.skipped);
  if (!ok.length) return list[0] ?? { skipped: 'no run' };
  if (ok.length === 1) return ok[0];
  const med = (k) => (ok.every((r) => typeof r[k] === 'number') ? median(ok.map((r) => r[k])) : undefined);
  // The run whose epoch time is the median supplies the rest (epochs, profile, …).
  const mid = [...ok].sort((x, y) => (x.epochSeconds ?? 0) - (y.epochSeconds ?? 0))[ok.length >> 1];
  return { ...mid, epochSeconds: med('epochSeconds'), sampleSeconds: med('sampleSeconds'), cpuEpochSeconds: med('cpuEpochSeconds'), peakRssMb: med('peakRssMb'), rounds: ok.length };
}

/** Where native's time goes: ms per training step and per Euler step, by kind of work, summed over threads. */
function printProfile(r, dataset, fig, a) {
  const kinds = Object.keys(r.trainProfile);
  const trainSteps = r.trainSteps, sampleSteps = a.steps, profSteps = r.profileSteps ?? trainSteps;
  const perTrain = (k) => (1000 * r.trainProfile[k]) / profSteps, perSample = (k) => (1000 * r.sampleProfile[k]) / sampleSteps;
  const pad = (x, w) => String(x).padEnd(w);
  const over = r.profileSteps !== undefined && r.profileSteps !== trainSteps ? 'training: over the last warm-up epoch, the timed ones run unprofiled' : 'training: over the timed epochs';
  console.log(`native profile (${dataset}, median round): ms per step, summed over threads ("sync": the caller waiting for the other threads; ${over})`);
  console.log(pad('kind', 16) + pad('train step', 12) + 'Euler step (10k points)');
  for (const k of kinds) {
    console.log(pad(k, 16) + pad(perTrain(k).toFixed(3), 12) + perSample(k).toFixed(3));
    const key = k.replace(/ /g, '_');
    fig(`profile.native.${dataset}.train.${key}_ms`, perTrain(k), 3);
    fig(`profile.native.${dataset}.sample.${key}_ms`, perSample(k), 3);
  }
  const wallTrain = (1000 * r.epochSeconds) / (trainSteps / a.epochs), wallSample = (1000 * r.sampleSeconds) / sampleSteps;
  console.log(pad('wall per step', 16) + pad(wallTrain.toFixed(3), 12) + wallSample.toFixed(3) + '   (training: with drawing the batches in JS)');
  fig(`profile.native.${dataset}.train.wall_ms`, wallTrain, 3);
  if (r.trainAddonSeconds !== undefined) {
    // The profiled epoch's wall per step (mean), inside the addon's calls and outside them.
    const inAddon = (1000 * r.trainAddonSeconds) / profSteps;
    const all = (1000 * (r.profileSeconds ?? r.epochs.reduce((x, y) => x + y, 0))) / profSteps;
    console.log(pad('  in the addon', 16) + pad(inAddon.toFixed(3), 12) + '   (mean wall per profiled step; one call a step: the C threads working and waiting)');
    console.log(pad('  outside (JS)', 16) + pad((all - inAddon).toFixed(3), 12) + '   (mean wall per profiled step: drawing the batches, the path, the engine)');
    fig(`profile.native.${dataset}.train.addon_wall_ms`, inAddon, 3);
    fig(`profile.native.${dataset}.train.js_wall_ms`, all - inAddon, 3);
  }
}

async function main() {
  const core = await import('@flow-visualizer/core').catch(() => null);
  const backendsPkg = await importOrNull('@flow-visualizer/backends');
  if (!core || !backendsPkg) {
    console.error('Build first: npm run build');
    process.exit(1);
  }
  const backendIds = args.backends ?? backendsPkg.builtinBackendPlugins().map((p) => p.id);
  const datasets = args.datasets ?? ['trex', 'moons'];
  const figures = [];
  const fig = (name, value, digits = 3) => value !== undefined && Number.isFinite(value) && figures.push([name, Number(value.toFixed(digits))]);
  const load = spawnSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).stdout.trim();
  console.log(`Flow Visualizer benchmark: ${args.n} points, batch 256, MLP 66→128→256→256→128→2, ${args.epochs} timed epochs after ${args.warmup} warm-up, sampling ${args.n} × ${args.steps} Euler steps`);
  console.log(`node ${process.version}, ${(await import('node:os')).cpus().length} cores, load average at start: ${load}\n`);
  for (const dataset of datasets) {
    const data = await points(core, dataset, args.n);
    if (!data) {
      console.log(`${dataset}: skipped (the datasets package is not built: npm run build)\n`);
      continue;
    }
    // One child process per run; FV_THREADS and FV_NATIVE_ISA only for native's runs.
    const runOne = (id, threads) => {
      // tfjs-cpu is ~20× slower: sample a few steps and project to the full count, rather than wait ten minutes.
      const seedArg = args.seed !== undefined ? ['--seed', String(args.seed)] : [];
      const extra = args.quality ? ['--quality', String(args.quality), ...seedArg]
        : id === 'cpu' ? ['--sample-steps', '5', '--epochs', String(Math.min(args.epochs, 5)), '--warmup', '1'] : [];
      if (!args.profile) extra.push('--no-profile');
      const env = { ...process.env };
      if (id === 'native' && args.isa) env.FV_NATIVE_ISA = args.isa;
      if (id === 'native' && threads) env.FV_THREADS = String(threads);
      const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', '--backend', id, '--dataset', dataset,
        '--epochs', String(args.epochs), '--warmup', String(args.warmup), '--n', String(args.n), '--steps', String(args.steps), ...extra],
      { encoding: 'utf8', cwd: root, maxBuffer: 1 << 26, env });
      const line = (r.stdout ?? '').split('\n').find((l) => l.startsWith('BENCH '));
      return line ? JSON.parse(line.slice(6)) : { skipped: `failed: ${(r.stderr ?? '').trim().split('\n').slice(-5).join(' | ')}` };
    };
    // Ours and the reference alternately, round after round: each median then covers the same stretch of load.
    const rounds = args.quality ? 1 : Math.max(1, args.rounds);
    const runs = new Map(backendIds.map((id) => [id, []]));
    const oneThread = [];
    const refRuns = [];
    const scaling = !args.quality && args.scaling && backendIds.includes('native');
    for (let round = 0; round < rounds; round++) {
      if (rounds > 1) process.stderr.write(`${dataset}: round ${round + 1}/${rounds}…\n`);
      // The other backends once: they are far from the reference, one round says so.
      for (const id of backendIds) if (round === 0 || id === 'native') runs.get(id).push(runOne(id));
      if (scaling) oneThread.push(runOne('native', 1));
      if (args.ref) refRuns.push(runRef(dataset, data));
    }
    const rows = backendIds.map((id) => [id, combine(runs.get(id))]);
    const ref = args.ref ? combine(refRuns) : { skipped: '--no-ref' };
    console.log(`== ${dataset} ==`);
    if (args.quality) {
      // Same points for both; sliced W1 (256 projections) of 10k generated points vs the data, and the data-vs-data floor.
      for (const [id, r] of [...rows, ['torch-ref', ref]]) {
        if (r.skipped) {
          console.log(`${id}: skipped: ${r.skipped}`);
          continue;
        }
        console.log(`${id}: ${args.quality} epochs in ${r.trainSeconds.toFixed(0)} s, final loss ${r.finalLoss.toFixed(4)}, sliced W1 ${r.sw1.toFixed(4)} (floor ${r.sw1Floor.toFixed(4)})` +
          (r.losses ? `; loss by epoch ${JSON.stringify(Object.fromEntries(Object.entries(r.losses).map(([e, l]) => [e, Number(l.toFixed(4))])))}` : ''));
        const key = id === 'torch-ref' ? `ref.${dataset}` : `${id}.${dataset}`;
        fig(`${key}.final_loss`, r.finalLoss, 4);
        fig(`${key}.sw1`, r.sw1, 4);
        fig(`${key}.sw1_floor`, r.sw1Floor, 4);
        fig(`${key}.train_s`, r.trainSeconds, 1);
      }
      console.log('');
      continue;
    }
    const pad = (s, w) => String(s).padEnd(w);
    console.log(pad('backend', 10) + pad('s/epoch', 10) + pad('300 ep (s)', 12) + pad('sample (s)', 12) + pad('peak RSS', 10) + 'tensors before→after (after dispose)');
    for (const [id, r] of [...rows, ['torch-ref', ref]]) {
      if (r.skipped) {
        console.log(pad(id, 10) + `skipped: ${r.skipped}`);
        continue;
      }
      const tens = r.tensorsBefore === undefined ? '' : `${r.tensorsBefore}→${r.tensorsAfter} (${r.tensorsAfterDispose})`;
      console.log(pad(id, 10) + pad(r.epochSeconds.toFixed(3), 10) + pad((300 * r.epochSeconds).toFixed(0), 12) +
        pad(r.sampleSeconds.toFixed(2) + (r.sampleProjected ? '*' : ''), 12) + pad(r.peakRssMb ? `${r.peakRssMb.toFixed(0)} MB` : '', 10) + tens);
      if (r.epochs) {
        console.log(' '.repeat(10) + `epochs: ${r.epochs.map((e) => e.toFixed(3)).join(' ')}; CPU time per epoch (all threads) ${r.cpuEpochSeconds.toFixed(3)} s; last loss ${r.lossLast?.toFixed(4)}`);
      }
      const key = id === 'torch-ref' ? `ref.${dataset}` : `${id}.${dataset}`;
      fig(`${key}.epoch_s`, r.epochSeconds);
      fig(`${key}.train_300_s`, 300 * r.epochSeconds, 1);
      fig(`${key}.sample_s`, r.sampleSeconds, 2);
      if (r.peakRssMb) fig(`${key}.peak_rss_mb`, r.peakRssMb, 0);
      if (r.tensorsBefore !== undefined) {
        fig(`${key}.tensors_before`, r.tensorsBefore, 0);
        fig(`${key}.tensors_after`, r.tensorsAfter, 0);
      }
    }
    console.log('* projected from a few steps' + (rounds > 1 ? `; medians of ${rounds} rounds, ours and the reference alternately` : ''));
    if (!ref.skipped) {
      console.log(`reference: ${ref.script}, torch ${ref.torch}, OPENBLAS_CORETYPE=${ref.coreType ?? '(unset)'}, ${args.refThreads ?? 2} threads`);
      for (const [id, r] of rows) {
        if (r.skipped) continue;
        const e = r.epochSeconds / ref.epochSeconds, sm = r.sampleSeconds / ref.sampleSeconds;
        console.log(`ratio ${id} ÷ torch-ref on ${dataset}: training ${e.toFixed(2)}×, sampling ${sm.toFixed(2)}× (goal ≤ 0.5)`);
        fig(`ratio.${id}.${dataset}.epoch`, e, 2);
        fig(`ratio.${id}.${dataset}.sample`, sm, 2);
      }
    }
    const native = rows.find(([id]) => id === 'native')?.[1];
    if (native && !native.skipped) {
      console.log(`native: ${native.probe}`);
      const same = runs.get('native').filter((r) => !r.skipped).every((r, _, all) => JSON.stringify(r.losses) === JSON.stringify(all[0].losses));
      if (rounds > 1) console.log(`native: loss history identical in all ${rounds} rounds (same seed, same threads): ${same ? 'yes' : 'NO'}`);
      const one = combine(oneThread);
      if (scaling && !one.skipped) {
        const te = one.epochSeconds / native.epochSeconds, ts = one.sampleSeconds / native.sampleSeconds;
        console.log(`native 1 → default threads: training ${one.epochSeconds.toFixed(3)} → ${native.epochSeconds.toFixed(3)} s/epoch (×${te.toFixed(2)}), ` +
          `sampling ${one.sampleSeconds.toFixed(2)} → ${native.sampleSeconds.toFixed(2)} s (×${ts.toFixed(2)})`);
        fig(`native.${dataset}.epoch_s_1thread`, one.epochSeconds);
        fig(`native.${dataset}.sample_s_1thread`, one.sampleSeconds, 2);
        fig(`scaling.native.${dataset}.epoch`, te, 2);
        fig(`scaling.native.${dataset}.sample`, ts, 2);
      }
      if (native.trainProfile) printProfile(native, dataset, fig, args);
    }
    console.log('');
  }
  if (!args.noRender) await benchRendering(core, fig);
  console.log(`load average at end: ${spawnSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).stdout.trim()}\n`);
  for (const [k, v] of figures) console.log(`${k}: ${v}`);
}

/**
 * Rendering time per plot for a default-sized run (2000 target + 2000 generated points, 6 snapshots, 61 frames,
 * 4 fields on a 20² grid), for every renderer: the second of two renders (the first loads vega and fonts).
 */
async function benchRendering(core, fig) {
  const renderersPkg = await importOrNull('@flow-visualizer/renderers');
  const testing = await importOrNull('@flow-visualizer/core/testing');
  if (!renderersPkg || !testing) return console.log('rendering: skipped (build first: npm run build)\n');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const os = await import('node:os');
  const result = testing.sampleFlowResult({ n: 2000, epochs: 300 });
  const ctx = { baseDir: root, rng: core.createRng(0), config: result.config, log: () => undefined };
  console.log('== rendering (default-sized run) ==');
  for (const plugin of renderersPkg.builtinRendererPlugins()) {
    const renderer = await plugin.create(plugin.optionsSchema ? plugin.optionsSchema.parse({}) : {}, ctx);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fv-bench-render-'));
    await renderer.render(result, dir);
    const t0 = performance.now();
    const files = await renderer.render(result, dir);
    const total = (performance.now() - t0) / 1000;
    rmSync(dir, { recursive: true, force: true });
    const per = Object.entries(renderer.timings ?? {}).map(([plot, t]) => [plot, typeof t === 'number' ? t : (t.svg ?? 0) + (t.png ?? 0)]);
    console.log(`${plugin.id}: ${total.toFixed(2)} s for ${files.length} files` + (per.length ? ` (${per.map(([p, t]) => `${p} ${t.toFixed(2)} s`).join(', ')})` : ''));
    fig(`render.${plugin.id}.total_s`, total, 2);
    for (const [p, t] of per) fig(`render.${plugin.id}.${p}_s`, t, 2);
  }
  console.log('');
}

if (args.child) {
  const res = await runChild(args);
  process.stdout.write('BENCH ' + JSON.stringify(res) + '\n');
  process.exit(0);
}
await main();
