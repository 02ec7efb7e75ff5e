#!/usr/bin/env node
// The stable quality figure of finished runs (README "Quality figures"), and its own noise:
//   sliced W1 of samples/generated.csv against a fresh 50,000-point draw of the run's dataset, divided by the mean
//   of the same figure for four fresh draws of as many points as were generated (the floor).
// Each run is scored against --draws independent references (each with its own four floor draws): the spread of
// one run's ratio over them is the figure's own noise. Runs are grouped by their overrides without the seed
// (a sweep's multirun/<k>/overrides.txt), and each group prints mean ± sd over its seeds.
//
//   npm run build && node scripts/quality-ratio.mjs [--draws 1] [--json out.json] <run-dir | sweep-dir/multirun>...
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readPointsCsv } from './points-csv.mjs';

const args = { draws: 1, json: '' };
const dirs = [];
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--draws') args.draws = Number(process.argv[++i]);
  else if (a === '--json') args.json = process.argv[++i];
  else if (a.startsWith('--')) throw new Error(`unknown argument ${a} (known: --draws N, --json file)`);
  else dirs.push(a);
}
if (!dirs.length || !(args.draws >= 1)) {
  console.error('usage: node scripts/quality-ratio.mjs [--draws N] [--json out.json] <run-dir | multirun-dir>...');
  process.exit(2);
}

const core = { ...(await import('@flow-visualizer/core')), ...(await import('@flow-visualizer/core/node')) };
const { builtinDatasetPlugins } = await import('@flow-visualizer/datasets/node');
const registry = new core.PluginRegistry(builtinDatasetPlugins());

// A multirun folder stands for its numbered runs.
const runs = dirs.flatMap((d) =>
  existsSync(path.join(d, 'config.yaml'))
    ? [d]
    : readdirSync(d).filter((k) => /^\d+$/.test(k)).sort((a, b) => a - b).map((k) => path.join(d, k)).filter((r) => existsSync(path.join(r, 'samples', 'generated.csv'))),
);

const rows = [];
for (const run of runs) {
  const loaded = core.resolveConfig({ configFile: path.join(run, 'config.yaml') });
  const { dataset } = await core.resolvePlugins(loaded.config, registry, { baseDir: loaded.baseDir, only: ['dataset'] });
  const seed = loaded.config.training.seed;
  const sample = readPointsCsv(path.join(run, 'samples', 'generated.csv'));
  const ratios = [];
  for (let r = 0; r < args.draws; r++) {
    // Draw 0 is the one `fv run` writes into metrics.json (the same streams); the others are independent.
    const rng = core.createRng(seed, 'visualize');
    const label = (l) => (r === 0 ? l : `${l}/again-${r}`);
    const q = await core.stableQuality(sample, (n, l) => dataset.sample(n, rng.fork(label(l))), { seed });
    ratios.push(q.ratio);
  }
  const overridesFile = path.join(run, 'overrides.txt');
  // overrides.txt: a comment line, then the run's overrides; the seed, output and drawing settings do not make a group.
  const overrides = existsSync(overridesFile) ? readFileSync(overridesFile, 'utf8').split('\n').filter((l) => !l.startsWith('#')).join(' ').trim().split(/\s+/) : [];
  const group = overrides.filter((o) => o && !/^(training\.seed|output\.dir|visualization\.)/.test(o)).join(' ') || '(defaults)';
  const metrics = JSON.parse(readFileSync(path.join(run, 'metrics.json'), 'utf8'));
  rows.push({ run, group, seed, ratios, ratio: ratios[0], train_seconds: metrics.train_seconds, sliced_w1: metrics.sliced_w1 });
  const sd = stats(ratios);
  console.log(`${run}  seed ${seed}  ratio ${ratios[0].toFixed(3)}${args.draws > 1 ? `  over ${args.draws} references: ${sd.mean.toFixed(3)} ± ${sd.sd.toFixed(3)}` : ''}  (${group})`);
}

function stats(xs) {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = xs.length > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1)) : 0;
  return { mean, sd, n: xs.length, max: Math.max(...xs) };
}

const groups = [...new Set(rows.map((r) => r.group))].map((g) => {
  const rs = rows.filter((r) => r.group === g);
  return { group: g, seeds: rs.map((r) => r.seed), ratio: stats(rs.map((r) => r.ratio)), train_seconds: stats(rs.map((r) => r.train_seconds ?? NaN)) };
});
console.log('\n| settings | seeds | sliced W1 ÷ floor, mean ± sd | worst seed | training s (mean) |\n|---|---|---|---|---|');
for (const g of groups) console.log(`| ${g.group} | ${g.seeds.join(', ')} | ${g.ratio.mean.toFixed(2)} ± ${g.ratio.sd.toFixed(2)} | ${g.ratio.max.toFixed(2)} | ${g.train_seconds.mean.toFixed(1)} |`);
if (args.draws > 1) {
  const noise = stats(rows.map((r) => stats(r.ratios).sd));
  console.log(`\nThe figure's own noise: the same samples against ${args.draws} independent references give a standard deviation of ${noise.mean.toFixed(3)} (mean over ${rows.length} runs, largest ${noise.max.toFixed(3)}).`);
}
if (args.json) writeFileSync(args.json, JSON.stringify({ rows, groups }, null, 2) + '\n');
