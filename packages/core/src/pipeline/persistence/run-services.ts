import { writeFileAtomic, ensureWritableDir } from '../../io/atomic-write.js';
import { acquireDirLock, type DirLock } from '../../io/dir-lock.js';
import { checkOutputDir } from '../../io/output-dir.js';
import type { VelocityBackend } from '../../ports/backend.js';
import type { VelocityModel } from '../../ports/velocity-model.js';
import { checkpointFolder, loadCheckpoint, readCheckpointState, saveCheckpoint, type CheckpointState } from './checkpoint.js';
import { outputLayout, type OutputLayout } from './layout.js';

/**
 * The services the Pipeline writes a run through, each one object with one job, so that the container hands them
 * in (and a test or an embedding tool replaces one) instead of the pipeline calling file functions by name.
 */

/** Resumable checkpoints on disk (checkpoint.ts). Lives as long as the process. */
export interface CheckpointStore {
  save(model: VelocityModel, state: CheckpointState, dir: string): Promise<void>;
  /** `recovered` says why an older checkpoint was loaded (the newest failed its checksums). */
  load(backend: VelocityBackend, dir: string): Promise<{ model: VelocityModel; state: CheckpointState; recovered?: string }>;
  /** The complete checkpoint folder under `dir` (or its complete leftover of an interrupted save), if any. */
  folder(dir: string): string | undefined;
  readState(folder: string): CheckpointState;
}

export const fileCheckpointStore = (): CheckpointStore => ({
  save: (model, state, dir) => saveCheckpoint(model, state, dir),
  load: (backend, dir) => loadCheckpoint(backend, dir),
  folder: checkpointFolder,
  readState: readCheckpointState,
});

/** Writes metrics.json (atomically). */
export interface MetricsWriter {
  write(file: string, metrics: object): Promise<void>;
}

export const jsonMetricsWriter = (): MetricsWriter => ({
  write: (file, metrics) => writeFileAtomic(file, JSON.stringify(metrics, null, 2) + '\n'),
});

/** Locks output folders for this process (dir-lock.ts); released when the process ends. */
export interface FolderLocks {
  acquire(dir: string, command: string): DirLock;
}

export const processFolderLocks = (): FolderLocks => ({ acquire: acquireDirLock });

/** One run's output folder: where each file goes, and the claim on it before anything is written. */
export interface RunFolder {
  readonly layout: OutputLayout;
  /**
   * Refuses a root, home or unrelated folder (unless `force`), makes sure the folder is writable and locks it for
   * this process, so that a second run on the same folder fails at once naming this one.
   */
  claim(opts?: { force?: boolean; command?: string }): Promise<DirLock>;
}

export function runFolder(dir: string, locks: FolderLocks = processFolderLocks()): RunFolder {
  return {
    layout: outputLayout(dir),
    async claim(opts = {}) {
      checkOutputDir(dir, opts.force);
      await ensureWritableDir(dir);
      return locks.acquire(dir, opts.command ?? 'fv');
    },
  };
}
