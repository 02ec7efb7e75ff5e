#!/usr/bin/env node
// The default config against configs/recipe.yaml on the T-Rex (issue 16): for each seed, trains
//   default  configs/trex.yaml (MLP, Adam, 300 epochs)
//   recipe   configs/recipe.yaml (residual MLP 512×5, AdamW, clipping, linear decay; 51 epochs ≈ its 2000 steps)
//   budget   the recipe with as many epochs as fit in the default's training CPU time (this seed's)
// then samples 10,000 points of each (Euler, 100 steps) and scores them against fresh draws of the dataset
// (sliced W1, with the noise floor: two fresh draws against each other). Time is measured as wall seconds and as
// CPU seconds of the process (user + sys, via /usr/bin/time), on one thread (FV_THREADS=1): on a shared machine
// the wall time depends on the other load, the CPU time much less. Prints one JSON line per run and a summary.
//
//   npm run build && node scripts/bench-recipe.mjs [--seeds 1,2,3] [--backend native] [--out /tmp/fv-bench-recipe]
//   [--n 10000] (points sampled and scored) [--variants default,recipe,budget] [--budget-epochs N]
//   [--extra 'key=value …'] (overrides for every run, e.g. a smoke test: --extra 'training.n_epochs=1 data.n_samples=500')
// Seeds run one after another; start several processes with one seed each to use more cores.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = { seeds: '1,2,3', backend: 'native', out: '/tmp/fv-bench-recipe', extra: '', n: '10000', variants: 'default,recipe,budget', 'budget-epochs': '' };
for (let i = 2; i < process.argv.length; i += 2) {
  const k = process.argv[i].replace(/^--/, '');
  if (!(k in args)) throw new Error(`unknown argument --${k} (known: ${Object.keys(args).map((a) => `--${a}`).join(' ')})`);
  args[k] = process.argv[i + 1];
}
const fvBin = path.join(root, 'packages/cli/bin/fv.js');
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const env = { ...process.env, FV_THREADS: '1', FORCE_COLOR: '0' };

/** Runs fv with the arguments; returns stdout and the process's CPU seconds (NaN without /usr/bin/time). */
function fv(fvArgs) {
  const cmd = timeBin ? [timeBin, ['-f', 'FVCPU %U %S', process.execPath, fvBin, ...fvArgs]] : [process.execPath, [fvBin, ...fvArgs]];
  const r = spawnSync(cmd[0], cmd[1], { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`fv ${fvArgs.join(' ')} failed (${r.status}):\n${r.stderr}`);
  const m = /FVCPU ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  return { stdout: r.stdout, cpu: m ? Number(m[1]) + Number(m[2]) : NaN };
}

function run(label, config, seed, overrides) {
  const dir = path.join(args.out, `${label}-seed${seed}`);
  const common = ['--config', config, `training.seed=${seed}`, `training.device=${args.backend}`, `output.dir=${dir}`, ...args.extra.split(' ').filter(Boolean), ...overrides];
  const t = fv(['train', ...common]);
  const state = JSON.parse(readFileSync(path.join(dir, 'models/checkpoint/training_state.json'), 'utf8'));
  const s = fv(['sample', ...common, '--n', args.n, '--json']);
  const q = JSON.parse(s.stdout);
  const row = {
    label, seed, epochs: state.epochsDone, train_wall_s: state.trainSeconds, train_cpu_s: t.cpu, final_loss: state.lossHistory.at(-1),
    sample_wall_s: q.seconds, sample_cpu_s: s.cpu, sliced_w1: q.sliced_w1, sliced_w1_floor: q.sliced_w1_floor,
  };
  console.log(JSON.stringify(row));
  return row;
}

mkdirSync(args.out, { recursive: true });
const rows = [];
const want = new Set(args.variants.split(','));
for (const seed of args.seeds.split(',').map(Number)) {
  const d = want.has('default') ? run('default', 'configs/trex.yaml', seed, []) : undefined;
  const r = want.has('recipe') ? run('recipe', 'configs/recipe.yaml', seed, []) : undefined;
  rows.push(...[d, r].filter(Boolean));
  if (!want.has('budget')) continue;
  // Equal budget: as many recipe epochs as fit in the default's training CPU time (both pay the same start-up),
  // or --budget-epochs when the two run in separate processes.
  const epochs = args['budget-epochs'] ? Number(args['budget-epochs']) : Math.max(1, Math.round(d.train_cpu_s / (r.train_cpu_s / r.epochs)));
  rows.push(run('budget', 'configs/recipe.yaml', seed, [`training.n_epochs=${epochs}`]));
}
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const label of ['default', 'recipe', 'budget']) {
  const rs = rows.filter((x) => x.label === label);
  if (!rs.length) continue;
  const f = (k, dig = 3) => rs.map((x) => x[k].toFixed(dig)).join(' / ');
  console.log(`${label}: epochs ${rs.map((x) => x.epochs).join('/')}; sliced W1 ${f('sliced_w1')} (floor ${f('sliced_w1_floor')}); train CPU s ${f('train_cpu_s', 1)} (median ${med(rs.map((x) => x.train_cpu_s)).toFixed(1)}), wall s ${f('train_wall_s', 1)}; sampling CPU s ${f('sample_cpu_s', 1)}`);
}
