import { hostname } from 'node:os';
import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FvError } from '../errors.js';
import { outputError } from './atomic-write.js';

/** The lock file inside a locked output folder. */
export const LOCK_FILE = '.fv-lock';

/** Who holds a folder: written into the lock file. */
export interface LockOwner {
  pid: number;
  host: string;
  /** What the owner is doing, e.g. "fv run --config configs/trex.yaml". */
  command: string;
  startedAt: string;
}

export interface DirLock {
  readonly file: string;
  readonly owner: LockOwner;
  /** Removes the lock (only if it is still ours); safe to call twice. */
  release(): void;
}

function readOwner(file: string): LockOwner | undefined {
  try {
    const o = JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
    return Number.isInteger(o.pid) && typeof o.host === 'string' ? o : undefined;
  } catch {
    return undefined;
  }
}

/** Is process `pid` alive on this host? (EPERM: it exists but belongs to someone else.) */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const held = new Map<string, DirLock>();
let exitHookInstalled = false;

/**
 * Locks the folder `dir` (which must exist) for one run: a lock file holding the owner's pid, host, command and
 * start time, created atomically (written to a temp file, then hard-linked into place, which fails if a lock is
 * there, so a reader never sees half a lock). A lock whose process is gone (same host, pid not alive) is stale
 * and taken over; a live one is OUTPUT_LOCKED (exit 2) naming its owner. A lock from another host cannot be
 * checked and is respected (the message says how to remove it). Released on `release()` and on process exit.
 * Each folder has its own lock, so the runs of a sweep (one folder each) lock independently.
 */
export function acquireDirLock(dir: string, command: string): DirLock {
  const abs = path.resolve(dir);
  const file = path.join(abs, LOCK_FILE);
  const mine = held.get(file);
  if (mine) return mine;
  const owner: LockOwner = { pid: process.pid, host: hostname(), command, startedAt: new Date().toISOString() };
  const tmp = path.join(abs, `${LOCK_FILE}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, JSON.stringify(owner, null, 2) + '\n');
  } catch (e) {
    throw outputError(abs, e);
  }
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(tmp, file);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw outputError(file, e);
      }
      const other = readOwner(file);
      if (other && (other.host !== owner.host || alive(other.pid))) throw lockedError(abs, file, other);
      // Stale (its process is gone) or unreadable: move it aside under a unique name (so that two runs taking
      // over the same stale lock cannot both succeed: only one rename finds it), then try again.
      try {
        renameSync(file, `${file}.stale-${process.pid}`);
        rmSync(`${file}.stale-${process.pid}`, { force: true });
      } catch {
        // Someone else moved it first; the next link attempt decides.
      }
    }
  } finally {
    rmSync(tmp, { force: true });
  }
  const lock: DirLock = {
    file,
    owner,
    release() {
      if (!held.has(file)) return;
      held.delete(file);
      const now = readOwner(file);
      if (now && now.pid === owner.pid && now.host === owner.host) rmSync(file, { force: true });
    },
  };
  held.set(file, lock);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // process.exit (a second Ctrl-C) skips finally blocks; the exit event still runs synchronous code.
    process.on('exit', releaseAllLocks);
  }
  return lock;
}

/** Releases every lock this process holds (the cli calls it when a command ends). */
export function releaseAllLocks(): void {
  for (const l of [...held.values()]) l.release();
}

function lockedError(dir: string, file: string, o: LockOwner): FvError {
  const rel = path.relative(process.cwd(), dir);
  const shown = rel && !rel.startsWith('..') ? rel : dir;
  const sameHost = o.host === hostname();
  return new FvError('OUTPUT_LOCKED', `Output folder ${shown} is in use by another fv (pid ${o.pid} on ${o.host}, \`${o.command}\`, since ${o.startedAt}).`, {
    hint: sameHost
      ? `Wait for it to finish, or choose another folder with output.dir=<folder>.`
      : `Wait for it to finish, or choose another folder with output.dir=<folder>. If that process is gone, delete ${file}.`,
  });
}
