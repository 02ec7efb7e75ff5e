/**
 * Reading a file named in `data.options`: resolved against the config's folder, with errors that name the file as
 * the user wrote it, where it was looked for, and what to do.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { FvError, errorMessage } from '@flow-visualizer/core';
import { READ_LIMITS, readFileCapped } from '@flow-visualizer/core/node';

export interface UserFile {
  /** As written in the config. */
  name: string;
  /** Absolute path it was read from. */
  path: string;
  bytes: Buffer;
}

/** Resolves `file` against `baseDir`. */
export function resolveUserPath(file: string, baseDir: string): string {
  return path.resolve(baseDir || process.cwd(), file);
}

/**
 * Reads the whole file. Missing → DATA_NOT_FOUND; a folder, unreadable or empty → DATA_INVALID. `what` names the
 * option for the hint ("data.options.file").
 */
export async function readUserFile(file: string, baseDir: string, plugin: string, what = 'data.options.file'): Promise<UserFile> {
  const abs = resolveUserPath(file, baseDir);
  let info;
  try {
    info = await stat(abs);
  } catch {
    throw new FvError('DATA_NOT_FOUND', `Data file '${file}' not found (looked at ${abs}).`, {
      hint: `Check the path in ${what}; a relative path is resolved against the config file's folder (${baseDir || process.cwd()}).`,
      plugin,
    });
  }
  if (info.isDirectory()) {
    throw new FvError('DATA_INVALID', `Data file '${file}' is a folder (${abs}), not a file.`, { hint: `Point ${what} at a file inside it.`, plugin });
  }
  let bytes: Buffer;
  try {
    // Capped, and only regular files: /dev/zero or a FIFO would be read until memory runs out.
    bytes = readFileCapped(abs, READ_LIMITS.data, `Data file '${file}' at`);
  } catch (e) {
    if (e instanceof FvError) throw new FvError(e.code, e.message, { hint: `Point ${what} at an ordinary data file (CSV, JSON, SVG, PNG or JPEG).`, plugin });
    throw new FvError('DATA_INVALID', `Data file '${file}' could not be read (${abs}): ${errorMessage(e)}`, { hint: 'Check its permissions.', plugin, cause: e });
  }
  if (bytes.length === 0 || (isTextLike(abs) && bytes.toString('utf8').trim() === '')) {
    throw new FvError('DATA_INVALID', `Data file '${file}' is empty (${abs}).`, { hint: 'Put at least two points in it, or point the option at another file.', plugin });
  }
  return { name: file, path: abs, bytes };
}

function isTextLike(p: string): boolean {
  return /\.(csv|tsv|txt|json|svg)$/i.test(p);
}
