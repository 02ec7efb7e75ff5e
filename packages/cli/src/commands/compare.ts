/**
 * `fv compare <run-dir>…`: the summary of a sweep (table, grid, metrics, page) for runs made separately, the keys
 * that differ between their configs taking the place of the swept keys, and compare.gif: the same noise carried
 * by each run's model, one panel per run.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { FvError, boundsOf, createRng, generate, squareBounds } from '@flow-visualizer/core';
import { checkOutputDir, outputLayout, writeFileAtomic } from '@flow-visualizer/core/node';
import { renderCompareGif, type CompareGifPanel } from '@flow-visualizer/renderers';
import type { Compose } from '../composition/root.js';
import { flattenConfig, readPointsCsv, readRunFolder } from '../multirun/read-run.js';
import { shortKeys, writeSummary, type SummaryRun } from '../multirun/summary.js';
import { allOptions, makeLogger, type GlobalOptions } from './shared.js';
import { positiveInt } from './sample.js';

interface CompareOptions extends GlobalOptions {
  out: string;
  gif: boolean;
  n: number;
  force?: boolean;
}

/** An earlier `fv compare` wrote this folder: its summary.json has the title, keys and runs a summary writes. */
function isPreviousComparison(dir: string): boolean {
  try {
    const j = JSON.parse(readFileSync(path.join(dir, 'summary.json'), 'utf8')) as Record<string, unknown> | null;
    return !!j && typeof j.title === 'string' && Array.isArray(j.keys) && Array.isArray(j.runs);
  } catch {
    return false;
  }
}

/** --out gets output.dir's refusals (root, home, system folders, a folder of other files), a comparison's own folder aside. */
function checkCompareOut(dir: string, force: boolean): void {
  if (!isPreviousComparison(dir)) checkOutputDir(dir, force, 'the comparison');
  if (!force && existsSync(path.join(dir, 'config.yaml'))) {
    throw new FvError('OUTPUT_REFUSED', `Refusing to write the comparison into ${dir}: it holds a run (config.yaml).`, {
      hint: 'Write the comparison to its own folder: --out outputs/compare, or pass --force.',
    });
  }
}

/** Keys whose values differ between the configs (output.dir and the sweep section aside), in config order. */
export function differingKeys(configs: readonly Record<string, unknown>[]): string[] {
  const flat = configs.map((c) => flattenConfig(c));
  const keys = [...new Set(flat.flatMap((f) => Object.keys(f)))];
  return keys.filter((k) => k !== 'output.dir' && !k.startsWith('sweep.') && new Set(flat.map((f) => JSON.stringify(f[k] ?? null))).size > 1);
}

function valueText(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v ?? null);
}

function checkRunDir(dir: string): void {
  const l = outputLayout(dir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new FvError('DATA_NOT_FOUND', `'${dir}' is not a folder.`, { hint: 'Give run folders: the output.dir of fv run, or <output.dir>/multirun/<k> of a sweep.' });
  }
  const missing = [l.config, l.metrics].filter((f) => !existsSync(f)).map((f) => path.basename(f));
  if (missing.length) {
    throw new FvError('DATA_NOT_FOUND', `'${dir}' is not a finished run: it has no ${missing.join(' and no ')}.`, { hint: 'Give folders written by fv run (each holds config.yaml and metrics.json); finish a stopped run with fv run --resume.' });
  }
  let metrics: unknown;
  try {
    metrics = JSON.parse(readFileSync(l.metrics, 'utf8'));
  } catch {
    metrics = undefined;
  }
  if (!metrics || typeof metrics !== 'object' || Array.isArray(metrics)) {
    throw new FvError('DATA_INVALID', `'${dir}' has a damaged metrics.json: it is not a JSON object of figures.`, { hint: 'Draw the run again to rewrite it: fv visualize --config <run>/config.yaml.' });
  }
}

