import { isFvError } from '@flow-visualizer/core';

export interface Reporter {
  err(line: string): void;
}

/**
 * The one place that turns a failure into what the user sees: the message and a hint, no stack trace unless
 * --verbose, and the exit status (2 for bad input, 1 for the rest).
 */
export function reportError(e: unknown, verbose: boolean, out: Reporter = { err: (l) => process.stderr.write(l + '\n') }): number {
  if (isFvError(e)) {
    out.err(`fv: error: ${e.message}`);
    if (e.hint) out.err(`  hint: ${e.hint}`);
    if (e.plugin) out.err(`  plugin: ${e.plugin}`);
    if (verbose) out.err(String(e.stack ?? ''));
    if (verbose && e.cause) out.err(`caused by: ${String((e.cause as Error)?.stack ?? e.cause)}`);
    return e.exitCode;
  }
  const message = e instanceof Error ? e.message : String(e);
  out.err(`fv: unexpected error: ${message}`);
  if (verbose) out.err(String((e as Error)?.stack ?? ''));
  else out.err('  hint: run again with --verbose for the stack trace, and report it if it persists.');
  return 1;
}
