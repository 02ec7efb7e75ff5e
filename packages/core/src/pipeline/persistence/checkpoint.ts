import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { FvError, errorMessage } from '../../errors.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { readFileCapped } from '../../io/read-capped.js';
import type { VelocityBackend } from '../../ports/backend.js';
import type { VelocityModel } from '../../ports/velocity-model.js';
import { checksumFailure, fileChecksums, stateChecksum, type CheckpointChecksums } from './checkpoint-checksum.js';

/** What a resumable checkpoint records beside the model and its optimizer state. */
export interface CheckpointState {
  epochsDone: number;
  nEpochs: number;
  lossHistory: number[];
  trainSeconds: number;
  backend: string;
  savedAt: string;
  /**
   * The settings that decide what training does (data, model, objective, optimiser, seed), so that a resume with
   * other settings is noticed. Absent in checkpoints written before it existed (then nothing is compared).
   */
  config?: Record<string, unknown>;
  /** sha256 of the model's files and of this state (absent in checkpoints written before they existed). */
  checksums?: CheckpointChecksums;
}

const STATE_FILE = 'training_state.json';

/** The steps of the swap, in order; a test kills the process at each of them. */
export type CheckpointStep = 'written' | 'old-moved-aside' | 'new-in-place' | 'done';

/**
 * Writes model + optimizer state + training state as one unit. The state file is written last, so a folder that
 * holds it is complete. The swap keeps a loadable checkpoint at every instant:
 *   1. everything goes into `<dir>.tmp-<pid>` (state file last);
 *   2. the current checkpoint is renamed to `<dir>.old`;
 *   3. the new one is renamed to `<dir>`;
 *   4. `<dir>.old` is kept: the previous checkpoint, which a resume falls back to when `<dir>` fails its checksums.
 * A crash between 2 and 3 leaves a complete `.old` and a complete `.tmp-<pid>`: loadCheckpoint takes the newer,
 * and the next save first puts it back in place (so step 2 never deletes the only good copy).
 * `onStep` is for tests (to kill the process at each step).
 */
export async function saveCheckpoint(model: VelocityModel, state: CheckpointState, dir: string, onStep?: (step: CheckpointStep) => void | Promise<void>): Promise<void> {
  await recoverCheckpoint(dir);
  const tmp = `${dir}.tmp-${process.pid}`;
  const old = `${dir}.old`;
  await rm(tmp, { recursive: true, force: true });
  await model.save(tmp);
  const summed: CheckpointState = { ...state, checksums: { files: fileChecksums(tmp, STATE_FILE) } };
  summed.checksums!.state = stateChecksum(summed);
  await writeFileAtomic(path.join(tmp, STATE_FILE), JSON.stringify(summed, null, 2) + '\n');
  await onStep?.('written');
  if (existsSync(dir)) {
    await rm(old, { recursive: true, force: true });
    await rename(dir, old);
    await onStep?.('old-moved-aside');
  }
  await rename(tmp, dir);
  await onStep?.('new-in-place');
  await removeStaleTemps(dir);
  await onStep?.('done');
}

/** Complete checkpoint folders of an interrupted swap (`.old`, `.tmp-<pid>`), newest (most epochs) first. */
function leftovers(dir: string): { folder: string; epochsDone: number }[] {
  const parent = path.dirname(dir);
  const base = path.basename(dir);
  if (!existsSync(parent)) return [];
  const found: { folder: string; epochsDone: number }[] = [];
  for (const name of readdirSync(parent)) {
    if (name !== `${base}.old` && !name.startsWith(`${base}.tmp-`)) continue;
    const folder = path.join(parent, name);
    const epochs = readEpochs(folder);
    if (epochs !== undefined) found.push({ folder, epochsDone: epochs });
  }
  return found.sort((a, b) => b.epochsDone - a.epochsDone);
}

function readEpochs(folder: string): number | undefined {
  try {
    const s = JSON.parse(readFileSync(path.join(folder, STATE_FILE), 'utf8')) as CheckpointState;
    return Number.isInteger(s.epochsDone) ? s.epochsDone : undefined;
  } catch {
    return undefined;
  }
}

/** When `<dir>` is missing after a crash mid-swap, puts the newest complete leftover in its place. */
async function recoverCheckpoint(dir: string): Promise<void> {
  if (existsSync(path.join(dir, STATE_FILE))) return;
  const best = leftovers(dir)[0];
  if (!best) return;
  await rm(dir, { recursive: true, force: true });
  await rename(best.folder, dir);
}

