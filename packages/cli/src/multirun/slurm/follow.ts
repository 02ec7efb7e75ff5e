/**
 * Follows a submitted job array to the end of its tasks: squeue for each task's state (sacct for tasks squeue has
 * forgotten, where accounting exists), the task's markers in the sweep folder for when its run started and how it
 * ended. A task that Slurm ran but that left no marker means the nodes do not see the sweep folder: that stops
 * the sweep with a clear message, since every other task would fail the same way.
 */
import { FvError, type BatchEvents, type LaunchBatch, type LaunchOutcome, type LaunchSpec } from '@flow-visualizer/core';
import { errorFromLog } from '../local-launcher.js';
import { slurmLayout } from './job-script.js';
import { logTail, readExit, readStarted } from './markers.js';
import { ENDED, sacctTasks, scancel, squeueTasks } from './slurm-tools.js';

/** Slurm ended the task from outside (scancel, a limit, the node): it did not fail on its own. */
const STOPPED_BY_SLURM = new Set(['CANCELLED', 'TIMEOUT', 'NODE_FAIL', 'PREEMPTED', 'OUT_OF_MEMORY', 'DEADLINE', 'BOOT_FAIL']);
const WHY: Record<string, string> = {
  CANCELLED: 'scancel',
  TIMEOUT: 'its time limit, launcher_options.time',
  OUT_OF_MEMORY: 'its memory limit, launcher_options.mem',
  NODE_FAIL: 'its node failed',
  PREEMPTED: 'preempted by another job',
  DEADLINE: 'its deadline',
};

interface Task {
  spec: LaunchSpec;
  started?: number;
  runningSinceMs?: number;
  endedSinceMs?: number;
  lastState?: string;
  done: boolean;
}

