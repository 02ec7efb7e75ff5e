import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { FV_BIN, REPO_ROOT, runFv, tmpDir, STACK_LINE } from '../test-utils/run-fv.js';
import { TINY } from '../test-utils/tiny-run.js';

function start(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [FV_BIN, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** One output.dir, one run at a time: a lock file with the owner's pid and host; stale locks are taken over. */
describe('the output folder is locked for the run', () => {
  it('two runs started at once on one folder: one finishes, the other fails at once naming it, the folder is consistent', async () => {
    const out = path.join(tmpDir('fv-lock-'), 'run');
    const [a, b] = await Promise.all([start(['run', ...TINY, `output.dir=${out}`, 'training.seed=1']), start(['run', ...TINY, `output.dir=${out}`, 'training.seed=2'])]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([0, 2]);
    const [winner, loser] = a.status === 0 ? [a, b] : [b, a];
    const winnerSeed = a.status === 0 ? 1 : 2;
    expect(loser.stderr).toMatch(/^fv: error: Output folder \/tmp\/fv-lock-.*\/run is in use by another fv \(pid \d+ on .+, `fv run data\.name=moons .*`, since \d{4}-/);
    expect(loser.stderr).toMatch(/hint: Wait for it to finish, or choose another folder/);
    expect(loser.stderr).not.toMatch(STACK_LINE);
    expect(loser.stdout).not.toMatch(/^epoch /m);
    expect(winner.stderr).toBe('');
    // The folder holds one run: the config beside the model is the winner's.
    expect(readFileSync(path.join(out, 'config.yaml'), 'utf8')).toMatch(new RegExp(`seed: ${winnerSeed}\\b`));
    const state = JSON.parse(readFileSync(path.join(out, 'models/checkpoint/training_state.json'), 'utf8'));
    expect(state.config.training.seed).toBe(winnerSeed);
    expect(existsSync(path.join(out, 'metrics.json'))).toBe(true);
    expect(existsSync(path.join(out, '.fv-lock'))).toBe(false);
  });

  it('a stale lock (its process is gone) is taken over', () => {
    const out = path.join(tmpDir('fv-stale-'), 'run');
    mkdirSync(out, { recursive: true });
    // A pid far above any pid_max default: no such process.
    writeFileSync(path.join(out, '.fv-lock'), JSON.stringify({ pid: 2 ** 22 + 17, host: hostname(), command: 'fv run (crashed)', startedAt: '2020-01-01T00:00:00Z' }));
    const r = runFv(['run', ...TINY, `output.dir=${out}`]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(existsSync(path.join(out, '.fv-lock'))).toBe(false);
  });

  it('pid 0, pid -1 and a pid that another process took after the lock was made: stale, taken over', () => {
    const out = path.join(tmpDir('fv-reused-'), 'run');
    mkdirSync(out, { recursive: true });
    // A process that started after the lock's time holds the pid now: not the fv that made the lock.
    const other = spawn('sleep', ['60']);
    try {
      for (const pid of [0, -1, other.pid!]) {
        writeFileSync(path.join(out, '.fv-lock'), JSON.stringify({ pid, host: hostname(), command: 'fv run (crashed)', startedAt: '2020-01-01T00:00:00Z' }));
        const r = runFv(['train', ...TINY, `output.dir=${out}`, 'training.n_epochs=1']);
        expect([pid, r.stderr, r.status]).toEqual([pid, '', 0]);
        expect(existsSync(path.join(out, '.fv-lock'))).toBe(false);
      }
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('fv sample and fv compare-solvers do not run beside a live fv on the folder; the hint says how to clear a stale lock', () => {
    const out = path.join(tmpDir('fv-sample-lock-'), 'run');
    expect(runFv(['train', ...TINY, `output.dir=${out}`, 'training.n_epochs=1']).status).toBe(0);
    // This test's own process, since now: alive, and the lock's owner.
    writeFileSync(path.join(out, '.fv-lock'), JSON.stringify({ pid: process.pid, host: hostname(), command: 'fv train (the test)', startedAt: new Date().toISOString() }));
    for (const args of [['sample', '--n', '50'], ['compare-solvers', '--n', '50']]) {
      const r = runFv([...args, ...TINY, `output.dir=${out}`]);
      expect([args[0], r.status]).toEqual([args[0], 2]);
      expect(r.stderr).toMatch(/^fv: error: Output folder .*run is in use by another fv \(pid \d+ on .*fv train \(the test\)/);
      expect(r.stderr).toMatch(new RegExp(`hint: .*If \`ps -p ${process.pid} -o args\` shows no fv, the lock is stale: delete .*\\.fv-lock`));
      expect(r.stderr).not.toMatch(STACK_LINE);
    }
  });

  it('a sweep killed with SIGKILL: its runs stop (checkpointed), and an immediate --resume finishes every run', async () => {
    const out = path.join(tmpDir('fv-sweep-kill-'), 'sweep');
    const args = ['run', '-m', '--jobs', '2', ...TINY, 'data.n_samples=2000', 'training.n_epochs=2000', 'visualization.renderers=[report]', 'training.seed=1,2', `output.dir=${out}`];
    const sweep = spawn(process.execPath, [FV_BIN, ...args], { cwd: REPO_ROOT, stdio: 'ignore' });
    const locks = [0, 1].map((k) => path.join(out, 'multirun', String(k), '.fv-lock'));
    const pids: number[] = [];
    // Both runs training: each holds its lock and has logged an epoch.
    for (let i = 0; i < 600 && pids.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const logs = [0, 1].map((k) => path.join(out, 'multirun', String(k), 'run.log'));
      if (locks.every(existsSync) && logs.every((f) => existsSync(f) && /epoch/.test(readFileSync(f, 'utf8')))) pids.push(...locks.map((f) => JSON.parse(readFileSync(f, 'utf8')).pid));
    }
    expect(pids).toHaveLength(2);
    sweep.kill('SIGKILL');
    const resumed = spawnSync(process.execPath, [FV_BIN, ...args, '--resume'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 240_000 });
    expect(resumed.stderr).toBe('');
    expect(resumed.status).toBe(0);
    const state = JSON.parse(readFileSync(path.join(out, 'multirun/sweep.json'), 'utf8'));
    expect(state.runs.map((r: { status: string }) => r.status)).toEqual(['completed', 'completed']);
    // The killed sweep's runs were continued, not started over: their logs say they resumed.
    for (const k of [0, 1]) expect(readFileSync(path.join(out, 'multirun', String(k), 'run.log'), 'utf8')).toMatch(/Resuming from the checkpoint at epoch \d+/);
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
  });
});
