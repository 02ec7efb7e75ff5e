import { nativeThreads, trainChunks, usableThreads, workerScript } from '../model/parallel/threads.js';
import type { NetKind } from '../model/net.js';

/** How wasm/cpu/native training uses the cores, for the probe's line in `fv doctor` and the backend choice. */
export function threadsNote(kind: NetKind): string {
  const chunks = trainChunks(kind);
  if (kind === 'native') {
    const pool = nativeThreads(), train = Math.min(pool, chunks);
    if (pool === 1) return `each batch in ${chunks} part${chunks > 1 ? 's' : ''} on 1 thread, sampling on 1 (FV_THREADS=<n> to change)`;
    return `each batch in ${chunks} part${chunks > 1 ? 's' : ''} on up to ${train} thread${train > 1 ? 's' : ''}, sampling on up to ${pool} ` +
      '(1 or all, whichever runs faster here, measured as it goes; FV_THREADS=<n> to change)';
  }
  const threads = workerScript() ? Math.min(chunks, usableThreads()) : 1;
  return `each batch in ${chunks} part${chunks > 1 ? 's' : ''} on ${threads} thread${threads > 1 ? 's' : ''} (FV_THREADS=<n> to change)`;
}
