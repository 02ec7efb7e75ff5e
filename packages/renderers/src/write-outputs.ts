/**
 * Writes a renderer's files only after every one of them rendered, each atomically (temp file + rename), so that
 * a failing plot leaves the old pictures in place and never a half-written one.
 */
import path from 'node:path';
import { ensureWritableDir, writeFileAtomic } from '@flow-visualizer/core/node';

export interface OutputFile {
  /** File name inside the output folder, e.g. `comparison.png`. */
  name: string;
  data: string | Uint8Array;
}

/** Writes the files into `outDir` (created when missing) and returns their paths. Throws OUTPUT_UNWRITABLE. */
export async function writeOutputs(outDir: string, files: readonly OutputFile[]): Promise<string[]> {
  await ensureWritableDir(outDir);
  const written: string[] = [];
  for (const f of files) {
    const file = path.join(outDir, f.name);
    await writeFileAtomic(file, f.data);
    written.push(file);
  }
  return written;
}
