import { existsSync } from 'node:fs';
import { type DirLock, acquireDirLock, checkOutputDir, ensureWritableDir } from '@flow-visualizer/core/node';

/** What the lock file says the owner is doing: the command line, cut to a readable length. */
export function commandLine(): string {
  const line = ['fv', ...process.argv.slice(2)].join(' ');
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/**
 * Before a command writes into output.dir: refuse a root, home or unrelated folder (unless --force), make sure it
 * is writable, and lock it for this process, so that a second run on the same folder fails at once naming this
 * one. The caller releases the lock (it is also released when the process exits).
 */
export async function claimOutputDir(dir: string, opts: { force?: boolean } = {}): Promise<DirLock> {
  checkOutputDir(dir, opts.force);
  await ensureWritableDir(dir);
  return acquireDirLock(dir, commandLine());
}

/**
 * Before a command reads a run's model and writes beside it (fv sample, fv compare-solvers): lock the run's folder
 * when it exists, so that it does not run beside a training of the same folder. Nothing is made when it is absent
 * (the model check that follows says so).
 */
export function lockRunDir(dir: string): DirLock | undefined {
  return existsSync(dir) ? acquireDirLock(dir, commandLine()) : undefined;
}
