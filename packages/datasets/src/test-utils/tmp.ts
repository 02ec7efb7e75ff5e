/** Real files with bad contents for the error tests, in a fresh temporary folder. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function tmpDirWith(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fv-datasets-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}

/** Runs `f` and returns the FvError it throws (fails the test when it does not throw). */
export async function caught(f: () => unknown): Promise<{ code: string; message: string; hint?: string; exitCode: number }> {
  try {
    await f();
  } catch (e) {
    return e as { code: string; message: string; hint?: string; exitCode: number };
  }
  throw new Error('expected an error, none was thrown');
}
