/**
 * `fv run -m` / `fv train -m`: plans the sweep, checks every run's config before anything starts, then runs them
 * through a launcher (child processes by default) into <output.dir>/multirun/<k>/, and writes the summary.
 * sweep.json in that folder records each run's status, so that `--resume` can skip the completed ones.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FvError, VELOCITY_BACKEND, createRng, instantiate, pluginContext, isFvError, type FvConfig, type LaunchBatch, type LaunchOutcome, type LaunchSpec, type Launcher, type VelocityBackend } from '@flow-visualizer/core';
import { outputLayout, resolveConfig, writeFileAtomic } from '@flow-visualizer/core/node';
import { loadContext } from '../composition/context.js';
import { cliRootContainer } from '../composition/root.js';
import { createRunContainer, resolvePort } from '@flow-visualizer/core/container';
import { planSweep, type SweepPlan } from './expand.js';
import { parseSweepOverride } from './grammar.js';
import { chooseJobs } from './jobs.js';
import { schedule } from './schedule.js';
import { writeSummary, fmt, type SummaryRun } from './summary.js';
import { freshState, resumeState, saveState } from './sweep-state.js';
import { waitForRunFolder } from './parent-watch.js';

/** More runs than this need --yes: a typo in a range should not start a thousand trainings. */
export const RUN_LIMIT = 64;
/** Past this many runs a sweep is refused outright: its plan (and a --dry-run's listing) would not fit. */
export const PLAN_LIMIT = 10_000;

export interface MultirunOptions {
  command: 'run' | 'train';
  config?: string;
  overrides: string[];
  jobs?: number;
  dryRun?: boolean;
  yes?: boolean;
  resume?: boolean;
  quiet?: boolean;
  /** A launcher instance (library use), else the launcher plugin named here (default `local`). */
  launcher?: Launcher | string;
}

const describe = (values: Record<string, string>) => Object.entries(values).map(([k, v]) => `${k}=${v}`).join(' ');

/** Resolves every run's config now: a bad value or key stops the sweep before anything starts (exit 2). */
function checkRuns(plan: SweepPlan, configFile: string | undefined, registry: Awaited<ReturnType<typeof loadContext>>['registry']): FvConfig[] {
  return plan.runs.map((run) => {
    try {
      const { config } = resolveConfig({ configFile, overrides: run.overrides });
      registry.get('dataset', config.data.name, 'data.name');
      registry.get('path', config.flow.path, 'flow.path');
      registry.get('pairing', config.flow.pairing, 'flow.pairing');
      registry.get('integrator', config.visualization.integrator, 'visualization.integrator');
      for (const r of config.visualization.renderers) registry.get('renderer', r, 'visualization.renderers');
      return config;
    } catch (e) {
      if (!isFvError(e)) throw e;
      const swept = plan.keys.map((k) => `${k.key}=${run.values[k.key]}`).join(' ');
      const from = plan.keys.filter((k) => e.message.includes(k.key) || e.message.includes(run.values[k.key])).map((k) => `'${k.raw}'`);
      throw new FvError(e.code, `Run ${run.index} of the sweep (${swept}${from.length ? `, from ${from.join(', ')}` : ''}) is not valid: ${e.message}`, { hint: e.hint, plugin: e.plugin, exitCode: 2 });
    }
  });
}

/** The launcher plugin `id` (built in: local; others from the config's plugins:), created before anything starts. */
async function createLauncher(ctx: Awaited<ReturnType<typeof loadContext>>, id: string, log: (m: string) => void): Promise<Launcher> {
  const plugin = ctx.registry.get('launcher', id, '--launcher');
  // A launcher without options (local) ignores launcher_options, so that one config serves both launchers.
  const options = plugin.optionsSchema ? ctx.config.launcher_options : {};
  return instantiate(plugin, options, { ...pluginContext(ctx.config, ctx.loaded.baseDir, log), rng: createRng(0, 'launcher') }, 'launcher_options');
}

