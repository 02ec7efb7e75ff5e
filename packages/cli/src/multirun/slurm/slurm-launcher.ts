/**
 * The `slurm` launcher: a sweep becomes one Slurm job array (one task per run, the same `fv` command line and run
 * folder as the local launcher), submitted with sbatch and followed with squeue until every task has ended.
 * Slurm does the queueing, the placement and the limits; this file only writes the script, submits, follows and
 * reports. The sweep folder must be on a file system the nodes share (checked: see follow.ts).
 */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FvError, definePlugin, type BatchEvents, type BatchLauncher, type LaunchBatch, type LaunchOutcome, type LaunchSpec, type Launcher } from '@flow-visualizer/core';
import { FV_SCRIPT } from '../local-launcher.js';
import { finishedRun } from '../sweep-state.js';
import { followArray } from './follow.js';
import { chooseOnInterrupt } from './interrupt.js';
import { jobScript, slurmLayout } from './job-script.js';
import { readExit } from './markers.js';
import { SlurmOptionsSchema, type SlurmOptions } from './options.js';
import { ENDED, requireController, requirePartition, requireSlurm, sbatch, scancel, squeueTasks } from './slurm-tools.js';

/** The arrays this sweep folder submitted before, last one last. */
function previousJobs(sweepDir: string): string[] {
  try {
    return readFileSync(slurmLayout(sweepDir).jobs, 'utf8').split('\n').map((s) => s.trim()).filter((s) => /^\d+$/.test(s));
  } catch {
    return [];
  }
}

/** A path as the user reads it: relative to here when it lies below, else absolute. */
const shown = (p: string) => (path.relative(process.cwd(), p).startsWith('..') ? p : path.relative(process.cwd(), p));

const count = (states: Iterable<string>) => {
  let running = 0, queued = 0;
  for (const s of states) if (s === 'RUNNING' || s === 'COMPLETING') running++;
  else if (!ENDED.has(s)) queued++;
  return { running, queued };
};

/** After a cancel: waits (a while) for the job to leave the queue, and says whether anything of it is left. */
async function reportLeftovers(jobId: string, pollMs: number, log: (m: string) => void): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const states = await squeueTasks(jobId);
    const live = states ? [...states.values()].filter((s) => !ENDED.has(s)) : undefined;
    if (live?.length === 0) return log(`Nothing of Slurm job ${jobId} is left running.`);
    if (Date.now() > deadline) {
      return log(live ? `Slurm job ${jobId} still lists ${live.length} task(s) (${[...new Set(live)].join(', ')}): squeue -j ${jobId} shows them, scancel ${jobId} stops them.` : `squeue did not answer: check with squeue -j ${jobId} that nothing is left.`);
    }
    await new Promise((r) => setTimeout(r, Math.min(pollMs, 1000)));
  }
}

