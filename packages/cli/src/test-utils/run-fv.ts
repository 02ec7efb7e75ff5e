import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const REPO_ROOT = path.resolve(CLI_DIR, '../..');
export const FV_BIN = path.join(CLI_DIR, 'bin/fv.js');

export interface FvRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `fv` binary as a user would, in `cwd` (the repo root by default), without a TTY. */
export function runFv(args: string[], opts: { cwd?: string; timeoutMs?: number; env?: Record<string, string> } = {}): FvRun {
  const r = spawnSync(process.execPath, [FV_BIN, ...args], {
    cwd: opts.cwd ?? REPO_ROOT,
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 300_000,
    env: { ...process.env, FORCE_COLOR: '0', ...opts.env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function tmpDir(prefix = 'fv-cli-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** A stack trace line, which the user must never see without --verbose. */
export const STACK_LINE = /^\s+at .+\(.+:\d+:\d+\)$|^\s+at file:/m;
