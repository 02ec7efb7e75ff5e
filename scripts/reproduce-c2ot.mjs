#!/usr/bin/env node
// The C2OT reproduction (Cheng & Schwing 2025, Figure 1, unconditional): for each coupling and seed, trains
// configs/papers/c2ot-unconditional.yaml with `fv train`, then measures W2² on 10,000 points with one Euler step
// and with dopri5 (rk45, atol = rtol = 1e-4, per batch of 256, NFE averaged) through `fv sample --w2 --json`.
// Each finished run is appended to <out>/results.jsonl (a stopped sweep keeps what it finished; a rerun skips
// it); the table prints mean ± population sd (np.std) over the seeds done, beside the paper's figures.
// Beyond the table: --couplings may name any member of COUPLINGS below, and --euler the Euler step counts measured
// (default 1,2,4,8); scripts/plot-w2-evals.mjs draws W2² against evaluations from results.jsonl.
// The conditional columns: --conditional class (configs/papers/c2ot-conditional-class.yaml) or --conditional x
// (c2ot-conditional-x.yaml), couplings none (their "fm"), ot and c2ot (default: all three), rows recorded with their
// `condition`; `fv sample` then samples each point with the label (or x) of the held-out target point it is
// compared with, as their moons.py does.
//   node scripts/reproduce-c2ot.mjs [--from 0] [--seeds 10] [--steps 20000] [--couplings none,ot] [--euler 1,2,4,8] [--out outputs/c2ot-sweep] [--conditional class|x] [--table]
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = { from: 0, seeds: 10, steps: 20000, couplings: '', euler: '1,2,4,8', out: 'outputs/c2ot-sweep', points: 10000, table: false, conditional: '' };
for (let i = 2; i < process.argv.length; i++) {
  const k = process.argv[i].replace(/^--/, '');
  if (k === 'table') args.table = true;
  else args[k] = typeof args[k] === 'number' ? Number(process.argv[++i]) : process.argv[++i];
}
if (args.steps % 4 !== 0) throw new Error('--steps must be a multiple of 4 (4 gradient steps per OT batch of 1,024).');
if (args.conditional && !['class', 'x'].includes(args.conditional)) throw new Error('--conditional is class or x.');
args.couplings ||= args.conditional ? 'none,ot,c2ot' : 'none,ot';
/** The row's condition: 'unc' (unconditional, as rows written before conditions existed), 'class' or 'x'. */
const condition = args.conditional || 'unc';
const config = path.join(root, `configs/papers/${args.conditional ? `c2ot-conditional-${args.conditional}` : 'c2ot-unconditional'}.yaml`);
const fv = path.join(root, 'packages/cli/bin/fv.js');
const out = path.resolve(args.out);
mkdirSync(out, { recursive: true });
const results = path.join(out, 'results.jsonl');

/**
 * The family, each as overrides of the C2OT config (one config over path + pairing). The entropic plan's ε is in
 * the cost's units: in these coordinates the squared distances are ~25 on average, so ε = 0.5 is a sharp plan;
 * sb is Schrödinger-bridge CFM at σ = 0.5 (ε = 2σ² = 0.5, configs/papers/sb-cfm.yaml); vp the variance-preserving path.
 */
const COUPLINGS = {
  none: ['flow.pairing=none'],
  ot: ['flow.pairing=ot'],
  entropic_ot: ['flow.pairing=entropic_ot', 'flow.pairing_options.reg=0.5'],
  sb: ['flow.path=brownian_bridge', 'flow.path_options.sigma=0.5', 'flow.pairing=entropic_ot', 'flow.pairing_options.reg=bridge'],
  // Variance-preserving CFM (torchcfm's VP-CFM at σ = 0): the trigonometric path, independent pairs. Lipman's target
  // CFM is not in the family here: it is defined from a standard Gaussian source, and this source is eight Gaussians.
  vp: ['flow.path=vp_cosine', 'flow.pairing=none'],
  c2ot: ['flow.pairing=c2ot'],
};
for (const c of args.couplings.split(',')) if (!COUPLINGS[c]) throw new Error(`Unknown coupling '${c}': one of ${Object.keys(COUPLINGS).join(', ')}.`);
const eulerSteps = String(args.euler).split(',').map(Number);

