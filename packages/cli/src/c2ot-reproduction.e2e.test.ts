import { readFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { REPO_ROOT, tmpDir } from './test-utils/run-fv.js';

/**
 * The short version of the C2OT reproduction (scripts/reproduce-c2ot.mjs; the README has the full sweep): 40
 * gradient steps instead of 20,000, 2 seeds, W2² on 300 points. Far from converged, but the paper's ordering
 * already shows: with one Euler step, minibatch OT lands near the moons while independent FM lands between them.
 */
describe('C2OT reproduction, short version', () => {
  it('trains both couplings for 2 seeds and lands in the expected ranges', () => {
    const out = tmpDir('fv-c2ot-');
    const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts/reproduce-c2ot.mjs'), '--steps', '40', '--seeds', '2', '--points', '300', '--out', out], { encoding: 'utf8', cwd: REPO_ROOT });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const rows = readFileSync(path.join(out, 'results.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((x) => `${x.coupling}:${x.seed}`).sort()).toEqual(['none:0', 'none:1', 'ot:0', 'ot:1']);
    for (const x of rows) {
      expect(x.adaptive_nfe).toBeGreaterThan(6);
      expect(x.adaptive_nfe).toBeLessThan(200);
      expect(x.adaptive_w2_squared).toBeGreaterThan(0);
      expect(x.adaptive_w2_squared).toBeLessThan(x.coupling === 'ot' ? 1.5 : 3);
    }
    for (const seed of [0, 1]) {
      const of = (c: string) => rows.find((x) => x.coupling === c && x.seed === seed);
      expect(of('ot').euler1_w2_squared).toBeLessThan(1.5);
      expect(of('none').euler1_w2_squared).toBeGreaterThan(1.5);
    }
    expect(r.stdout).toMatch(/\| minibatch OT \| 2 \| .* \| 0\.072 ± 0\.025 \|/);
  }, 600_000);

  it('runs the conditional columns (--conditional class: none, ot, c2ot) and prints them beside the paper\'s', () => {
    const out = tmpDir('fv-c2ot-cond-');
    const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts/reproduce-c2ot.mjs'), '--conditional', 'class', '--steps', '40', '--seeds', '1', '--points', '300', '--euler', '1', '--out', out], { encoding: 'utf8', cwd: REPO_ROOT });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const rows = readFileSync(path.join(out, 'results.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((x) => `${x.condition}:${x.coupling}:${x.seed}`).sort()).toEqual(['class:c2ot:0', 'class:none:0', 'class:ot:0']);
    for (const x of rows) {
      expect(x.adaptive_w2_squared).toBeGreaterThan(0);
      expect(x.euler1_w2_squared).toBeGreaterThan(0);
    }
    expect(r.stdout).toMatch(/conditioned on class/);
    expect(r.stdout).toMatch(/\| C²OT \| 1 \| .* \| 0\.048 ± 0\.010 \|/);
  }, 900_000);
});