async function removeStaleTemps(dir: string): Promise<void> {
  const parent = path.dirname(dir);
  const base = path.basename(dir);
  for (const name of readdirSync(parent)) {
    if (name.startsWith(`${base}.tmp-`)) await rm(path.join(parent, name), { recursive: true, force: true });
  }
}

/** The folder loadCheckpoint reads: `<dir>` when complete, else the newest complete leftover of a swap. */
export function checkpointFolder(dir: string): string | undefined {
  if (existsSync(path.join(dir, STATE_FILE))) return dir;
  return leftovers(dir)[0]?.folder;
}

/**
 * Loads a checkpoint written by saveCheckpoint; MODEL_NOT_FOUND when there is none, MODEL_INVALID when damaged.
 * A checkpoint that fails its checksums (or whose state is damaged) gives way to the newest complete one that
 * passes (the previous checkpoint kept as `<dir>.old`, a swap's leftovers); `recovered` then says why.
 */
export async function loadCheckpoint(backend: VelocityBackend, dir: string): Promise<{ model: VelocityModel; state: CheckpointState; recovered?: string }> {
  const use = checkpointFolder(dir);
  if (!use) {
    throw new FvError('MODEL_NOT_FOUND', `No checkpoint to resume from in ${path.relative(process.cwd(), dir) || dir}.`, {
      hint: 'Train first (fv train --config …); with the same output.dir, --resume continues that run.',
    });
  }
  const candidates = [use, ...leftovers(dir).map((l) => l.folder).filter((f) => f !== use)];
  let first: FvError | undefined;
  for (const folder of candidates) {
    try {
      const state = readCheckpointState(folder);
      const failure = checksumFailure(folder, state, STATE_FILE);
      if (failure) throw damaged(folder, failure);
      const model = await backend.loadModel(folder);
      const recovered = first && `${first.message} Resuming from the previous checkpoint in ${shownPath(folder)} (epoch ${state.epochsDone}).`;
      return { model, state, recovered };
    } catch (e) {
      if (!(e instanceof FvError) || e.code !== 'MODEL_INVALID') throw e;
      first ??= e;
    }
  }
  throw first!;
}

const shownPath = (p: string) => path.relative(process.cwd(), p) || p;

function damaged(folder: string, why: string): FvError {
  return new FvError('MODEL_INVALID', `The checkpoint in ${shownPath(folder)} is damaged: ${why}.`, {
    hint: `Delete ${shownPath(folder)} and train again (fv train without --resume).`,
  });
}

/** Reads and checks training_state.json: a damaged one is MODEL_INVALID, never a resume from wrong numbers. */
export function readCheckpointState(folder: string): CheckpointState {
  const file = path.join(folder, STATE_FILE);
  const shown = path.relative(process.cwd(), file) || file;
  const bad = (why: string, cause?: unknown) =>
    new FvError('MODEL_INVALID', `The checkpoint state ${shown} is damaged: ${why}.`, {
      hint: `Delete ${path.relative(process.cwd(), folder) || folder} and train again (fv train without --resume).`,
      cause,
    });
  let raw: unknown;
  try {
    raw = JSON.parse(readFileCapped(file, 64 * 1024 * 1024, 'The checkpoint state').toString('utf8'));
  } catch (e) {
    if (e instanceof FvError) throw e;
    throw bad(`it is not valid JSON (${errorMessage(e)})`, e);
  }
  const s = raw as Partial<CheckpointState> | null;
  if (!s || typeof s !== 'object' || Array.isArray(s)) throw bad('it is not a JSON object');
  if (!Number.isInteger(s.epochsDone) || (s.epochsDone as number) < 0) throw bad(`epochsDone is ${JSON.stringify(s.epochsDone)}, not a count of epochs`);
  if (!Array.isArray(s.lossHistory)) throw bad('lossHistory is not a list');
  if (s.lossHistory.length !== s.epochsDone) throw bad(`lossHistory has ${s.lossHistory.length} losses but epochsDone is ${s.epochsDone}`);
  const i = s.lossHistory.findIndex((l) => typeof l !== 'number' || !Number.isFinite(l));
  if (i >= 0) throw bad(`loss ${i + 1} is ${JSON.stringify(s.lossHistory[i])}, not a finite number`);
  if (typeof s.trainSeconds !== 'number' || !Number.isFinite(s.trainSeconds) || s.trainSeconds < 0) throw bad('trainSeconds is not a number of seconds');
  if (s.config !== undefined && (typeof s.config !== 'object' || s.config === null || Array.isArray(s.config))) throw bad('config is not an object');
  return s as CheckpointState;
}
