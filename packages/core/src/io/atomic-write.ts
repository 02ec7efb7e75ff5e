import { renameSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { mkdirSteps } from './mkdir-steps.js';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FvError, errorMessage } from '../errors.js';
import { checkOutputFile } from './output-file.js';

let counter = 0;
function tempName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${counter++}.tmp`);
}

/** Writes a file so that readers see the old content or the new, never half of it: temp file, then rename. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  checkOutputFile(file);
  const tmp = tempName(file);
  try {
    mkdirSteps(path.dirname(file));
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw outputError(file, e);
  }
}

export function writeFileAtomicSync(file: string, data: string | Uint8Array): void {
  checkOutputFile(file);
  const tmp = tempName(file);
  try {
    mkdirSteps(path.dirname(file));
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch (e) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // The folder itself is the problem (e.g. a file where it should be): there is no temp file to remove.
    }
    throw outputError(file, e);
  }
}

/** Maps a file-system error on an output path to a clear OUTPUT_UNWRITABLE error. */
export function outputError(file: string, e: unknown): FvError {
  const code = (e as NodeJS.ErrnoException)?.code;
  const rel = path.relative(process.cwd(), file);
  const shown = rel && !rel.startsWith('..') ? rel : path.resolve(file);
  const why =
    code === 'EACCES' || code === 'EPERM' ? 'permission denied'
    : code === 'ENOTDIR' || code === 'EEXIST' ? 'a file stands where a folder should be'
    : code === 'ENOSPC' ? 'the disk is full'
    : code === 'EROFS' ? 'the file system is read-only'
    : code === 'ENOENT' ? `no folder can be made there (${errorMessage(e)})`
    : errorMessage(e);
  return new FvError('OUTPUT_UNWRITABLE', `Cannot write ${shown}: ${why}.`, {
    hint: 'Choose another folder with output.dir=<folder>, or fix the permissions of this one.',
    cause: e,
  });
}

/**
 * Makes sure `dir` is (or can become) a writable folder before any long work starts, so that a 5-minute
 * training run does not end in a write error.
 */
export async function ensureWritableDir(dir: string): Promise<void> {
  try {
    const st = statSync(dir, { throwIfNoEntry: false });
    if (st && !st.isDirectory()) {
      const e = Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
      throw e;
    }
    mkdirSteps(dir);
    const probe = tempName(path.join(dir, 'write-probe'));
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (e) {
    throw outputError(dir, e);
  }
}
