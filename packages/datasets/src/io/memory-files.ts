/**
 * The user-file reader of a page (the studio): files the user dropped or picked, held in memory by name, and
 * images decoded by the browser (createImageBitmap, then drawn on an OffscreenCanvas, so it works in a Web Worker
 * too). Browser-safe: nothing of Node.
 */
import { FvError, fitImageSide, type DecodedImage, type UserFileBytes, type UserFileRequest, type UserFiles } from '@flow-visualizer/core';
import { DATA_FILE_LIMIT } from './user-file.js';

/** The few page APIs used here, typed locally: this package is compiled without the DOM library. */
interface PageGlobals {
  createImageBitmap?(image: Blob, options?: { premultiplyAlpha?: string; colorSpaceConversion?: string }): Promise<{ width: number; height: number; close(): void }>;
  OffscreenCanvas?: new (w: number, h: number) => {
    getContext(kind: '2d', options?: { willReadFrequently?: boolean }): {
      drawImage(image: unknown, x: number, y: number, w: number, h: number): void;
      getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
    } | null;
  };
}

/** A file's name as a key: forward slashes, no leading './'. */
export function fileKey(name: string): string {
  return name.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

/**
 * Decodes a PNG or JPEG with the browser's own decoder, as the page shows it: no colour-space conversion and no
 * premultiplication, so that the pixels are the file's, as Node's decoder reads them.
 */
export async function decodeImageInPage(bytes: Uint8Array, maxSide: number): Promise<DecodedImage> {
  const g = globalThis as unknown as PageGlobals;
  if (typeof g.createImageBitmap !== 'function' || typeof g.OffscreenCanvas !== 'function') {
    throw new Error('this JavaScript host has no createImageBitmap/OffscreenCanvas to decode images with');
  }
  const copy = new Uint8Array(bytes); // a Blob takes a plain ArrayBuffer view
  const bitmap = await g.createImageBitmap(new Blob([copy.buffer]), { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  try {
    if (!(bitmap.width > 0 && bitmap.height > 0)) return { rgba: new Uint8ClampedArray(0), width: bitmap.width, height: bitmap.height };
    const { width, height } = fitImageSide(bitmap.width, bitmap.height, maxSide);
    const ctx = new g.OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('no 2D canvas context to draw the image on');
    ctx.drawImage(bitmap, 0, 0, width, height);
    return { rgba: ctx.getImageData(0, 0, width, height).data, width, height };
  } finally {
    bitmap.close();
  }
}

/** A DATA_INVALID when a file of `size` bytes is over what fv reads (also checked before a dropped file is read at all). */
export function checkDataFileSize(file: string, size: number, plugin?: string): void {
  if (size <= DATA_FILE_LIMIT) return;
  throw new FvError('DATA_INVALID', `Data file '${file}' is ${(size / 1024 / 1024).toFixed(1)} MiB, more than the ${DATA_FILE_LIMIT / 1024 / 1024} MiB fv reads.`, {
    hint: 'Check that this is the file you meant; real ones are far smaller.',
    plugin,
  });
}

/**
 * Reads from the given files (name → bytes), e.g. the ones dropped on the studio. A name is looked up as the
 * options write it, then by its last part (a config's 'shapes/heart.svg' finds a dropped 'heart.svg').
 */
export function memoryFiles(files: ReadonlyMap<string, Uint8Array> | Readonly<Record<string, Uint8Array>>, decodeImage = decodeImageInPage): UserFiles {
  const byName = new Map<string, Uint8Array>();
  for (const [k, v] of files instanceof Map ? files : Object.entries(files)) byName.set(fileKey(k), v);
  async function read({ file, plugin, option }: UserFileRequest): Promise<UserFileBytes> {
    const key = fileKey(file);
    const base = key.slice(key.lastIndexOf('/') + 1);
    const hit = byName.has(key) ? key : byName.has(base) ? base : undefined;
    if (hit === undefined) {
      const have = [...byName.keys()];
      throw new FvError('DATA_NOT_FOUND', `Data file '${file}' not found among the files given to the page (${have.length ? `have: ${have.join(', ')}` : 'none given'}).`, {
        hint: `Drop the file on the page (or pick it with the file button), or change ${option}; dropped files are not kept when the page is reloaded.`,
        plugin,
      });
    }
    const bytes = byName.get(hit)!;
    checkDataFileSize(file, bytes.length, plugin);
    return { bytes, where: `the dropped file '${hit}'` };
  }
  return { kind: 'memory', read, decodeImage };
}
