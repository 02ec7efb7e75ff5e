import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FV_BIN, REPO_ROOT, runFv, tmpDir } from './test-utils/run-fv.js';

/**
 * Ctrl-C during training writes a checkpoint and exits cleanly with a message; `fv train --resume` continues to
 * the same final epoch count, and (same seed, same backend) to the same losses as a run that was never stopped.
 */
const args = (out: string) => [
  'train', '--config', 'configs/quick.yaml', `output.dir=${out}`,
  'training.n_epochs=12', 'data.n_samples=1500', 'model.hidden_dims=[32,32]', 'training.log_interval=1', 'training.device=cpu',
];

function interruptAfterEpoch(out: string, epoch: number): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [FV_BIN, ...args(out)], { cwd: REPO_ROOT });
    let stdout = '', stderr = '', sent = false;
    child.stdout.on('data', (d) => {
      stdout += d;
      if (!sent && new RegExp(`^epoch ${epoch}/12`, 'm').test(stdout)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('interrupt and resume', () => {
  it('Ctrl-C checkpoints, --resume finishes with the same losses as an uninterrupted run', async () => {
    const full = path.join(tmpDir(), 'full');
    const straight = runFv(args(full));
    expect(straight.status).toBe(0);
    const expected = JSON.parse(readFileSync(path.join(full, 'models/checkpoint/training_state.json'), 'utf8')).lossHistory;
    expect(expected).toHaveLength(12);

    const out = path.join(tmpDir(), 'stopped');
    const stopped = await interruptAfterEpoch(out, 3);
    expect(stopped.status).toBe(130);
    expect(stopped.stderr).toMatch(/Training stopped at epoch \d+ of 12; checkpoint saved to/);
    expect(stopped.stderr).toMatch(/hint: Continue with: fv train --resume/);
    expect(stopped.stderr).not.toMatch(/^\s+at /m);
    const state = JSON.parse(readFileSync(path.join(out, 'models/checkpoint/training_state.json'), 'utf8'));
    expect(state.epochsDone).toBeGreaterThanOrEqual(3);
    expect(state.epochsDone).toBeLessThan(12);
    expect(existsSync(path.join(out, 'models/checkpoint/model.json'))).toBe(true);

    const resumed = runFv([...args(out), '--resume']);
    expect(resumed.stderr).toBe('');
    expect(resumed.status).toBe(0);
    expect(resumed.stdout).toContain(`Resuming from the checkpoint at epoch ${state.epochsDone}`);
    const final = JSON.parse(readFileSync(path.join(out, 'models/checkpoint/training_state.json'), 'utf8'));
    expect(final.epochsDone).toBe(12);
    expect(final.lossHistory).toHaveLength(12);
    for (let i = 0; i < 12; i++) expect(final.lossHistory[i]).toBeCloseTo(expected[i], 5);
    expect(existsSync(path.join(out, 'models/velocity_net/model.json'))).toBe(true);
    // The training record keeps the snapshots from before the interruption, on the doubling schedule (1, 2, 4, 8, …,
    // the last), as unstopped.
    const evolution = JSON.parse(readFileSync(path.join(out, 'samples/evolution.json'), 'utf8'));
    expect(evolution.snapshots.map((e: { epoch: number }) => e.epoch)).toEqual([1, 2, 4, 8, 12]);
  });

  it('--resume without a checkpoint says so', () => {
    const r = runFv([...args(path.join(tmpDir(), 'none')), '--resume']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/No checkpoint to resume from/);
  });
});
