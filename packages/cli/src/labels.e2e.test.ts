/** Labelled data through the real `fv` binary: `fv data` writes x,y,label, reads it back, and refuses a bad label column. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runFv, tmpDir, STACK_LINE } from './test-utils/run-fv.js';

function readCsv(file: string): { header: string; rows: string[][] } {
  const [header, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  return { header, rows: lines.map((l) => l.split(',')) };
}

describe('fv data with labels', () => {
  it('writes x,y,label for moons, reads it back as a points file with the same classes, and draws both by class', () => {
    const dir = tmpDir();
    const a = path.join(dir, 'moons.csv'), b = path.join(dir, 'again.csv');
    const r = runFv(['data', 'moons', 'data.n_samples=600', '--out', a, '--png', path.join(dir, 'moons.png')]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('2 classes: 0 upper moon, 1 lower moon');
    const first = readCsv(a);
    expect(first.header).toBe('x,y,label');
    expect(first.rows).toHaveLength(600);
    expect(new Set(first.rows.map((c) => c[2]))).toEqual(new Set(['0', '1']));
    expect(readFileSync(path.join(dir, 'moons.png')).subarray(1, 4).toString()).toBe('PNG');

    // Round trip: resampled from the file in its own coordinates without noise, every point keeps its label.
    const r2 = runFv(['data', 'points', 'data.options.file=' + a, 'data.options.normalize=false', 'data.noise=0', 'data.n_samples=300', '--out', b, '--png', path.join(dir, 'again.png')]);
    expect(r2.stderr).toBe('');
    expect(r2.status).toBe(0);
    const labelOf = new Map(first.rows.map((c) => [`${c[0]},${c[1]}`, c[2]]));
    const second = readCsv(b);
    expect(second.header).toBe('x,y,label');
    for (const c of second.rows) expect(labelOf.get(`${c[0]},${c[1]}`)).toBe(c[2]);
  });

  it('refuses a points file whose label column holds garbage: exit 2, the line named, nothing written', () => {
    const dir = tmpDir();
    writeFileSync(path.join(dir, 'bad.csv'), 'x,y,label\n0,0,0\n1,1,1\n2,0,blue\n');
    const out = path.join(dir, 'out.csv');
    const r = runFv(['data', 'points', 'data.options.file=bad.csv', '--out', out], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad\.csv', line 4: label 'blue' is not a class number/);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(existsSync(out)).toBe(false);
  });
});