export function compareCommand(compose: Compose): Command {
  return new Command('compare')
    .description('Compare runs made separately: summary table, grid of samples, metrics, summary.html and compare.gif')
    .argument('<run-dirs...>', 'run folders (each the output.dir of an fv run)')
    .option('-o, --out <dir>', 'folder for the summary', 'outputs/compare')
    .option('-n, --n <count>', 'points carried by each model in compare.gif', positiveInt, 1500)
    .option('--no-gif', 'skip compare.gif (it loads each model and samples it)')
    .option('--force', 'write into --out even when it is the root, home, a system folder or holds other files')
    .addHelpText('after', `
Examples:
  fv run --config configs/trex.yaml output.dir=outputs/none
  fv run --config configs/trex.yaml flow.pairing=ot output.dir=outputs/ot
  fv compare outputs/none outputs/ot --out outputs/none-vs-ot
  fv compare outputs/sweep/multirun/0 outputs/sweep/multirun/3`)
    .action(async (dirs: string[], _o: unknown, cmd: Command) => {
      const opts = allOptions<CompareOptions>(cmd);
      const log = makeLogger(opts);
      if (dirs.length < 2) throw new FvError('USAGE', `fv compare needs at least two run folders, got ${dirs.length}.`, { hint: 'fv compare outputs/none outputs/ot' });
      const abs = dirs.map((d) => path.resolve(d));
      abs.forEach(checkRunDir);
      const outDir = path.resolve(opts.out);
      if (abs.includes(outDir)) throw new FvError('USAGE', `--out ${opts.out} is one of the runs compared.`, { hint: 'Write the comparison to its own folder: --out outputs/compare.' });
      checkCompareOut(outDir, opts.force ?? false);
      const folders = abs.map(readRunFolder);
      const keys = differingKeys(folders.map((f) => f.config ?? {}));
      const flat = folders.map((f) => flattenConfig(f.config ?? {}));
      const runs: SummaryRun[] = abs.map((dir, i) => ({ index: i, dir, values: Object.fromEntries(keys.map((k) => [k, valueText(flat[i][k])])), status: 'completed' }));
      log(`Comparing ${abs.length} runs${keys.length ? `; their configs differ in ${keys.join(', ')}` : '; their configs are the same (output.dir aside)'}.`);
      const cfg = (folders[0].config ?? {}) as { visualization?: { panel_size?: number; pixel_ratio?: number } };
      const summary = await writeSummary({
        title: `Comparison of ${abs.length} runs${keys.length ? `: ${keys.join(' × ')}` : ''}`,
        subtitle: abs.map((d, i) => `#${i} ${path.relative(process.cwd(), d) || d}`).join('; '),
        outDir,
        keys,
        runs,
        panelSize: cfg.visualization?.panel_size ?? 320,
        pixelRatio: cfg.visualization?.pixel_ratio ?? 2,
        log,
      });
      const files = [...summary.files];
      if (opts.gif) files.push(await compareGif(compose, abs, runs, keys, outDir, opts.n, log));
      const rel = (p: string) => path.relative(process.cwd(), p) || p;
      for (const g of summary.groups) {
        const s = g.stats.sliced_w1;
        if (s) log(`  ${Object.entries(g.values).map(([k, v]) => `${k}=${v}`).join(' ') || `run ${g.runs.join(', ')}`}: sliced W1 ${s.sd === null ? s.mean.toPrecision(3) : `${s.mean.toPrecision(3)} ± ${s.sd.toPrecision(2)} (n=${s.n})`}`);
      }
      log(`Wrote ${files.map((f) => path.basename(f)).join(', ')} to ${rel(outDir)}; open ${rel(path.join(outDir, 'summary.html'))}.`);
    });
}

/** Samples every run's model from the same noise and draws them side by side. */
async function compareGif(compose: Compose, dirs: string[], runs: SummaryRun[], keys: string[], outDir: string, n: number, log: (m: string) => void): Promise<string> {
  const times = Array.from({ length: 41 }, (_, k) => k / 40);
  const short = shortKeys(keys);
  const panels: CompareGifPanel[] = [];
  for (const [i, dir] of dirs.entries()) {
    const c = await compose({ config: outputLayout(dir).config, overrides: [`output.dir=${dir}`] }, () => undefined);
    const plugins = await c.plugins(['backend', 'integrator', 'source']);
    const model = await c.pipeline().loadModel();
    try {
      const v = c.config.visualization;
      // The same seed and label for every run: the same starting points (from each run's own source:), whatever the run's own seed.
      const g = await generate(model, plugins.integrator, { n, steps: v.n_sampling_steps, rng: createRng(0, 'fv compare noise'), source: plugins.source, saveAt: times, integratorOptions: v.integrator_options as never });
      const title = keys.map((k) => `${short[k]}=${runs[i].values[k]}`).join(' ') || `#${i}`;
      panels.push({ title, target: readPointsCsv(outputLayout(dir).targetCsv, n), frames: g.snapshots });
    } finally {
      model.dispose();
    }
  }
  const bounds = squareBounds(boundsOf(...panels.map((p) => p.target)));
  const gif = await renderCompareGif(panels, { title: 'The same noise carried by each model', bounds, panelSize: 260, seconds: 4, fps: 15, holdSeconds: 1.2 });
  const file = path.join(outDir, 'compare.gif');
  await writeFileAtomic(file, gif);
  log(`compare.gif: ${panels.length} panels, ${n} points each, the same noise for every model.`);
  return file;
}
