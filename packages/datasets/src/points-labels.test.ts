/** A points file's `label` column: read only when the header names it, each point keeping its class, garbage refused by line. */
import { createRng, type Dataset } from '@flow-visualizer/core';
import { pointsToCsv } from '@flow-visualizer/core/node';
import { points } from './points.js';
import { parseLabelledPoints } from './io/parse-points.js';
import { make } from './test-utils/ctx.js';
import { caught, tmpDirWith } from './test-utils/tmp.js';

const fromText = (text: string, name = 'p.csv'): Promise<Dataset> => make(points(), { file: name }, 0, tmpDirWith({ [name]: text }));

describe('points: the label column', () => {
  it('reads `x,y,label`: every resampled point keeps its class (class 1 right of the y axis, 0 left)', async () => {
    const ds = await fromText('x,y,label\n-3,0,0\n-2,1,0\n-1,0,0\n1,0,1\n2,1,1\n3,0,1\n4,1,1\n');
    expect(ds.classNames).toEqual(['class 0', 'class 1']);
    const s = await ds.sampleLabelled!(2000, createRng(3));
    let ones = 0;
    for (let i = 0; i < 2000; i++) {
      expect(s.labels[i]).toBe(s.points[2 * i] > 0 ? 1 : 0);
      ones += s.labels[i];
    }
    // Resampled with replacement: 4 of the 7 points are class 1.
    expect(ones / 2000).toBeCloseTo(4 / 7, 1);
    expect(Array.from(await ds.sample(50, createRng(9)))).toEqual(Array.from((await ds.sampleLabelled!(50, createRng(9))).points));
  });

  it('takes the label column wherever the header puts it, also without x and y names', async () => {
    const a = parseLabelledPoints('label;y;x\n1;5;-1\n0;6;-2\n', 'a.csv', 'test');
    expect(Array.from(a.points)).toEqual([-1, 5, -2, 6]);
    expect(Array.from(a.labels!)).toEqual([1, 0]);
    const b = parseLabelledPoints('px,py,label\n0,0,2\n1,1,0\n2,0,1\n', 'b.csv', 'test');
    expect(Array.from(b.labels!)).toEqual([2, 0, 1]);
  });

  it('has no labels without a label header (a plain x,y file, or headerless numbers)', async () => {
    const ds = await fromText('x,y\n0,0\n1,1\n2,0\n');
    expect(ds.sampleLabelled).toBeUndefined();
    expect(ds.classNames).toBeUndefined();
    expect(parseLabelledPoints('0,0\n1,1\n', 'c.csv', 'test').labels).toBeUndefined();
  });

  it('round-trips fv data\'s CSV: the points and labels written are the ones read', () => {
    const pts = new Float32Array([0.5, -1.25, 1.1234567, 2, -0.001, 3e-5, 1.75, 1.5]);
    const labels = new Int32Array([2, 0, 1, 2]);
    const text = pointsToCsv(pts, labels);
    expect(text.split('\n')[0]).toBe('x,y,label');
    const back = parseLabelledPoints(text, 'round.csv', 'test');
    expect(Array.from(back.labels!)).toEqual([2, 0, 1, 2]);
    back.points.forEach((v, i) => expect(v).toBeCloseTo(pts[i], 6));
    expect(pointsToCsv(pts).split('\n')[0]).toBe('x,y');
  });

  it.each([
    ['a word', 'x,y,label\n0,0,0\n1,1,cat\n', /line 3: label 'cat' is not a class number/],
    ['a fraction', 'x,y,label\n0,0,0\n1,1,0.5\n', /line 3: label '0.5' is not a class number/],
    ['a negative number', 'x,y,label\n0,0,-1\n1,1,0\n', /line 2: label '-1' is not a class number/],
    ['an empty cell', 'x,y,label\n0,0,0\n1,1,\n', /line 3: label '' is not a class number/],
    ['a missing cell', 'x,y,label\n0,0,0\n1,1\n', /line 3: expected 3 cells, found 2/],
    ['a gap in the classes', 'x,y,label\n0,0,0\n1,1,2\n2,0,2\n', /labels go up to 2, but no point has label 1/],
  ])('refuses a label column with %s, saying where (DATA_INVALID, exit 2)', async (_what, text, message) => {
    const e = await caught(() => fromText(text));
    expect(e.code).toBe('DATA_INVALID');
    expect(e.exitCode).toBe(2);
    expect(e.message).toMatch(message);
    expect(e.message).toContain("'p.csv'");
  });
});