export function slurmLauncher(opts: SlurmOptions, tools = { node: opts.node ?? process.execPath, fvScript: FV_SCRIPT }): Launcher {
  const batch: BatchLauncher = {
    describe: (b) => jobScript(b, opts, tools),

    async check(b: LaunchBatch) {
      requireSlurm();
      await requireController();
      if (opts.partition) await requirePartition(opts.partition);
      // Two arrays writing the same run folders would mix their results.
      const last = previousJobs(b.sweepDir).at(-1);
      if (last) {
        const states = await squeueTasks(last);
        const live = states ? [...states.entries()].filter(([, s]) => !ENDED.has(s)) : [];
        if (live.length) {
          const { running, queued } = count(live.map(([, s]) => s));
          throw new FvError('USAGE', `Slurm job ${last} of this sweep is still there (${running} running, ${queued} queued): a new array would write into the same run folders.`, {
            hint: `Wait until it ends (squeue -j ${last}) or cancel it (scancel ${last}), then run the same command with --resume: it keeps the runs that completed and submits the others.`,
            exitCode: 2,
          });
        }
      }
    },

    async run(b: LaunchBatch, events: BatchEvents, signal: AbortSignal, force: AbortSignal) {
      const layout = slurmLayout(b.sweepDir);
      // Runs that completed after an earlier sweep stopped following its array (on_interrupt=leave): kept as they are.
      const last = previousJobs(b.sweepDir).at(-1);
      const todo: LaunchSpec[] = [];
      for (const s of b.specs) {
        const exit = last ? readExit(layout.exit(last, s.index)) : undefined;
        if (exit?.code === 0 && finishedRun(s.argv[0], s.outDir)) {
          events.log(`  #${s.index} completed in job ${last} after the sweep stopped following it: kept.`);
          await events.onEnd(s, { status: 'completed', exitCode: 0, seconds: 0 });
        } else todo.push(s);
      }
      if (!todo.length) return;
      const sub = { ...b, specs: todo };
      mkdirSync(layout.markers, { recursive: true });
      const script = jobScript(sub, opts, tools);
      const jobId = await sbatch(script);
      const parallel = sub.parallel ?? opts.array_parallelism;
      appendFileSync(layout.jobs, `${jobId}\n`);
      writeFileSync(layout.script(jobId), script);
      events.log(`Submitted ${todo.length} run(s) to Slurm as job array ${jobId}${opts.partition ? ` on partition ${opts.partition}` : ''}${parallel ? `, at most ${parallel} at once` : ''} (script: ${shown(layout.script(jobId))}); squeue -j ${jobId} shows it.`);

      let cancelling = false, forced = false;
      const onForce = () => {
        if (!cancelling || forced) return;
        forced = true;
        events.log(`  Ctrl-C again: stopping job ${jobId}'s runs at once (no checkpoints).`);
        void scancel(jobId, ['--signal=KILL', '--full']);
      };
      force.addEventListener('abort', onForce);
      const ended = new Set<number>();
      const tracked: BatchEvents = { ...events, onEnd: (s, o) => (ended.add(s.index), events.onEnd(s, o)) };
      try {
        const outcome = await followArray(jobId, sub, tracked, {
          pollMs: opts.poll_seconds * 1000,
          markerTimeoutMs: opts.marker_timeout * 1000,
          cancelling: () => cancelling,
          beforePoll: async (open, states) => {
            if (!signal.aborted || cancelling) return 'follow';
            const { running, queued } = count(open.map((s) => states?.get(s.index) ?? 'PENDING'));
            const choice = await chooseOnInterrupt(opts.on_interrupt, `\nCancel Slurm job ${jobId} (${running} running, ${queued} queued)? Running runs write their checkpoints; --resume finishes them.`, force, events.log);
            if (choice === 'leave') {
              events.log(`Left running on Slurm: job ${jobId}, ${running} run(s) running and ${queued} queued (squeue -j ${jobId} follows them, scancel ${jobId} stops them). Once it has ended, the same command with --resume keeps the runs that completed and submits the others.`);
              return 'leave';
            }
            cancelling = true;
            events.log(`Cancelling Slurm job ${jobId} (scancel ${jobId}): ${running} running run(s) write their checkpoints, ${queued} queued one(s) are dropped; --resume finishes them.`);
            const err = await scancel(jobId);
            if (err) events.log(`  scancel said: ${err}. Nothing is left running only if squeue -j ${jobId} shows nothing.`);
            return 'follow';
          },
        });
        if (outcome === 'ended' && cancelling) await reportLeftovers(jobId, opts.poll_seconds * 1000, events.log);
        if (outcome === 'left') {
          for (const s of todo) if (!ended.has(s.index)) await events.onEnd(s, { status: 'interrupted', exitCode: null, seconds: 0, error: `left running in Slurm job ${jobId}` });
        }
      } finally {
        force.removeEventListener('abort', onForce);
      }
    },
  };

  return {
    id: 'slurm',
    batch,
    // One run alone is an array of one.
    async launch(spec: LaunchSpec, signal: AbortSignal, force: AbortSignal): Promise<LaunchOutcome> {
      let result: LaunchOutcome = { status: 'failed', exitCode: null, seconds: 0, error: 'not run' };
      const b: LaunchBatch = { specs: [spec], sweepDir: path.dirname(spec.outDir), name: 'fv' };
      await batch.check(b);
      await batch.run(b, { log: () => undefined, onEnd: (_s, o) => void (result = o) }, signal, force);
      return result;
    },
  };
}

/** `--launcher slurm`: each run of the sweep is a task of one Slurm job array. */
export const slurmLauncherPlugin = () =>
  definePlugin({
    name: 'fv:launcher-slurm',
    kind: 'launcher',
    id: 'slurm',
    description: 'Submits the sweep to Slurm as one job array (sbatch), one task per run, and follows it (squeue); output.dir must be on a file system the nodes share.',
    optionsSchema: SlurmOptionsSchema,
    create: (options: SlurmOptions) => slurmLauncher(options),
  });
