import { spawn } from 'node:child_process';
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
});
