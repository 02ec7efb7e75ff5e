import { existsSync } from 'node:fs';
import path from 'node:path';
import { runFv, tmpDir, STACK_LINE } from './test-utils/run-fv.js';

/**
 * Every numeric key has a maximum in the config schema (the one the studio's controls take theirs from): a value
 * above it stops `fv run` before any work, exit 2, one message naming the key and the limit, nothing written.
 */
describe('fv run refuses a number above its key\'s maximum', () => {
  const dir = tmpDir('fv-limits-');
  it.each([
    ['visualization.n_sampling_steps', '1000000000', '10000'],
    ['training.n_epochs', '1e9', '1000000'],
    ['training.batch_size', '1000000000', '10000000'],
  ])('%s=%s', (key, value, limit) => {
    const out = path.join(dir, key);
    const r = runFv(['run', `${key}=${value}`, `output.dir=${out}`], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`'${key}' must be ≤ ${limit}`);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(existsSync(out)).toBe(false);
  });
});
