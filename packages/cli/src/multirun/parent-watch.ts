import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LOCK_FILE } from '@flow-visualizer/core/node';

/**
 * A sweep's runs are detached children (so that a Ctrl-C in the terminal reaches the sweep, which stops them in
 * order). Killed outright (SIGKILL), the sweep cannot stop them; each run notices instead: the sweep puts its pid
 * in FV_SWEEP_PARENT, and a run whose parent is no longer that process interrupts itself as a Ctrl-C would
 * (checkpoint, exit 130), so that `--resume` finds its folder free and continues it.
 */
export const PARENT_ENV = 'FV_SWEEP_PARENT';

export function watchSweepParent(env: NodeJS.ProcessEnv = process.env, everyMs = 500): void {
  const parent = Number(env[PARENT_ENV]);
  if (!Number.isInteger(parent) || parent <= 0 || process.ppid !== parent) return;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    process.kill(process.pid, 'SIGINT');
  }, everyMs);
  timer.unref();
}

/**
 * Waits (up to `maxMs`) while a live process holds the lock of a run's folder: after the sweep was killed, its
 * runs take a moment to checkpoint and exit, and a `--resume` started at once must not find them there and fail.
 */
export async function waitForRunFolder(dir: string, maxMs = 60_000): Promise<void> {
  const until = Date.now() + maxMs;
  for (;;) {
    const pid = lockPid(dir);
    if (pid === undefined || pid <= 0 || !isAlive(pid) || Date.now() > until) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid in a run folder's lock file, if there is one. */
function lockPid(dir: string): number | undefined {
  try {
    const pid = JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8')).pid;
    return Number.isInteger(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}
