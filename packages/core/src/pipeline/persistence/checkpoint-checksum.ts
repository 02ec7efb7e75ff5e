import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Checksums that let a resume notice a checkpoint damaged at rest (a flipped bit in a weights file or in the
 * state), which the size and finiteness checks let through: sha256 of every file the model saved, and of the
 * state itself. Checkpoints written before they existed have none, and are read as before.
 */
export interface CheckpointChecksums {
  /** File name (in the checkpoint folder) → sha256 hex. */
  files: Record<string, string>;
  /** sha256 of the state's JSON without this field. */
  state?: string;
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** Checksums of the files a model saved into `folder` (everything but the state file). */
export function fileChecksums(folder: string, stateFile: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(folder).sort()) {
    const p = path.join(folder, name);
    if (name !== stateFile && statSync(p).isFile()) files[name] = sha256(readFileSync(p));
  }
  return files;
}

/** The state's checksum: over its JSON without `checksums.state`, so that it can be stored inside the state. */
export function stateChecksum(state: object): string {
  const s = state as { checksums?: CheckpointChecksums };
  const copy = { ...s, checksums: s.checksums && { files: s.checksums.files } };
  return sha256(JSON.stringify(copy));
}

/** Why a checkpoint folder fails its checksums, or undefined when it passes (or has none to check). */
export function checksumFailure(folder: string, state: object, stateFile: string): string | undefined {
  const sums = (state as { checksums?: CheckpointChecksums }).checksums;
  if (!sums) return undefined;
  if (sums.state !== undefined && sums.state !== stateChecksum(state)) return `${stateFile} does not match its checksum`;
  for (const [name, want] of Object.entries(sums.files ?? {})) {
    let got: string;
    try {
      got = sha256(readFileSync(path.join(folder, path.basename(name))));
    } catch {
      return `${name} is missing`;
    }
    if (got !== want) return `${name} does not match its checksum`;
  }
  return undefined;
}
