import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { REPO_ROOT, STACK_LINE, runFv, tmpDir } from './test-utils/run-fv.js';

/**
 * scripts/leg-gap.mjs, the README's "gap between the legs": the data leave the notch between the T-Rex's legs
 * empty (a figure near 0), and points spread evenly over the whole box fill it at the density they have everywhere,
 * so the figure is the T-Rex's share of the box (density in the notch ÷ points per unit of the T-Rex's area).
 */
const legGap = (...args: string[]) => spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts/leg-gap.mjs'), ...args], { encoding: 'utf8', cwd: REPO_ROOT });
const figureOf = (stdout: string, label: string) => Number(new RegExp(`${label.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\s+\\d+ of \\d+ points in the gap's core; density there ÷ the T-Rex's mean: ([\\d.]+)`).exec(stdout)?.[1]);

describe('scripts/leg-gap.mjs', () => {
  it('scores the data near 0 and an even spread of points at the T-Rex\'s share of the box', () => {
    const dir = tmpDir('fv-leg-gap-');
    const data = path.join(dir, 'trex.csv');
    expect(runFv(['data', 'trex', 'training.seed=3', '--out', data]).status).toBe(0);
    // A 300 × 300 grid over [-2.5, 2.5]²: the same density everywhere, the notch included.
    const rows = ['x,y'];
    for (let i = 0; i < 300; i++) for (let j = 0; j < 300; j++) rows.push(`${-2.5 + (i + 0.5) / 60},${-2.5 + (j + 0.5) / 60}`);
    const even = path.join(dir, 'even.csv');
    writeFileSync(even, rows.join('\n') + '\n');
    const png = path.join(dir, 'legs.png');
    const r = legGap('--png', png, data, `even=${even}`);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(figureOf(r.stdout, data)).toBeLessThan(0.03);
    const area = Number(/of the T-Rex's ([\d.]+) \(box units²\)/.exec(r.stdout)?.[1]);
    expect(area).toBeGreaterThan(1);
    expect(figureOf(r.stdout, 'even')).toBeCloseTo(area / 25, 2);
    expect(r.stdout).toContain(`wrote ${png}`);
  }, 120_000);

  it('refuses what it cannot read with one clear message and exit 2', () => {
    const missing = legGap('/no/such/run');
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim()).toBe('no such run directory or CSV: /no/such/run');
    expect(missing.stderr).not.toMatch(STACK_LINE);
    const bad = legGap('--margin', 'wide');
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toBe('--margin must be a number >= 0');
  });
});
