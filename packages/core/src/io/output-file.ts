import { lstatSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { FvError } from '../errors.js';
import { systemFolderOf } from './system-folders.js';

function kindOf(st: Stats): string {
  return st.isDirectory() ? 'a folder'
    : st.isCharacterDevice() || st.isBlockDevice() ? 'a device'
    : st.isFIFO() ? 'a FIFO (named pipe)'
    : st.isSocket() ? 'a socket'
    : 'not a regular file';
}

/**
 * Refuses a file output that is not a regular file (a device, a FIFO, a socket, a folder) or that lies in a system
 * folder, before any work: fv writes a temporary file and renames it over the target, which would replace
 * `/dev/null` or a FIFO with a plain file. A symbolic link is judged by what it points to. Other files beside
 * the target never matter. OUTPUT_REFUSED (exit 2).
 */
export function checkOutputFile(file: string, what = 'the output'): void {
  const abs = path.resolve(file);
  const rel = path.relative(process.cwd(), abs);
  const shown = rel && !rel.startsWith('..') ? rel : abs;
  const refuse = (why: string) =>
    new FvError('OUTPUT_REFUSED', `Refusing to write ${what} to ${shown}: ${why}.`, {
      hint: 'Give the path of a regular file (new or to be replaced) in a folder of your own, e.g. --out points.csv.',
    });
  const system = systemFolderOf(abs);
  if (system) throw refuse(`it is in the system folder ${system}`);
  let st: Stats | undefined;
  try {
    st = lstatSync(abs, { throwIfNoEntry: false });
    if (st?.isSymbolicLink()) st = statSync(abs, { throwIfNoEntry: false });
  } catch {
    return; // e.g. ENOTDIR (a file on the way): the write says so, as OUTPUT_UNWRITABLE.
  }
  if (st && !st.isFile()) throw refuse(`it is ${kindOf(st)}, not a regular file`);
}
