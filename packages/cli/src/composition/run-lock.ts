import { existsSync } from 'node:fs';
import { acquireDirLock, type DirLock } from '@flow-visualizer/core/node';
import { commandLine } from './command-line.js';

/**
 * Before a command reads a run's model and writes beside it (fv sample, fv compare-solvers): lock the run's folder
 * when it exists, so that it does not run beside a training of the same folder. Nothing is made when it is absent
 * (the model check that follows says so). Released when the command ends, as every lock.
 */
export function lockRunDir(dir: string): DirLock | undefined {
  return existsSync(dir) ? acquireDirLock(dir, commandLine()) : undefined;
}
