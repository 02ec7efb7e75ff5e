import { errorMessage, isFvError } from '@flow-visualizer/core';
import type { KeyedError } from '../worker/protocol.js';
import { forThePage } from './page-words.js';

/**
 * Splits a failure into one message per config key, so that each shows beside its control. FvError messages of
 * config validation name the key first, in quotes (`'training.batch_size' must be ≥ 1, got 0.`), one line per
 * problem; a message naming no key goes to `fallbackKey`.
 */
/** A config key anywhere in a message: "(visualization.integrator)", "training.device=webgl". */
const KEY = /\b((?:data|source|model|training|flow|visualization)\.[a-z0-9_]+(?:\.[a-z0-9_]+)*)/;

export function keyedErrors(e: unknown, fallbackKey = ''): KeyedError[] {
  // Said for the page: a terminal's hints (fv list …, --verbose) mean nothing here.
  const hint = isFvError(e) && e.hint ? forThePage(e.hint) : undefined;
  const text = forThePage(errorMessage(e));
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^Invalid configuration:?$/.test(l) && !l.startsWith('… and'));
  const out: KeyedError[] = [];
  for (const line of lines.length ? lines : [text]) {
    const m = /'([a-z_]+(?:\.[a-z0-9_]+)+)'/.exec(line) ?? KEY.exec(line);
    out.push({ key: m ? m[1] : fallbackKey, message: line, ...(hint ? { hint } : {}) });
  }
  return out;
}