export async function multirun(opts: MultirunOptions): Promise<void> {
  const log = opts.quiet ? () => undefined : (m: string) => process.stdout.write(`${m}\n`);
  // The config's own sweep: section is read with the fixed overrides only (a swept value is not a value yet).
  const fixed = opts.overrides.filter((o) => parseSweepOverride(o).values.length === 1);
  const ctx = await loadContext({ config: opts.config, overrides: fixed });
  const plan = planSweep(ctx.config.sweep as Record<string, unknown>, opts.overrides, (total, keys) => {
    const sizes = keys.map((k) => `${k.key}: ${k.values.length}`).join(' × ');
    if (total > PLAN_LIMIT) {
      throw new FvError('USAGE', `This sweep has ${total} runs (${sizes}), more than the ${PLAN_LIMIT} fv plans even with --yes or --dry-run.`, {
        hint: 'Sweep fewer values: e.g. training.seed=range(0,5) rather than range(0,3000).',
      });
    }
    if (total > RUN_LIMIT && !opts.yes && !opts.dryRun) {
      throw new FvError('USAGE', `This sweep has ${total} runs (${sizes}), more than ${RUN_LIMIT}.`, {
        hint: 'Check the sweep with --dry-run, then add --yes to start it.',
      });
    }
  });
  if (plan.keys.length === 0) {
    throw new FvError('USAGE', 'Nothing to sweep: no override has several values and the config has no sweep: section.', {
      hint: `Give values to sweep, e.g. fv ${opts.command} -m training.seed=1,2,3 flow.pairing=none,ot; or leave out -m for a single run.`,
    });
  }
  if (plan.keys.some((k) => k.key === 'output.dir')) {
    throw new FvError('OVERRIDE_INVALID', 'output.dir cannot be swept: every run of a sweep goes to <output.dir>/multirun/<k>/.', { hint: 'Sweep other keys; set output.dir once.' });
  }
  const configs = checkRuns(plan, opts.config, ctx.registry);
  const launcher = typeof opts.launcher === 'object' ? opts.launcher : await createLauncher(ctx, opts.launcher ?? 'local', log);
  const root = path.resolve(ctx.config.output.dir, 'multirun');
  const dirOf = (k: number) => path.join(root, String(k));
  const argvOf = (k: number, resume: boolean) => [
    opts.command, ...(opts.config ? ['--config', opts.config] : []), ...plan.runs[k].overrides.filter((o) => !/^\+*output\.dir=/.test(o)), `output.dir=${dirOf(k)}`, ...(resume ? ['--resume'] : []),
  ];
  const rel = (p: string) => (path.relative(process.cwd(), p).startsWith('..') ? p : path.relative(process.cwd(), p) || p);
  if (launcher.id !== 'local') log(`Launcher: ${launcher.id}.`);
  log(`Sweep of ${plan.runs.length} run${plan.runs.length === 1 ? '' : 's'} over ${plan.keys.map((k) => `${k.key} (${k.values.length}: ${k.values.join(', ')})`).join(' × ')}, into ${rel(root)}/<k>/.`);
  const specOf = (k: number, resume: boolean): LaunchSpec => ({ index: k, argv: argvOf(k, resume), outDir: dirOf(k), logFile: path.join(dirOf(k), 'run.log'), cwd: process.cwd() });
  const batchOf = (specs: LaunchSpec[]): LaunchBatch => ({ specs, sweepDir: root, parallel: opts.jobs, name: `fv-${path.basename(path.resolve(ctx.config.output.dir))}` });
  if (opts.dryRun) {
    for (const r of plan.runs) log(`  #${r.index}  fv ${argvOf(r.index, false).map((a) => (/[\s,[\]{}'"()]/.test(a) ? `'${a.replace(/'/g, "'\\''")}'` : a)).join(' ')}`);
    if (launcher.batch) log(`The ${launcher.id} launcher would submit this job script:\n\n${launcher.batch.describe(batchOf(plan.runs.map((r) => specOf(r.index, false))))}`);
    log('Dry run: nothing started.');
    return;
  }

  // Which runs are left: all, or with --resume those the last attempt did not complete.
  const stateFile = path.join(root, 'sweep.json');
  const fresh = freshState(opts.command, opts.config, plan);
  const state = opts.resume ? resumeState(stateFile, fresh, dirOf) : fresh;
  const todo = state.runs.filter((r) => r.status !== 'completed').map((r) => r.index);

  // How many at once.
  let jobs = opts.jobs ?? 1;
  if (launcher.batch) {
    // The launcher submits them together; its scheduler queues them (--jobs N caps how many run at once).
  } else if (!opts.jobs && launcher.id !== 'local') {
    // Another launcher hands runs elsewhere: all of them at once, its scheduler queues them.
    jobs = Math.max(1, todo.length);
    log(`Handing ${todo.length} run(s) to the ${launcher.id} launcher at once (set --jobs N to hold back).`);
  } else if (!opts.jobs && todo.length) {
    // The first run's backend, taken in a child of its own (as each run takes it), and what its plugin declares.
    const child = createRunContainer(cliRootContainer(), { config: configs[0], baseDir: ctx.loaded.baseDir, registry: ctx.registry });
    const backend = await resolvePort<VelocityBackend>(child, VELOCITY_BACKEND);
    const declared = ctx.registry.has('backend', backend.id) ? ctx.registry.get('backend', backend.id).capabilities : undefined;
    const chosen = chooseJobs({ runs: Math.max(1, todo.length), cores: os.availableParallelism(), freeMemMb: os.freemem() / 2 ** 20, backend: { id: backend.id, ...declared } });
    jobs = chosen.jobs;
    log(`Running ${jobs} at a time (--jobs ${jobs}: ${chosen.reason}; set --jobs N to choose).`);
  } else if (todo.length) log(`Running ${jobs} at a time (--jobs ${jobs}).`);
  if (todo.length < plan.runs.length) log(`Resuming: ${plan.runs.length - todo.length} run(s) completed before are kept; ${todo.length} to go.`);

  // A launcher that submits elsewhere checks that it can before anything is written (exit 2 when it cannot, or
  // while runs of this sweep are still in its queue); its runs are not processes of this machine to wait for.
  if (launcher.batch && todo.length) await launcher.batch.check(batchOf(todo.map((k) => specOf(k, false))));
  // A run with a checkpoint left by Ctrl-C continues from it (once a run of a killed sweep has written it and exited).
  else if (opts.resume) for (const k of todo) await waitForRunFolder(dirOf(k));
  const specs = todo.map((k) => specOf(k, opts.resume === true && existsSync(path.join(outputLayout(dirOf(k)).checkpointDir, 'training_state.json'))));
  await mkdir(root, { recursive: true });
  await saveState(stateFile, state);
  for (const k of todo) {
    await mkdir(dirOf(k), { recursive: true });
    await writeFileAtomic(path.join(dirOf(k), 'overrides.txt'), [`# fv ${opts.command}${opts.config ? ` --config ${opts.config}` : ''} <these overrides> output.dir=${dirOf(k)}`, ...plan.runs[k].overrides.filter((o) => !/^\+*output\.dir=/.test(o))].join('\n') + '\n');
  }

  // Ctrl-C: the children are asked once to stop cleanly; a second Ctrl-C stops them at once.
  const stop = new AbortController(), force = new AbortController();
  const onSignal = () => {
    if (!stop.signal.aborted) {
      log(launcher.batch ? '\nInterrupted.' : '\nInterrupted: asking every run to finish its epoch and write a checkpoint (Ctrl-C again to stop them at once)…');
      stop.abort();
    } else force.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let finished = plan.runs.length - todo.length;
  const onStart = (s: LaunchSpec) => log(`  start #${s.index}: ${describe(plan.runs[s.index].values)}`);
  let result: { seconds: number; peakRssMb?: number };
  try {
    const onEnd = async (s: LaunchSpec, o: LaunchOutcome) => {
      const r = state.runs[s.index];
      r.status = o.status;
      r.seconds = Number(o.seconds.toFixed(2));
      if (o.peakRssMb) r.peak_rss_mb = Math.round(o.peakRssMb);
      if (o.error) r.error = o.error;
      else delete r.error;
      finished++;
      const w1 = o.status === 'completed' ? readW1(s.outDir) : undefined;
      log(`  [${finished}/${plan.runs.length}] #${s.index} ${o.status} in ${o.seconds.toFixed(1)} s${w1 !== undefined ? `, sliced W1 ${fmt(w1)}` : ''}${o.error ? `: ${o.error}` : ''}`);
      await saveState(stateFile, state);
    };
    if (launcher.batch) {
      const t0 = performance.now();
      if (specs.length) await launcher.batch.run(batchOf(specs), { onStart, onEnd, log }, stop.signal, force.signal);
      result = { seconds: (performance.now() - t0) / 1000 };
    } else result = await schedule(specs, launcher, { jobs, stop: stop.signal, force: force.signal, onStart, onEnd });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  const summaryRuns: SummaryRun[] = state.runs.map((r) => ({ index: r.index, dir: dirOf(r.index), values: r.values, status: r.status, error: r.error, seconds: r.seconds ?? null, peakRssMb: r.peak_rss_mb ?? null }));
  const v = ctx.config.visualization;
  const summary = await writeSummary({
    title: `Sweep: ${plan.keys.map((k) => k.key).join(' × ')} (${plan.runs.length} runs of fv ${opts.command})`,
    subtitle: `${opts.config ?? 'built-in defaults'}${plan.fixed.length ? ' with ' + plan.fixed.join(' ') : ''}; ${plan.keys.map((k) => `${k.key} ∈ {${k.values.join(', ')}}`).join(', ')}`,
    outDir: root,
    keys: plan.keys.map((k) => k.key),
    runs: summaryRuns,
    panelSize: v.panel_size,
    pixelRatio: v.pixel_ratio,
    log,
  });
  log(`Sweep took ${result.seconds.toFixed(1)} s${result.peakRssMb ? `, at most ${Math.round(result.peakRssMb)} MB held by the runs at once` : ''}.`);
  for (const g of summary.groups) {
    const s = g.stats.sliced_w1;
    if (s) log(`  ${describe(g.values) || 'all'}: sliced W1 ${s.sd === null ? fmt(s.mean) : `${fmt(s.mean)} ± ${fmt(s.sd)} (n=${s.n})`}`);
  }
  log(`Summary: ${rel(path.join(root, 'summary.html'))} (also summary.csv, summary.json${summary.files.some((f) => f.endsWith('grid.png')) ? ', grid.png' : ''}${summary.files.some((f) => f.endsWith('metrics.png')) ? ', metrics.png' : ''}).`);

  const resumeHint = `fv ${opts.command} -m${opts.config ? ` --config ${opts.config}` : ''} ${opts.overrides.map((o) => (/[\s,[\]{}'"()]/.test(o) ? `'${o}'` : o)).join(' ')}${launcher.id !== 'local' ? ` --launcher ${launcher.id}` : ''} --resume`.replace(/\s+/g, ' ');
  const interrupted = state.runs.filter((r) => r.status === 'interrupted' || r.status === 'not run');
  const failed = state.runs.filter((r) => r.status === 'failed');
  if (stop.signal.aborted && interrupted.length) {
    throw new FvError('INTERRUPTED', `Sweep stopped: ${state.runs.length - interrupted.length - failed.length} of ${state.runs.length} runs completed${failed.length ? `, ${failed.length} failed` : ''}, ${interrupted.length} left (stopped runs kept their checkpoints).`, {
      hint: `Finish it with: ${resumeHint}`,
      exitCode: 130,
    });
  }
  if (failed.length) {
    throw new FvError('RUNS_FAILED', `${failed.length} of ${state.runs.length} runs failed: ${failed.map((r) => `#${r.index} (${describe(r.values)}): ${r.error ?? 'no message'}`).join('; ')}.`, {
      hint: `Each failed run's output is in ${rel(root)}/<k>/run.log; after fixing the cause, rerun the failed ones with: ${resumeHint}`,
    });
  }
}

function readW1(dir: string): number | undefined {
  try {
    const m = JSON.parse(readFileSync(outputLayout(dir).metrics, 'utf8')) as { sliced_w1?: number };
    return typeof m.sliced_w1 === 'number' ? m.sliced_w1 : undefined;
  } catch {
    return undefined;
  }
}
