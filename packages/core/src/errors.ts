/**
 * Every failure that a user can act on is an FvError: a stable `code` that tests assert on, a message that says
 * what is wrong, and a hint that says how to fix it. The cli prints message + hint, never a stack trace
 * (unless --verbose), and exits with `exitCode`: 2 for bad input, 1 for everything else.
 */
export type FvErrorCode =
  | 'CONFIG_NOT_FOUND'
  | 'CONFIG_PARSE'
  | 'CONFIG_INVALID'
  | 'CONFIG_EXTENDS_CYCLE'
  | 'OVERRIDE_INVALID'
  | 'UNKNOWN_PLUGIN'
  | 'PLUGIN_OPTIONS'
  | 'PLUGIN_LOAD'
  | 'PLUGIN_CONFLICT'
  | 'BACKEND_UNAVAILABLE'
  | 'DATA_NOT_FOUND'
  | 'DATA_INVALID'
  | 'MODEL_NOT_FOUND'
  | 'MODEL_INVALID'
  | 'OUTPUT_UNWRITABLE'
  | 'OUTPUT_LOCKED'
  | 'OUTPUT_REFUSED'
  | 'RESOURCE_LIMIT'
  | 'PLUGIN_FAILED'
  | 'CHECKPOINT_MISMATCH'
  | 'NON_FINITE'
  | 'USAGE'
  | 'LIKELIHOOD_UNAVAILABLE'
  | 'INTERRUPTED'
  | 'RENDER_FAILED'
  | 'RUNS_FAILED'
  | 'LAUNCHER_UNAVAILABLE'
  | 'SWEEP_NOT_SHARED'
  | 'INTERNAL';

const EXIT_ONE: ReadonlySet<FvErrorCode> = new Set(['INTERNAL', 'RENDER_FAILED', 'INTERRUPTED', 'RUNS_FAILED']);

export interface FvErrorOptions {
  hint?: string;
  plugin?: string;
  cause?: unknown;
  exitCode?: number;
}

export class FvError extends Error {
  readonly code: FvErrorCode;
  readonly hint?: string;
  readonly plugin?: string;
  readonly exitCode: number;

  constructor(code: FvErrorCode, message: string, options: FvErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FvError';
    this.code = code;
    this.hint = options.hint;
    this.plugin = options.plugin;
    this.exitCode = options.exitCode ?? (EXIT_ONE.has(code) ? 1 : 2);
  }
}

export function isFvError(e: unknown): e is FvError {
  return e instanceof Error && (e as FvError).name === 'FvError' && typeof (e as FvError).code === 'string';
}

/** Message of any thrown value, for wrapping foreign errors into an FvError. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
