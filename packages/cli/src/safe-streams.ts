/**
 * A run's results must not depend on whether anyone reads its log. When stdout or stderr is closed under us
 * (`fv run | head -1`: EPIPE) or its file cannot take more (`> /dev/full`: ENOSPC), Node emits an 'error' on the
 * stream, which, unhandled, kills the process in the middle of training. Here such a stream is marked dead: later
 * writes are dropped (they report success, so nobody waits for a 'drain' that never comes) and the job goes on.
 */

const DEAD_CODES = new Set(['EPIPE', 'ENOSPC', 'EIO', 'ECONNRESET', 'EBADF', 'ERR_STREAM_DESTROYED', 'EDQUOT', 'EFBIG']);

type Writable = NodeJS.WriteStream | (NodeJS.WritableStream & { write: (...a: unknown[]) => boolean });

const guarded = new WeakSet<object>();
const dead = new WeakSet<object>();

/** Whether a guarded stream has been found closed or full (its output is being dropped). */
export function isStreamDead(stream: object): boolean {
  return dead.has(stream);
}

/** Makes `stream` survive EPIPE/ENOSPC: the first such error silences it; other errors are rethrown as before. */
export function guardStream(stream: Writable): void {
  if (guarded.has(stream)) return;
  guarded.add(stream);
  const write = stream.write.bind(stream) as (...a: unknown[]) => boolean;
  const kill = () => dead.add(stream);
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (DEAD_CODES.has(String(e?.code))) {
      kill();
      return;
    }
    // Anything else is unexpected: keep Node's behaviour (an uncaught error) rather than hide it.
    throw e;
  });
  (stream as { write: (...a: unknown[]) => boolean }).write = (...args: unknown[]) => {
    if (dead.has(stream)) {
      const cb = args.find((a) => typeof a === 'function') as ((e?: Error | null) => void) | undefined;
      cb?.(null);
      return true;
    }
    try {
      return write(...args);
    } catch (e) {
      // Synchronous file streams (a redirect to a file) may throw instead of emitting.
      if (DEAD_CODES.has(String((e as NodeJS.ErrnoException)?.code))) {
        kill();
        return true;
      }
      throw e;
    }
  };
}

/** Guards the process's stdout and stderr (called once by the cli's entry point). */
export function guardStdio(): void {
  guardStream(process.stdout);
  guardStream(process.stderr);
}
