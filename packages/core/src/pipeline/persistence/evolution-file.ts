import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../../io/atomic-write.js';
import type { EvolutionSnapshot } from '../training/evolution.js';

export type { EvolutionSnapshot };

/** Writes the training record as JSON ({epoch, sliced_w1, sliced_w1_floor, x: [x0, y0, …]} per snapshot, 4 decimals); returns the file. */
export async function writeEvolution(file: string, snapshots: readonly EvolutionSnapshot[]): Promise<string> {
  const rows = snapshots.map((s) => ({ epoch: s.epoch, sliced_w1: s.sliced_w1, ...(s.sliced_w1_floor !== undefined ? { sliced_w1_floor: s.sliced_w1_floor } : {}), x: Array.from(s.x, (v) => Math.round(v * 1e4) / 1e4) }));
  await writeFileAtomic(file, JSON.stringify({ snapshots: rows }) + '\n');
  return file;
}

/** The record a training run left, or undefined when there is none or it cannot be read (it is only for pictures). */
export async function readEvolution(file: string): Promise<EvolutionSnapshot[] | undefined> {
  if (!existsSync(file)) return undefined;
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as { snapshots?: { epoch: number; sliced_w1: number; sliced_w1_floor?: number; x: number[] }[] };
    if (!Array.isArray(raw.snapshots)) return undefined;
    return raw.snapshots
      .filter((s) => Number.isInteger(s.epoch) && Array.isArray(s.x) && s.x.length % 2 === 0)
      .map((s) => ({ epoch: s.epoch, sliced_w1: Number(s.sliced_w1), ...(typeof s.sliced_w1_floor === 'number' ? { sliced_w1_floor: s.sliced_w1_floor } : {}), x: Float32Array.from(s.x, (v) => (typeof v === 'number' ? v : NaN)) }));
  } catch {
    return undefined;
  }
}
