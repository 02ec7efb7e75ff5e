/**
 * sweep.json: what a sweep ran and how each run ended, rewritten after every run. `--resume` reads it back to
 * keep the runs that completed (and whose results are still there) and redo the rest.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FvError } from '@flow-visualizer/core';
import { outputLayout, writeFileAtomic } from '@flow-visualizer/core/node';
import type { SweepPlan } from './expand.js';
import type { RunStatus } from './summary.js';

export interface SweepState {
  command: string;
  config: string | null;
  runs: { index: number; overrides: string[]; values: Record<string, string>; status: RunStatus; error?: string; seconds?: number; peak_rss_mb?: number }[];
}

export function freshState(command: string, config: string | undefined, plan: SweepPlan): SweepState {
  return { command, config: config ?? null, runs: plan.runs.map((r) => ({ index: r.index, overrides: r.overrides, values: r.values, status: 'not run' })) };
}

/** Whether run folder `dir` holds the result of a finished `fv <command>`. */
export function finishedRun(command: string, dir: string): boolean {
  const l = outputLayout(dir);
  return existsSync(command === 'run' ? l.metrics : path.join(l.modelDir, 'model.json'));
}

/**
 * The state to resume from: the fresh state with the runs that completed before (per sweep.json and still on
 * disk) carried over. Throws USAGE when there is no sweep here or it had other runs.
 */
export function resumeState(file: string, fresh: SweepState, dirOf: (k: number) => string): SweepState {
  let before: SweepState;
  try {
    before = JSON.parse(readFileSync(file, 'utf8')) as SweepState;
  } catch {
    throw new FvError('USAGE', `No sweep to resume in ${path.dirname(file)} (sweep.json is missing or unreadable).`, { hint: 'Start the sweep without --resume.' });
  }
  const same = before.command === fresh.command && before.runs.length === fresh.runs.length
    && before.runs.every((r, k) => JSON.stringify(r.overrides) === JSON.stringify(fresh.runs[k].overrides));
  if (!same) {
    throw new FvError('USAGE', `The sweep in ${path.dirname(file)} was started with other runs or another command; --resume finishes that same sweep.`, {
      hint: 'Give the same command, config and overrides as before (sweep.json there lists them), or start a new sweep with another output.dir.',
    });
  }
  for (const r of before.runs) if (r.status === 'completed' && finishedRun(fresh.command, dirOf(r.index))) Object.assign(fresh.runs[r.index], r);
  return fresh;
}

export function saveState(file: string, state: SweepState): Promise<void> {
  return writeFileAtomic(file, JSON.stringify(state, null, 2) + '\n');
}
