/** Reading back what a task wrote in the sweep folder: its markers and the tail of its run.log. */
import { readFileSync, statSync } from 'node:fs';

/** When the task started (seconds since the epoch, the node's clock), or undefined when it has not (or we cannot see it). */
export function readStarted(file: string): number | undefined {
  try {
    const t = Number(readFileSync(file, 'utf8').trim().split(/\s+/)[1]);
    return Number.isFinite(t) && t > 0 ? t : Date.now() / 1000;
  } catch {
    return undefined;
  }
}

/** The run's exit status and when it was written (ms), or undefined while the run has not ended. */
export function readExit(file: string): { code: number; atMs: number } | undefined {
  try {
    const code = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(code) ? { code, atMs: statSync(file).mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The last `n` lines of a log that say something (a progress bar's carriage returns keep their last state; fv's
 * hints are left out: they say how to rerun that one run, and the sweep gives its own).
 */
export function logTail(file: string, n = 3): string | undefined {
  try {
    const lines = readFileSync(file, 'utf8').split('\n').map((l) => l.split('\r').pop()!.trim()).filter((l) => l && !/^hint: /.test(l));
    return lines.length ? lines.slice(-n).join(' | ').slice(0, 600) : undefined;
  } catch {
    return undefined;
  }
}
