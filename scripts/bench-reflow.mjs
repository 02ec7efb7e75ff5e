#!/usr/bin/env node
// What rectified flow buys (issue 16, item 5): on the T-Rex, for seeds 1..3, train
//   base   fv train                          (independent pairing, the default objective)
//   rf1    fv reflow --base base             (1-rectified: couples made by base, started from its weights)
//   rf2    fv reflow --base rf1              (2-rectified)
//   ot     fv train flow.pairing=ot          (minibatch OT pairing, the other road to straight paths)
// then sample each model with Euler at 1, 2, 4, 8 and 100 steps (NFE) and print sliced W1 (10,000 points against
// 10,000 held-out draws; the floor is two held-out draws against each other) and the straightness of the paths
// (path length / endpoint distance over a 100-step trajectory, 1 = straight), mean and min–max over the seeds.
// Draws docs/images/reflow_w1_vs_nfe.png and docs/images/reflow_one_step.png.
//
//   npm run build && node scripts/bench-reflow.mjs [--epochs 300] [--reflow-epochs 300] [--seeds 1,2,3]
//       [--dir /tmp/fv-bench-reflow] [--backend native] [--reuse]     (--reuse: keep runs already trained there)
import { existsSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';

const args = { epochs: 300, 'reflow-epochs': 300, seeds: '1,2,3', dir: '/tmp/fv-bench-reflow', backend: 'native', reuse: false, images: path.join(import.meta.dirname, '..', 'docs', 'images') };
for (let i = 2; i < process.argv.length; i++) {
  const k = process.argv[i].replace(/^--/, '');
  if (!(k in args)) throw new Error(`unknown argument --${k} (known: ${Object.keys(args).map((a) => `--${a}`).join(' ')})`);
  if (k === 'reuse') args.reuse = true;
  else args[k] = process.argv[++i];
}
const seeds = args.seeds.split(',').map(Number);
const NFES = [1, 2, 4, 8, 100];
const N = 10000;
const fv = path.join(import.meta.dirname, '..', 'packages', 'cli', 'bin', 'fv.js');
const config = path.join(import.meta.dirname, '..', 'configs', 'trex.yaml');
mkdirSync(args.dir, { recursive: true });

const METHODS = [
  { id: 'base', label: 'base (independent pairs)', cmd: (s) => ['train', ...common(s, args.epochs), `output.dir=${dirOf('base', s)}`] },
  { id: 'rf1', label: '1-rectified', cmd: (s) => ['reflow', '--no-draw', '--base', dirOf('base', s), ...common(s, args['reflow-epochs']), `output.dir=${dirOf('rf1', s)}`] },
  { id: 'rf2', label: '2-rectified', cmd: (s) => ['reflow', '--no-draw', '--base', dirOf('rf1', s), ...common(s, args['reflow-epochs']), `output.dir=${dirOf('rf2', s)}`] },
  { id: 'ot', label: 'OT pairing', cmd: (s) => ['train', ...common(s, args.epochs), 'flow.pairing=ot', `output.dir=${dirOf('ot', s)}`] },
];
function common(seed, epochs) {
  return ['--config', config, '-q', `training.seed=${seed}`, `training.n_epochs=${epochs}`, `training.device=${args.backend}`];
}
function dirOf(id, seed) {
  return path.join(args.dir, `${id}-s${seed}`);
}

// 1. Train (child processes: the real cli, as a user runs it).
const trainSeconds = {};
for (const seed of seeds) {
  for (const m of METHODS) {
    const dir = dirOf(m.id, seed);
    if (args.reuse && existsSync(path.join(dir, 'models', 'velocity_net', 'model.json'))) continue;
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [fv, ...m.cmd(seed)], { encoding: 'utf8', stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) throw new Error(`${m.id} seed ${seed} failed (exit ${r.status})`);
    trainSeconds[`${m.id}-s${seed}`] = (performance.now() - t0) / 1000;
    console.log(`trained ${m.id} seed ${seed} in ${trainSeconds[`${m.id}-s${seed}`].toFixed(1)} s`);
  }
}

// 2. Evaluate in this process.
const core = await import('@flow-visualizer/core');
const { builtinBackendPlugins } = await import('@flow-visualizer/backends');
const { builtinDatasetPlugins } = await import('@flow-visualizer/datasets');
const { euler } = await import('@flow-visualizer/integrators');
const registry = new core.PluginRegistry([...builtinDatasetPlugins(), ...builtinBackendPlugins()]);
const integrator = euler();
const FRAME_TIMES = Array.from({ length: 61 }, (_, i) => i / 60);

const rows = []; // { method, seed, nfe, w1 } and { method, seed, straightness }
const straight = [];
const floors = [];
const oneStep = {};
let shownTarget;
for (const seed of seeds) {
  const loaded = core.resolveConfig({ configFile: path.join(dirOf('base', seed), 'config.yaml') });
  const plugins = await core.resolvePlugins(loaded.config, registry, { baseDir: loaded.baseDir, only: ['dataset', 'backend'] });
  const [heldA, heldB] = await core.heldOutDraws(plugins.dataset, N, (label) => core.createRng(seed, `bench-reflow/${label}`));
  floors.push(core.slicedWasserstein(heldA, heldB));
  shownTarget ??= heldB.slice(0, 2 * 4000);
  for (const m of METHODS) {
    const model = await plugins.backend.loadModel(core.outputLayout(dirOf(m.id, seed)).modelDir);
    for (const nfe of NFES) {
      const g = await core.generate(model, integrator, { n: N, steps: nfe, rng: core.createRng(seed, 'bench-reflow/noise') });
      rows.push({ method: m.id, seed, nfe, w1: core.slicedWasserstein(g.x, heldA) });
      if (nfe === 1 && seed === seeds[0]) oneStep[m.id] = g.x.slice(0, 2 * 4000);
    }
    const traj = await core.generate(model, integrator, { n: 2000, steps: 100, rng: core.createRng(seed, 'bench-reflow/noise'), saveAt: FRAME_TIMES });
    straight.push({ method: m.id, seed, s: core.straightnessStats(traj.snapshots).mean });
    model.dispose();
  }
}

// 3. The table: mean [min–max] over seeds.
const stat = (xs) => ({ mean: xs.reduce((a, b) => a + b, 0) / xs.length, min: Math.min(...xs), max: Math.max(...xs) });
const cell = (xs, d = 3) => {
  const s = stat(xs);
  return `${s.mean.toFixed(d)} [${s.min.toFixed(d)}–${s.max.toFixed(d)}]`;
};
const fl = stat(floors);
console.log(`\nT-Rex, Euler, sliced W1 of ${N} points vs ${N} held-out draws; mean [min–max] over seeds ${seeds.join(', ')}; base/OT ${args.epochs} epochs, each reflow ${args['reflow-epochs']} epochs; floor ${fl.mean.toFixed(3)} [${fl.min.toFixed(3)}–${fl.max.toFixed(3)}]\n`);
console.log(`| NFE (Euler steps) | ${METHODS.map((m) => m.label).join(' | ')} |`);
console.log(`|---|${METHODS.map(() => '---').join('|')}|`);
for (const nfe of NFES) {
  console.log(`| ${nfe} | ${METHODS.map((m) => cell(rows.filter((r) => r.method === m.id && r.nfe === nfe).map((r) => r.w1))).join(' | ')} |`);
}
console.log(`| straightness (1 = straight) | ${METHODS.map((m) => cell(straight.filter((r) => r.method === m.id).map((r) => r.s))).join(' | ')} |`);
if (Object.keys(trainSeconds).length) {
  console.log(`| training seconds | ${METHODS.map((m) => cell(seeds.map((s) => trainSeconds[`${m.id}-s${s}`]).filter((x) => x !== undefined), 0)).join(' | ')} |`);
}

// 4. Pictures.
const COLORS = { base: '#3b6fb6', rf1: '#e4572e', rf2: '#a23b72', ot: '#2a9d8f' };
drawW1(path.join(args.images, 'reflow_w1_vs_nfe.png'));
drawOneStep(path.join(args.images, 'reflow_one_step.png'));

function drawW1(file) {
  const W = 660, H = 400, L = 70, R = 210, T = 44, B = 56, r = 2;
  const canvas = createCanvas(W * r, H * r);
  const g = canvas.getContext('2d');
  g.scale(r, r);
  g.fillStyle = '#fff';
  g.fillRect(0, 0, W, H);
  const ys = rows.map((x) => x.w1).concat(floors);
  const ylo = Math.log10(Math.min(...ys) * 0.8), yhi = Math.log10(Math.max(...ys) * 1.25);
  const xlo = Math.log10(0.8), xhi = Math.log10(125);
  const px = (n) => L + ((Math.log10(n) - xlo) / (xhi - xlo)) * (W - L - R);
  const py = (v) => T + ((yhi - Math.log10(v)) / (yhi - ylo)) * (H - T - B);
  g.strokeStyle = '#888';
  g.strokeRect(L, T, W - L - R, H - T - B);
  g.font = '12px DejaVu Sans, sans-serif';
  g.fillStyle = '#222';
  g.textAlign = 'center';
  for (const n of NFES) {
    g.fillText(String(n), px(n), H - B + 18);
    g.strokeStyle = '#eee';
    g.beginPath(); g.moveTo(px(n), T); g.lineTo(px(n), H - B); g.stroke();
  }
  g.textAlign = 'right';
  for (let e = Math.floor(ylo); e <= Math.ceil(yhi); e++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (Math.log10(v) < ylo || Math.log10(v) > yhi) continue;
      g.fillStyle = '#222';
      g.fillText(String(Number(v.toPrecision(2))), L - 6, py(v) + 4);
      g.strokeStyle = '#eee';
      g.beginPath(); g.moveTo(L, py(v)); g.lineTo(W - R, py(v)); g.stroke();
    }
  }
  g.textAlign = 'center';
  g.fillText('NFE (Euler steps), log scale', L + (W - L - R) / 2, H - 14);
  g.save(); g.translate(18, T + (H - T - B) / 2); g.rotate(-Math.PI / 2); g.fillText('sliced W1 vs held-out (log)', 0, 0); g.restore();
  g.font = 'bold 14px DejaVu Sans, sans-serif';
  g.textAlign = 'left';
  g.fillText(`T-Rex: sample quality vs steps (mean and min–max of ${seeds.length} seeds)`, L, 24);
  // Floor.
  g.setLineDash([5, 4]);
  g.strokeStyle = '#666';
  g.beginPath(); g.moveTo(L, py(fl.mean)); g.lineTo(W - R, py(fl.mean)); g.stroke();
  g.setLineDash([]);
  g.font = '12px DejaVu Sans, sans-serif';
  g.fillStyle = '#666';
  g.fillText('floor', W - R + 6, py(fl.mean) + 4);
  METHODS.forEach((m, k) => {
    // Dodged sideways a little, and 2-rectified dashed: its points sit on 1-rectified's.
    const dodge = 1.05 ** (k - (METHODS.length - 1) / 2);
    const pts = NFES.map((n) => ({ n: n * dodge, ...stat(rows.filter((x) => x.method === m.id && x.nfe === n).map((x) => x.w1)) }));
    g.strokeStyle = g.fillStyle = COLORS[m.id];
    g.lineWidth = 2;
    g.setLineDash(m.id === 'rf2' ? [6, 4] : []);
    g.beginPath();
    pts.forEach((p, i) => (i ? g.lineTo(px(p.n), py(p.mean)) : g.moveTo(px(p.n), py(p.mean))));
    g.stroke();
    g.setLineDash([]);
    g.lineWidth = 1.5;
    for (const p of pts) {
      g.beginPath(); g.moveTo(px(p.n), py(p.min)); g.lineTo(px(p.n), py(p.max)); g.stroke();
      g.beginPath(); g.arc(px(p.n), py(p.mean), 3.5, 0, 2 * Math.PI); g.fill();
    }
    const ly = T + 20 + 22 * k;
    if (m.id === 'rf2') (g.fillRect(W - R + 14, ly - 6, 7, 4), g.fillRect(W - R + 25, ly - 6, 7, 4));
    else g.fillRect(W - R + 14, ly - 6, 18, 4);
    g.fillStyle = '#222';
    g.fillText(m.label, W - R + 38, ly);
  });
  const buf = canvas.toBuffer('image/png');
  core.writeFileAtomicSync(file, buf);
  console.log(`\nwrote ${file}`);
}

