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

/**
 * Is the lock's process alive on this host? (EPERM: it exists but belongs to someone else.) pid 0 and negative
 * pids name process groups, never a lock's owner: not alive. Where /proc tells when a process started (Linux), a
 * process that started after the lock was taken is another program that got the pid again: not the owner.
 */
function ownerAlive(o: LockOwner): boolean {
  if (!Number.isInteger(o.pid) || o.pid <= 0) return false;
  try {
    process.kill(o.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const started = processStartMs(o.pid);
  const locked = Date.parse(o.startedAt);
  // Two seconds of slack: /proc gives the boot time in whole seconds; an owner writes its lock seconds after it starts.
  return started === undefined || !Number.isFinite(locked) || started <= locked + 2000;
}

/** When process `pid` started (ms since the epoch), from /proc; undefined where there is no /proc. */
function processStartMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its closing parenthesis.
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    const boot = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    // USER_HZ is 100 on every Linux ABI Node runs on.
    return Number.isFinite(ticks) && Number.isFinite(boot) ? boot * 1000 + ticks * 10 : undefined;
  } catch {
    return undefined;
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
      if (other && (other.host !== owner.host || ownerAlive(other))) throw lockedError(abs, file, other);
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
      ? `Wait for it to finish, or choose another folder with output.dir=<folder>. If \`ps -p ${o.pid} -o args\` shows no fv, the lock is stale: delete ${file}.`
      : `Wait for it to finish, or choose another folder with output.dir=<folder>. If that fv is gone (check on ${o.host}), delete ${file}.`,
  });
}