export interface FollowControl {
  pollMs: number;
  markerTimeoutMs: number;
  /** True once the user chose to cancel: runs stopped by Slurm from then on are `interrupted`, not failed. */
  cancelling(): boolean;
  /** Called every poll before anything is read; `leave` stops following at once. */
  beforePoll(open: LaunchSpec[], states: Map<number, string> | undefined): Promise<'follow' | 'leave'>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function followArray(jobId: string, batch: LaunchBatch, events: BatchEvents, ctl: FollowControl): Promise<'ended' | 'left'> {
  const layout = slurmLayout(batch.sweepDir);
  const tasks = batch.specs.map((spec): Task => ({ spec, done: false }));
  let anyMarker = false;
  let accounting = true;
  let squeueFailures = 0;

  const finish = async (t: Task, status: LaunchOutcome['status'], code: number | null, error?: string, endMs = Date.now()) => {
    t.done = true;
    const seconds = t.started ? Math.max(0, endMs / 1000 - t.started) : 0;
    await events.onEnd(t.spec, { status, exitCode: code, seconds, error });
  };
  const tail = (t: Task) => logTail(t.spec.logFile);

  for (;;) {
    const open = tasks.filter((t) => !t.done);
    if (!open.length) return 'ended';
    const states = await squeueTasks(jobId);
    if (!states) {
      if (++squeueFailures === 6) events.log(`  squeue has not answered for ${Math.round((6 * ctl.pollMs) / 1000)} s; still following job ${jobId} through its markers.`);
    } else squeueFailures = 0;
    if ((await ctl.beforePoll(open.map((t) => t.spec), states)) === 'leave') return 'left';
    // Tasks squeue has forgotten (its MinJobAge passed): sacct knows how they ended, where accounting exists.
    const forgotten = states ? open.filter((t) => !states.has(t.spec.index)) : [];
    const acct = forgotten.length && accounting ? await sacctTasks(jobId) : undefined;
    if (forgotten.length && !acct) accounting = false;
    const now = Date.now();

    for (const t of open) {
      const k = t.spec.index;
      if (t.started === undefined) {
        t.started = readStarted(layout.started(jobId, k));
        if (t.started !== undefined) {
          anyMarker = true;
          events.onStart?.(t.spec);
        }
      }
      const state = states?.get(k) ?? acct?.get(k);
      if (state) t.lastState = state;
      const exit = readExit(layout.exit(jobId, k));
      if (exit) {
        anyMarker = true;
        if (t.started === undefined) {
          t.started = exit.atMs / 1000;
          events.onStart?.(t.spec);
        }
        if (exit.code === 0) await finish(t, 'completed', 0, undefined, exit.atMs);
        else if (exit.code === 130 || exit.code === 143) {
          // fv stopped on a signal and wrote its checkpoint: the user's cancel, or Slurm's (scancel, time limit).
          if (ctl.cancelling()) await finish(t, 'interrupted', exit.code, undefined, exit.atMs);
          // Slurm says why once the task has ended (CANCELLED, TIMEOUT…): wait for that, a while at most.
          else if (state && !ENDED.has(state) && now - exit.atMs < ctl.markerTimeoutMs) continue;
          else await finish(t, 'failed', exit.code, `stopped by Slurm (${describeState(t.lastState)}) after writing its checkpoint, which --resume continues; run.log ends: ${tail(t) ?? '(empty)'}`, exit.atMs);
        } else await finish(t, 'failed', exit.code, errorFromLog(t.spec.logFile) ?? `exit status ${exit.code}`, exit.atMs);
        continue;
      }
      if (state === 'RUNNING') t.runningSinceMs ??= now;
      const ended = state ? ENDED.has(state) : states !== undefined;
      if (!ended) {
        if (t.runningSinceMs !== undefined && t.started === undefined && !anyMarker && now - t.runningSinceMs > ctl.markerTimeoutMs) {
          throw await notShared(jobId, batch, layout.taskOut(jobId, k));
        }
        continue;
      }
      t.endedSinceMs ??= now;
      if (t.started !== undefined && state && STOPPED_BY_SLURM.has(state)) {
        // Killed before fv could write its exit status (KillWait ran out, or no checkpoint to write).
        if (ctl.cancelling()) await finish(t, 'interrupted', null);
        else await finish(t, 'failed', null, `killed by Slurm (${describeState(state)}) while it ran; run.log ends: ${tail(t) ?? '(empty)'}`);
        continue;
      }
      if (t.started === undefined && ctl.cancelling()) {
        await finish(t, 'interrupted', null);
        continue;
      }
      // Its markers may lag behind squeue on a network file system: give them time before concluding.
      if (now - t.endedSinceMs < ctl.markerTimeoutMs) continue;
      if (t.started === undefined) {
        const ran = t.runningSinceMs !== undefined || (state !== undefined && ['COMPLETED', 'FAILED'].includes(state));
        if (ran && !anyMarker) throw await notShared(jobId, batch, layout.taskOut(jobId, k));
        await finish(t, 'failed', null, `Slurm ended it (${describeState(state)}) before its run started; Slurm's output of the task: ${layout.taskOut(jobId, k)}`);
      } else {
        await finish(t, 'failed', null, `ended (${describeState(state)}) without writing its exit status; run.log ends: ${tail(t) ?? '(empty)'}`);
      }
    }
    if (tasks.some((t) => !t.done)) await sleep(ctl.pollMs);
  }
}

function describeState(state: string | undefined): string {
  if (!state || !ENDED.has(state)) return 'a signal: scancel, a time limit or preemption';
  return WHY[state] ? `${state}: ${WHY[state]}` : state;
}

/** The sweep folder is not on a file system the nodes share: cancel the array, every task would fail alike. */
async function notShared(jobId: string, batch: LaunchBatch, taskOut: string): Promise<FvError> {
  await scancel(jobId);
  return new FvError('SWEEP_NOT_SHARED', `The compute nodes do not see the sweep folder ${batch.sweepDir}: Slurm ran a task of job ${jobId}, but the marker it writes there never appeared (cancelled the job: every task would fail alike).`, {
    hint: `Set output.dir to a folder on a file system shared by this machine and the nodes (a home or project directory, not /tmp or a node-local disk). Slurm's output of the task, on the node: ${taskOut}.`,
    exitCode: 2,
  });
}
