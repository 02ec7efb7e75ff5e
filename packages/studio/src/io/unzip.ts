import { FvError } from '@flow-visualizer/core';
import type { RunFile } from './run-import.js';

/**
 * Reads a .zip (a run folder zipped on a server, or the page's own export) into files, in a page or in Node:
 * stored and deflated entries (deflate through the platform's DecompressionStream). Only the entries `keep`
 * accepts are inflated, and their total size is capped, so that a zip of pictures or a zip bomb costs nothing.
 */

export interface UnzipOptions {
  /** Which entries to read (by path inside the archive); default all. */
  keep?: (path: string) => boolean;
  /** Most bytes read out in all (default 512 MiB: a large model's weights with Adam state fit many times). */
  maxBytes?: number;
  /** The archive's name in messages. */
  shown?: string;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export async function unzipFiles(zip: Uint8Array, opts: UnzipOptions = {}): Promise<RunFile[]> {
  const shown = opts.shown ?? 'the archive';
  const keep = opts.keep ?? (() => true);
  const maxBytes = opts.maxBytes ?? 512 * 1024 * 1024;
  const bad = (why: string) => new FvError('DATA_INVALID', `Cannot read ${shown} as a zip archive: ${why}.`, { hint: 'Zip the run folder again (zip -r run.zip <folder>), or pick the folder itself.' });
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  // The end record sits in the last 22 bytes plus at most a 64 kiB comment.
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw bad('no end-of-archive record (not a zip, or cut short)');
  const count = view.getUint16(end + 10, true);
  const cdOffset = view.getUint32(end + 16, true);
  if (cdOffset === 0xffffffff || count === 0xffff) throw bad('it is a zip64 archive (over 4 GiB or 65535 entries)');
  const dec = new TextDecoder();
  const out: RunFile[] = [];
  let total = 0;
  let at = cdOffset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || view.getUint32(at, true) !== CENTRAL) throw bad('its directory is damaged');
    const method = view.getUint16(at + 10, true);
    const flags = view.getUint16(at + 8, true);
    const compressed = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const skip = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = dec.decode(zip.subarray(at + 46, at + 46 + nameLength));
    at += 46 + skip;
    if (name.endsWith('/') || !keep(name)) continue;
    if (flags & 1) throw bad(`${name} is encrypted`);
    total += size;
    if (total > maxBytes) throw new FvError('RESOURCE_LIMIT', `${shown} holds more than ${Math.round(maxBytes / 1024 / 1024)} MiB of the files needed.`, { hint: 'Pick the run folder itself.' });
    if (local + 30 > zip.length || view.getUint32(local, true) !== LOCAL) throw bad(`the entry ${name} is damaged`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const raw = zip.subarray(start, start + compressed);
    if (raw.length !== compressed) throw bad(`${name} is cut short`);
    let data: Uint8Array;
    if (method === 0) data = raw.slice();
    else if (method === 8) {
      const inflated = await inflate(raw, size).catch(() => undefined);
      if (inflated === undefined) throw bad(`${name} does not inflate`);
      if (inflated === 'over') throw bad(`${name} inflates to more than the ${size} bytes its directory says`);
      data = inflated;
    }
    else throw bad(`${name} uses compression method ${method} (only stored and deflate are read)`);
    if (data.length !== size) throw bad(`${name} inflates to ${data.length} bytes, not the ${size} its directory says`);
    out.push({ path: name, data });
  }
  return out;
}

/**
 * Inflates chunk by chunk and stops as soon as the output passes `size` (the directory's figure, itself within
 * the cap): a small entry that declares 100 bytes and inflates to gigabytes costs one chunk past 100 bytes.
 */
async function inflate(raw: Uint8Array, size: number): Promise<Uint8Array | 'over'> {
  const reader = new Blob([raw as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > size) {
      await reader.cancel().catch(() => undefined);
      return 'over';
    }
    chunks.push(value);
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
