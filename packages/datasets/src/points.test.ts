import path from 'node:path';
import { describeDatasetContract } from '@flow-visualizer/core/testing';
import { createRng, isFvError } from '@flow-visualizer/core';
import { points } from './points.js';
import { FIXTURES, make } from './test-utils/ctx.js';
import { caught, tmpDirWith } from './test-utils/tmp.js';

describeDatasetContract('points (CSV)', () => make(points(), { file: 'ring.csv' }, 0.02));
describeDatasetContract('points (JSON pairs)', () => make(points(), { file: 'plus.json' }, 0.02));
describeDatasetContract('points (JSON objects)', () => make(points(), { file: 'diagonal.json' }, 0.02));
describeDatasetContract('points (raw coordinates)', () => make(points(), { file: 'ring.csv', normalize: false }, 0.02), { skipBox: true });

describe('points reads the file and resamples it', () => {
  it('draws only the file points (with replacement), scaled into the box', async () => {
    const ds = await make(points(), { file: 'plus.json' });
    const p = await ds.sample(3000, createRng(3));
    // The plus sign spans -5..5 on both axes: scaled by 2/5 its points sit on a grid of step 0.4.
    const seen = new Set<string>();
    for (let i = 0; i < p.length; i += 2) {
      expect(Math.abs(p[i] / 0.4 - Math.round(p[i] / 0.4))).toBeLessThan(1e-5);
      expect(p[i] === 0 || Math.abs(p[i + 1]) < 1e-6).toBe(true);
      seen.add(`${p[i].toFixed(2)},${p[i + 1].toFixed(2)}`);
    }
    expect(seen.size).toBe(21);
  });

  it('keeps raw coordinates with normalize: false (the ring is centred at (3, 1), radius 2)', async () => {
    const p = await (await make(points(), { file: 'ring.csv', normalize: false })).sample(2000, createRng(3));
    for (let i = 0; i < p.length; i += 2) {
      const r = Math.hypot(p[i] - 3, p[i + 1] - 1);
      expect(Math.abs(r - 2) < 1e-3 || Math.abs(r - 0.1) < 1e-3).toBe(true);
    }
  });

  it('resolves a relative file against baseDir, and takes an absolute one as is', async () => {
    const abs = path.join(FIXTURES, 'ring.csv');
    const a = await (await make(points(), { file: abs }, 0, '/nonexistent')).sample(50, createRng(1));
    const b = await (await make(points(), { file: 'ring.csv' })).sample(50, createRng(1));
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('accepts other separators, quoted cells, a header in any order, and other column names', async () => {
    const dir = tmpDirWith({
      'semi.csv': '1;2\n3;4\n',
      'tab.txt': '1\t2\n3\t4\n',
      'yx.csv': 'id,y,x\na,2,1\nb,4,3\n',
      'quoted.csv': '"lon","lat"\n"1","2"\n"3","4"\n',
    });
    for (const file of ['semi.csv', 'tab.txt', 'yx.csv', 'quoted.csv']) {
      const p = await (await make(points(), { file, normalize: false }, 0, dir)).sample(200, createRng(1));
      for (let i = 0; i < p.length; i += 2) expect([`${p[i]},${p[i + 1]}`]).toContainEqual(expect.stringMatching(/^(1,2|3,4)$/));
    }
  });
});

describe('points: bad input is a clear DATA_* error naming the file', () => {
  const bad = (files: Record<string, string>, file: string) => caught(async () => make(points(), { file }, 0, tmpDirWith(files)));

  it('missing file: DATA_NOT_FOUND, exit code 2, says where it looked', async () => {
    const e = await caught(() => make(points(), { file: 'nope.csv' }));
    expect(isFvError(e)).toBe(true);
    expect(e.code).toBe('DATA_NOT_FOUND');
    expect(e.exitCode).toBe(2);
    expect(e.message).toContain("'nope.csv'");
    expect(e.message).toContain(path.join(FIXTURES, 'nope.csv'));
    expect(e.hint).toMatch(/config file's folder/);
  });

  it('empty file (or only blank lines)', async () => {
    for (const content of ['', '\n  \n']) {
      const e = await bad({ 'empty.csv': content }, 'empty.csv');
      expect(e.code).toBe('DATA_INVALID');
      expect(e.message).toMatch(/'empty\.csv' is empty/);
    }
  });

  it('a non-numeric cell names its line', async () => {
    const e = await bad({ 'bad.csv': 'x,y\n1,2\n3,abc\n5,6\n' }, 'bad.csv');
    expect(e.code).toBe('DATA_INVALID');
    expect(e.message).toContain("'bad.csv', line 3");
    expect(e.message).toContain("'abc'");
  });

  it('a NaN cell names its line', async () => {
    const e = await bad({ 'nan.csv': '1,2\n3,4\nNaN,6\n' }, 'nan.csv');
    expect(e.code).toBe('DATA_INVALID');
    expect(e.message).toContain('line 3');
    expect(e.message).toContain('NaN');
  });

  it('a row with one cell names its line', async () => {
    const e = await bad({ 'short.csv': '1,2\n3\n' }, 'short.csv');
    expect(e.message).toContain('line 2');
  });

  it('fewer than 2 points', async () => {
    for (const [name, content] of [['one.csv', 'x,y\n1,2\n'], ['header.csv', 'x,y\n'], ['one.json', '[[1,2]]'], ['none.json', '[]']]) {
      const e = await bad({ [name]: content }, name);
      expect(e.code).toBe('DATA_INVALID');
      expect(e.message).toMatch(/holds [01] points?; at least 2 are needed/);
      expect(e.message).toContain(name);
    }
  });

  it('all points the same', async () => {
    const e = await bad({ 'same.csv': '1,1\n1,1\n1,1\n' }, 'same.csv');
    expect(e.message).toMatch(/same point/);
  });

  it('JSON: invalid syntax, not an array, an item that is not a point (named by index)', async () => {
    expect((await bad({ 'a.json': '[[1,2],' }, 'a.json')).message).toMatch(/'a\.json' is not valid JSON/);
    expect((await bad({ 'b.json': '{"x": 1}' }, 'b.json')).message).toMatch(/not an array of points/);
    const e = await bad({ 'c.json': '[[1,2],[3,4],[5,"six"]]' }, 'c.json');
    expect(e.code).toBe('DATA_INVALID');
    expect(e.message).toContain('item 2');
    expect((await bad({ 'd.json': '[{"x":1,"y":2},{"x":1}]' }, 'd.json')).message).toContain('item 1');
  });

  it('a folder instead of a file', async () => {
    const e = await caught(() => make(points(), { file: '.' }));
    expect(e.code).toBe('DATA_INVALID');
    expect(e.message).toMatch(/is a folder/);
  });
});

describe('points keeps detail in large coordinates', () => {
  it('normalizes in double precision (points 1 apart at 10⁷ stay distinct)', async () => {
    const dir = tmpDirWith({ 'far.csv': '10000000,20000000\n10000001,20000000\n10000002,20000001\n' });
    const p = await (await make(points(), { file: 'far.csv' }, 0, dir)).sample(300, createRng(1));
    const seen = new Set<string>();
    for (let i = 0; i < p.length; i += 2) seen.add(`${p[i].toFixed(3)},${p[i + 1].toFixed(3)}`);
    expect([...seen].sort()).toEqual(['-2.000,-1.000', '0.000,-1.000', '2.000,1.000']);
  });
});
