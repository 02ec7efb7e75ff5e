#!/usr/bin/env node
// What running a sweep's runs side by side buys (issue 13): one 12-run quick sweep
// (configs/quick.yaml, flow.pairing none/ot × 3 seeds × 2 model sizes) with --jobs 1, then with the default
// jobs (what the machine allows, printed by fv). Prints the wall time, the most memory the runs held at once
// (sum of the children's resident memory, sampled every 250 ms) and the largest single run, then one
// `name: value` line per figure.
//
//   npm run build && node scripts/bench-sweep.mjs [-- --epochs 40 --out /tmp/fv-bench-sweep]
// The cores may be shared: run it on a quiet machine and read single figures as ±20%.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = { epochs: 40, out: path.join(os.tmpdir(), 'fv-bench-sweep') };
for (let i = 2; i < process.argv.length; i += 2) {
  const k = process.argv[i].replace(/^--/, ''), v = process.argv[i + 1];
  if (!(k in args)) throw new Error(`unknown argument --${k} (known: ${Object.keys(args).map((a) => `--${a}`).join(' ')})`);
  args[k] = k === 'out' ? v : Number(v);
}
console.log(`node ${process.version}, ${os.availableParallelism()} cores, ${(os.freemem() / 2 ** 30).toFixed(1)} GiB free, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);

const sweep = ['flow.pairing=none,ot', 'training.seed=1,2,3', 'model.hidden_dims=[64,64],[64,128,64]', `training.n_epochs=${args.epochs}`, 'training.device=native'];
const figures = [];
for (const [name, jobs] of [['jobs1', ['--jobs', '1']], ['default', []]]) {
  const out = path.join(args.out, name);
  rmSync(out, { recursive: true, force: true });
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [path.join(root, 'packages/cli/bin/fv.js'), 'run', '-m', '--config', 'configs/quick.yaml', ...sweep, `output.dir=${out}`, ...jobs], { cwd: root, encoding: 'utf8' });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`the sweep failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  const chosen = /Running (\d+) at a time \((.*)\)\./.exec(r.stdout);
  const peak = Number(/at most (\d+) MB held by the runs at once/.exec(r.stdout)?.[1] ?? NaN);
  const summary = JSON.parse(readFileSync(path.join(out, 'multirun/summary.json'), 'utf8'));
  const perRun = summary.runs.map((x) => x.peak_rss_mb).filter(Number.isFinite);
  const runSeconds = summary.runs.map((x) => x.seconds);
  console.log(`${name}: ${chosen?.[1]} at a time (${chosen?.[2]})`);
  console.log(`  ${summary.runs.length} runs in ${seconds.toFixed(1)} s (runs ${Math.min(...runSeconds).toFixed(1)}–${Math.max(...runSeconds).toFixed(1)} s each); at most ${peak} MB held at once, largest run ${Math.max(...perRun)} MB`);
  figures.push([`${name}_jobs`, Number(chosen?.[1])], [`${name}_wall_s`, Number(seconds.toFixed(1))], [`${name}_peak_mb`, peak], [`${name}_largest_run_mb`, Math.max(...perRun)]);
}
const [j1, d] = [figures.find((f) => f[0] === 'jobs1_wall_s')[1], figures.find((f) => f[0] === 'default_wall_s')[1]];
figures.push(['speedup', Number((j1 / d).toFixed(2))]);
for (const [k, v] of figures) console.log(`${k}: ${v}`);
