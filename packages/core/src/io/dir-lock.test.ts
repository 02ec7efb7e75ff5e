import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { LOCK_FILE, acquireDirLock } from './dir-lock.js';
import { mkdirSteps } from './mkdir-steps.js';
import { checkOutputDir } from './output-dir.js';

const fresh = () => mkdtempSync(path.join(tmpdir(), 'fv-lock-unit-'));
// Made now by default: a live process that started after its lock's time is another program that got the pid again.
const writeLock = (dir: string, pid: number, host = hostname(), startedAt = new Date().toISOString()) =>
  writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid, host, command: 'fv run other', startedAt }));

describe('acquireDirLock', () => {
  it('writes pid, host and command, and release removes the file', () => {
    const dir = fresh();
    const lock = acquireDirLock(dir, 'fv run test');
    const owner = JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8'));
    expect(owner).toMatchObject({ pid: process.pid, host: hostname(), command: 'fv run test' });
    lock.release();
    lock.release();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it('refuses a folder locked by a live process, naming it', () => {
    const dir = fresh();
    writeLock(dir, process.ppid);
    expect(() => acquireDirLock(dir, 'fv run test')).toThrow(expect.objectContaining({ code: 'OUTPUT_LOCKED', exitCode: 2, message: expect.stringContaining(`pid ${process.ppid} on ${hostname()}, \`fv run other\``) }));
  });

  it('respects a lock from another host (it cannot be checked), and says how to remove it', () => {
    const dir = fresh();
    writeLock(dir, 1, 'some-other-host');
    expect(() => acquireDirLock(dir, 'fv run test')).toThrow(expect.objectContaining({ code: 'OUTPUT_LOCKED', hint: expect.stringContaining(`delete ${path.join(dir, LOCK_FILE)}`) }));
  });

  it('takes over a stale lock (same host, process gone) and an unreadable one', () => {
    for (const damage of [(d: string) => writeLock(d, 2 ** 22 + 17), (d: string) => writeFileSync(path.join(d, LOCK_FILE), '{"pid": 1')]) {
      const dir = fresh();
      damage(dir);
      const lock = acquireDirLock(dir, 'fv run test');
      expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
      lock.release();
    }
  });

  it('locks each folder on its own (the runs of a sweep)', () => {
    const root = fresh();
    const a = acquireDirLock(mkdirSteps(path.join(root, 'multirun/0')).at(-1)!, 'fv run -m (0)');
    const b = acquireDirLock(mkdirSteps(path.join(root, 'multirun/1')).at(-1)!, 'fv run -m (1)');
    expect(existsSync(path.join(root, 'multirun/0', LOCK_FILE)) && existsSync(path.join(root, 'multirun/1', LOCK_FILE))).toBe(true);
    a.release();
    b.release();
  });
});

describe('output folder checks', () => {
  it('mkdirSteps fails at once where Node\'s recursive mkdir loops forever (/proc/x/y)', () => {
    if (!existsSync('/proc/self')) return;
    expect(() => mkdirSteps('/proc/x/y')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });

  it('refuses the root, the home folder and a folder of unrelated files unless forced; accepts a previous run', () => {
    expect(() => checkOutputDir('/')).toThrow(expect.objectContaining({ code: 'OUTPUT_REFUSED' }));
    expect(() => checkOutputDir(process.env.HOME ?? '/root')).toThrow(expect.objectContaining({ code: 'OUTPUT_REFUSED' }));
    const dir = fresh();
    writeFileSync(path.join(dir, 'thesis.tex'), 'x');
    expect(() => checkOutputDir(dir)).toThrow(/holds 1 file that is not a previous run's \(thesis\.tex\)/);
    expect(() => checkOutputDir(dir, true)).not.toThrow();
    writeFileSync(path.join(dir, 'config.yaml'), 'x');
    expect(() => checkOutputDir(dir)).not.toThrow();
    expect(() => checkOutputDir(path.join(fresh(), 'new'))).not.toThrow();
  });

  it('takes over a lock whose pid is 0, negative, or now held by a process that started after the lock was made', () => {
    for (const [pid, startedAt] of [[0, undefined], [-1, undefined], [process.ppid, '2020-01-01T00:00:00Z']] as const) {
      const dir = fresh();
      writeLock(dir, pid, hostname(), startedAt);
      const lock = acquireDirLock(dir, 'fv run test');
      expect([pid, lock.owner.pid]).toEqual([pid, process.pid]);
      lock.release();
    }
  });
});