/** The paper's Figure 1, unconditional columns (W2², mean ± sd over 10 seeds). */
const PAPERS = {
  unc: { none: { euler1: [6.232, 0.186], adaptive: [0.120, 0.045] }, ot: { euler1: [0.072, 0.025], adaptive: [0.050, 0.040] } },
  class: { none: { euler1: [2.573, 0.112], adaptive: [0.059, 0.029] }, ot: { euler1: [0.483, 0.059], adaptive: [0.462, 0.025] }, c2ot: { euler1: [0.048, 0.010], adaptive: [0.018, 0.006] } },
  x: { none: { euler1: [0.732, 0.052], adaptive: [0.028, 0.010] }, ot: { euler1: [8.276, 6.510], adaptive: [2.143, 1.993] }, c2ot: { euler1: [0.077, 0.024], adaptive: [0.013, 0.003] } },
};
const PAPER = PAPERS[condition];
const conditionOf = (r) => r.condition ?? 'unc';

function done() {
  if (!existsSync(results)) return [];
  return readFileSync(results, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

function fvJson(argv) {
  const r = spawnSync(process.execPath, [fv, ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`fv ${argv.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return r.stdout;
}

if (!args.table) {
  for (let seed = args.from; seed < args.seeds; seed++) {
    for (const coupling of args.couplings.split(',')) {
      if (done().some((r) => r.coupling === coupling && r.seed === seed && r.steps === args.steps && conditionOf(r) === condition)) continue;
      const dir = path.join(out, `${args.conditional ? `${args.conditional}-` : ''}${coupling}-seed${seed}-${args.steps}`);
      const common = ['--config', config, ...COUPLINGS[coupling], `training.seed=${seed}`, `training.n_epochs=${args.steps / 4}`, `output.dir=${dir}`];
      const t0 = performance.now();
      fvJson(['train', ...common, '--yes']);
      const trainSeconds = (performance.now() - t0) / 1000;
      const euler = Object.fromEntries(eulerSteps.map((k) => [k, JSON.parse(fvJson(['sample', ...common, '--integrator', 'euler', '--steps', String(k), '--n', String(args.points), '--w2', '--json'])).w2_squared]));
      const adaptive = JSON.parse(fvJson(['sample', ...common, '--integrator', 'rk45', '--steps', '1', '--rtol', '1e-4', '--atol', '1e-4', '--batch', '256', '--n', String(args.points), '--w2', '--json']));
      const row = { ...(args.conditional ? { condition } : {}), coupling, seed, steps: args.steps, points: args.points, euler1_w2_squared: euler[1], euler_w2_squared: euler, adaptive_w2_squared: adaptive.w2_squared, adaptive_nfe: adaptive.nfe, train_seconds: trainSeconds, seconds: (performance.now() - t0) / 1000 };
      appendFileSync(results, JSON.stringify(row) + '\n');
      console.log(JSON.stringify(row));
    }
  }
}

// np.std: the population standard deviation.
const stat = (xs) => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return [m, Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length)];
};
const f = ([m, s]) => `${m.toFixed(3)} ± ${s.toFixed(3)}`;
console.log(`\nW2² (${args.points} points), ${condition === 'unc' ? 'unconditional' : `conditioned on ${condition}`}, mean ± population sd over the seeds done (${args.steps} steps); paper: Cheng & Schwing 2025, Fig. 1`);
console.log('| coupling | seeds | Euler 1 step (ours) | paper | dopri5 (ours) | paper | NFE (ours) | minutes per run |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const c of args.couplings.split(',')) {
  const rows = done().filter((r) => conditionOf(r) === condition && r.coupling === c && r.steps === args.steps && r.points === args.points && r.euler1_w2_squared !== undefined);
  if (!rows.length) continue;
  const p = PAPER[c];
  console.log(`| ${c === 'none' ? 'independent FM' : c === 'ot' ? 'minibatch OT' : c === 'c2ot' ? 'C²OT' : c} | ${rows.length} | ${f(stat(rows.map((r) => r.euler1_w2_squared)))} | ${p ? f(p.euler1) : ''} | ${f(stat(rows.map((r) => r.adaptive_w2_squared)))} | ${p ? f(p.adaptive) : ''} | ${stat(rows.map((r) => r.adaptive_nfe))[0].toFixed(1)} | ${(stat(rows.map((r) => r.seconds))[0] / 60).toFixed(1)} |`);
}