function drawOneStep(file) {
  const P = 260, T = 30, r = 2, half = 2.3;
  const canvas = createCanvas(METHODS.length * P * r, (P + T + 10) * r);
  const g = canvas.getContext('2d');
  g.scale(r, r);
  g.fillStyle = '#fff';
  g.fillRect(0, 0, METHODS.length * P, P + T + 10);
  METHODS.forEach((m, k) => {
    const x0 = k * P;
    g.fillStyle = '#222';
    g.font = 'bold 13px DejaVu Sans, sans-serif';
    g.textAlign = 'center';
    const w1 = rows.find((x) => x.method === m.id && x.nfe === 1 && x.seed === seeds[0]).w1;
    g.fillText(`${m.label}: 1 step`, x0 + P / 2, 16);
    g.font = '11px DejaVu Sans, sans-serif';
    g.fillText(`sliced W1 ${w1.toFixed(3)}`, x0 + P / 2, T + 2);
    g.strokeStyle = '#ccc';
    g.strokeRect(x0 + 8, T + 8, P - 16, P - 16);
    const s = (P - 16) / (2 * half);
    // The target, faint, behind: where the points should have landed.
    g.fillStyle = 'rgba(159, 180, 211, 0.5)';
    for (let i = 0; i < shownTarget.length; i += 2) g.fillRect(x0 + 8 + (shownTarget[i] + half) * s - 0.8, T + 8 + (half - shownTarget[i + 1]) * s - 0.8, 1.6, 1.6);
    const pts = oneStep[m.id];
    g.fillStyle = 'rgba(228, 87, 46, 0.45)';
    for (let i = 0; i < pts.length; i += 2) {
      const X = x0 + 8 + (pts[i] + half) * s, Y = T + 8 + (half - pts[i + 1]) * s;
      if (X > x0 + 8 && X < x0 + P - 8 && Y > T + 8 && Y < T + P - 8) g.fillRect(X - 0.8, Y - 0.8, 1.6, 1.6);
    }
  });
  core.writeFileAtomicSync(file, canvas.toBuffer('image/png'));
  console.log(`wrote ${file}`);
}
