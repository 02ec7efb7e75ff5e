import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { FvError, type FvErrorCode } from '../errors.js';

/** What a config, data or model file may weigh at most: enough for any real one, far below what exhausts memory. */
export const READ_LIMITS = {
  config: 1024 * 1024,
  data: 256 * 1024 * 1024,
  model: 2 * 1024 * 1024 * 1024 - 1,
} as const;

function mib(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB` : `${Math.ceil(n / 1024)} kiB`;
}

/**
 * Reads a whole file, refusing what is not a regular file (/dev/zero, a FIFO, a socket: they may never end) and
 * what is larger than `maxBytes`, with an FvError of `code` naming the file, its size and the limit. File-system
 * errors (ENOENT, EACCES) are thrown as they are, for the caller to word.
 */
export function readFileCapped(file: string, maxBytes: number, what: string, code: FvErrorCode = 'DATA_INVALID'): Buffer {
  const rel = path.relative(process.cwd(), file);
  const shown = rel && !rel.startsWith('..') ? rel : file;
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, possibly forever.
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${file}'`), { code: 'EISDIR' });
    if (!st.isFile()) {
      throw new FvError(code, `${what} ${shown} is not a regular file (a device, a pipe or a socket), so it may never end.`, {
        hint: 'Point it at an ordinary file.',
      });
    }
    if (st.size > maxBytes) {
      throw new FvError(code, `${what} ${shown} is ${mib(st.size)}, more than the ${mib(maxBytes)} fv reads.`, {
        hint: 'Check that this is the file you meant; real ones are far smaller.',
      });
    }
    // Read at most maxBytes + 1 even if the file grows while we read, so the cap holds.
    const buf = Buffer.allocUnsafe(Math.min(st.size, maxBytes) + 1);
    let n = 0;
    for (;;) {
      const r = readSync(fd, buf, n, buf.length - n, null);
      if (r === 0) break;
      n += r;
      if (n >= buf.length) {
        throw new FvError(code, `${what} ${shown} grew past ${mib(maxBytes)} while it was read.`, { hint: 'Point it at a file that is not being written.' });
      }
    }
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}
