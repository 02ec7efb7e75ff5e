/**
 * The user-file reader of Node hosts (the cli, library users): files on disk, resolved against the config's
 * folder, read with core's size cap; images decoded by @napi-rs/canvas (Skia). Node-only: reached through
 * `@flow-visualizer/datasets/node`, never from the main entry.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { FvError, errorMessage, fitImageSide, type DecodedImage, type UserFileBytes, type UserFileRequest, type UserFiles } from '@flow-visualizer/core';
import { READ_LIMITS, readFileCapped } from '@flow-visualizer/core/node';

/** Resolves `file` against `baseDir` (the working directory when none). */
export function resolveUserPath(file: string, baseDir: string): string {
  return path.resolve(baseDir || process.cwd(), file);
}

async function readFromDisk({ file, baseDir, plugin, option }: UserFileRequest): Promise<UserFileBytes> {
  const abs = resolveUserPath(file, baseDir);
  let info;
  try {
    info = await stat(abs);
  } catch {
    throw new FvError('DATA_NOT_FOUND', `Data file '${file}' not found (looked at ${abs}).`, {
      hint: `Check the path in ${option}; a relative path is resolved against the config file's folder (${baseDir || process.cwd()}).`,
      plugin,
    });
  }
  if (info.isDirectory()) {
    throw new FvError('DATA_INVALID', `Data file '${file}' is a folder (${abs}), not a file.`, { hint: `Point ${option} at a file inside it.`, plugin });
  }
  try {
    // Capped, and only regular files: /dev/zero or a FIFO would be read until memory runs out.
    return { bytes: readFileCapped(abs, READ_LIMITS.data, `Data file '${file}' at`), where: abs };
  } catch (e) {
    if (e instanceof FvError) throw new FvError(e.code, e.message, { hint: `Point ${option} at an ordinary data file (CSV, JSON, SVG, PNG or JPEG).`, plugin });
    throw new FvError('DATA_INVALID', `Data file '${file}' could not be read (${abs}): ${errorMessage(e)}`, { hint: 'Check its permissions.', plugin, cause: e });
  }
}

async function decodeWithSkia(bytes: Uint8Array, maxSide: number): Promise<DecodedImage> {
  const img = await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (!(img.width > 0 && img.height > 0)) return { rgba: new Uint8ClampedArray(0), width: img.width || 0, height: img.height || 0 };
  const { width, height } = fitImageSide(img.width, img.height, maxSide);
  const g = createCanvas(width, height).getContext('2d');
  g.drawImage(img, 0, 0, width, height);
  return { rgba: g.getImageData(0, 0, width, height).data, width, height };
}

/** Reads the user's files from disk (what the cli passes as PluginContext.files). */
export function nodeUserFiles(): UserFiles {
  return { kind: 'disk', read: readFromDisk, decodeImage: decodeWithSkia };
}
