import { spawn, spawnSync } from 'node:child_process';
import { existsSync, openSync, closeSync } from 'node:fs';
import path from 'node:path';
import { FV_BIN, REPO_ROOT, tmpDir } from '../test-utils/run-fv.js';
import { TINY } from '../test-utils/tiny-run.js';

/**
 * A run's results must not depend on whether anyone reads its log: `fv run | head -1` closes the pipe after the
 * first line (EPIPE), `fv run > /dev/full` cannot write at all (ENOSPC). Either way the run finishes and writes its
 * model and metrics.
 */
describe('a closed or full stdout does not lose the run', () => {
  it('the reader closes the pipe after the first line: exit 0, model and metrics written', async () => {
    const out = path.join(tmpDir('fv-epipe-'), 'run');
    const child = spawn(process.execPath, [FV_BIN, 'run', ...TINY, `output.dir=${out}`], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const firstLine = await new Promise<string>((resolve) => {
      let buf = '';
      const onData = (d: Buffer) => {
        buf += d;
        if (buf.includes('\n')) {
          child.stdout.off('data', onData);
          // What `head -1` does: read one line and close the read end.
          child.stdout.destroy();
          resolve(buf.split('\n')[0]);
        }
      };
      child.stdout.on('data', onData);
    });
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    expect(firstLine).toMatch(/^Backend: /);
    expect(stderr).not.toMatch(/EPIPE/);
    expect(status).toBe(0);
    expect(existsSync(path.join(out, 'models/velocity_net/model.json'))).toBe(true);
    expect(existsSync(path.join(out, 'metrics.json'))).toBe(true);
  });

  it('stdout on a full disk (/dev/full): exit 0, model and metrics written', () => {
    if (!existsSync('/dev/full')) return;
    const out = path.join(tmpDir('fv-enospc-'), 'run');
    const fd = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [FV_BIN, 'run', ...TINY, `output.dir=${out}`], { cwd: REPO_ROOT, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', timeout: 120_000 });
      expect(r.stderr).not.toMatch(/ENOSPC/);
      expect(r.status).toBe(0);
    } finally {
      closeSync(fd);
    }
    expect(existsSync(path.join(out, 'models/velocity_net/model.json'))).toBe(true);
    expect(existsSync(path.join(out, 'metrics.json'))).toBe(true);
  });
});
