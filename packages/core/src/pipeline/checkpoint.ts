import { existsSync, readFileSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { FvError, errorMessage } from '../errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import type { VelocityBackend } from '../ports/backend.js';
import type { VelocityModel } from '../ports/velocity-model.js';

/** What a resumable checkpoint records beside the model and its optimizer state. */
export interface CheckpointState {
  epochsDone: number;
  nEpochs: number;
  lossHistory: number[];
  trainSeconds: number;
  backend: string;
  savedAt: string;
}

const STATE_FILE = 'training_state.json';

/**
 * Writes model + optimizer state + training state as one unit: everything goes into a fresh sibling folder first,
 * which then replaces the old checkpoint by rename. A crash at any moment leaves the last good checkpoint
 * (under its name, or as `<dir>.old` during the swap, which loadCheckpoint also accepts).
 */
export async function saveCheckpoint(model: VelocityModel, state: CheckpointState, dir: string): Promise<void> {
  const tmp = `${dir}.tmp-${process.pid}`;
  const old = `${dir}.old`;
  await rm(tmp, { recursive: true, force: true });
  await model.save(tmp);
  await writeFileAtomic(path.join(tmp, STATE_FILE), JSON.stringify(state, null, 2) + '\n');
  await rm(old, { recursive: true, force: true });
  if (existsSync(dir)) await rename(dir, old);
  await rename(tmp, dir);
  await rm(old, { recursive: true, force: true });
}

/** Loads a checkpoint written by saveCheckpoint; MODEL_NOT_FOUND when there is none. */
export async function loadCheckpoint(backend: VelocityBackend, dir: string): Promise<{ model: VelocityModel; state: CheckpointState }> {
  const use = existsSync(path.join(dir, STATE_FILE)) ? dir : existsSync(path.join(`${dir}.old`, STATE_FILE)) ? `${dir}.old` : undefined;
  if (!use) {
    throw new FvError('MODEL_NOT_FOUND', `No checkpoint to resume from in ${path.relative(process.cwd(), dir) || dir}.`, {
      hint: 'Train first (fv train --config …); with the same output.dir, --resume continues that run.',
    });
  }
  let state: CheckpointState;
  try {
    state = JSON.parse(readFileSync(path.join(use, STATE_FILE), 'utf8')) as CheckpointState;
  } catch (e) {
    throw new FvError('MODEL_INVALID', `The checkpoint state in ${use} is unreadable: ${errorMessage(e)}.`, {
      hint: 'Delete the checkpoint folder and train again.',
    });
  }
  const model = await backend.loadModel(use);
  return { model, state };
}
