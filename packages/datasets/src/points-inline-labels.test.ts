/** Inline points with their classes (data.options.labels): what the studio exports for a shape drawn with class brushes. */
import { createRng, instantiate, isFvError, type Dataset, type FvError } from '@flow-visualizer/core';
import { points } from './points.js';
import { testCtx } from './test-utils/ctx.js';
import { caught } from './test-utils/tmp.js';

const create = (options: unknown) => instantiate(points(), options, testCtx(0, '.', null), 'data.options') as Promise<Dataset>;
const LEFT_RIGHT = { points: [[-1, 0], [-1.5, 0.5], [1, 0], [1.5, -0.5], [2, 0]], labels: [0, 0, 1, 1, 1], normalize: false };

describe('points listed with labels (data.options.labels)', () => {
  it('is labelled: each drawn point keeps its listed class, classes named class 0…K−1', async () => {
    const ds = await create(LEFT_RIGHT);
    expect(ds.classNames).toEqual(['class 0', 'class 1']);
    const s = await ds.sampleLabelled!(400, createRng(3));
    let ones = 0;
    for (let i = 0; i < 400; i++) {
      expect(s.labels[i]).toBe(s.points[2 * i] > 0 ? 1 : 0);
      ones += s.labels[i];
    }
    expect(ones).toBeGreaterThan(150);
    // The same points as an unlabelled sample of the same stream (labels never change the draws).
    expect(Array.from(await ds.sample(400, createRng(3)))).toEqual(Array.from(s.points));
  });

  it('without labels the inline dataset has no classes, as before', async () => {
    const { labels: _l, ...plain } = LEFT_RIGHT;
    expect((await create(plain)).classNames).toBeUndefined();
  });

  const message = async (options: unknown) => {
    const e = (await caught(() => create(options))) as FvError;
    expect(isFvError(e)).toBe(true);
    expect(e.exitCode).toBe(2);
    return e.message;
  };

  it.each([
    ['one label too few', { ...LEFT_RIGHT, labels: [0, 0, 1, 1] }, /data\.options\.labels.*one label per point/],
    ['a fraction', { ...LEFT_RIGHT, labels: [0, 0, 1, 1, 0.5] }, /data\.options\.labels\.4.*integer/],
    ['a negative class', { ...LEFT_RIGHT, labels: [0, 0, 1, 1, -1] }, /data\.options\.labels\.4/],
    ['a gap in the classes', { ...LEFT_RIGHT, labels: [0, 0, 2, 2, 2] }, /data\.options\.labels: its labels go up to 2, but no point has label 1/],
    ['labels with a file', { file: 'x.csv', labels: [0, 1] }, /labels go with points/],
  ])('refuses %s with one message naming the key', async (_what, options, re) => {
    expect(await message(options)).toMatch(re);
  });
});
