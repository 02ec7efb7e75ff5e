import { nativeThreads, trainChunks, usableThreads, workerScript } from '../model/parallel/threads.js';
import type { NetKind } from '../model/net.js';

/** How wasm/cpu/native training uses the cores, for the probe's line in `fv doctor` and the backend choice. */
export function threadsNote(kind: NetKind): string {
  const chunks = trainChunks(kind);
  if (kind === 'native') {
    const pool = nativeThreads(), train = Math.min(pool, chunks);
    return `each batch in ${chunks} part${chunks > 1 ? 's' : ''} on ${train} thread${train > 1 ? 's' : ''}, sampling on ${pool} (FV_THREADS=<n> to change)`;
  }
  const threads = workerScript() ? Math.min(chunks, usableThreads()) : 1;
  return `each batch in ${chunks} part${chunks > 1 ? 's' : ''} on ${threads} thread${threads > 1 ? 's' : ''} (FV_THREADS=<n> to change)`;
}
