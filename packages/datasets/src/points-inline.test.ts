import { describeDatasetContract } from '@flow-visualizer/core/testing';
import { createRng, instantiate, isFvError, type FvError } from '@flow-visualizer/core';
import { points } from './points.js';
import { make, testCtx } from './test-utils/ctx.js';
import { caught } from './test-utils/tmp.js';

// A drawn "V": what the studio's drawing pad exports (data coordinates, kept as drawn).
const V = [[-1, 1], [-0.5, 0], [0, -1], [0.5, 0], [1, 1]];

describeDatasetContract('points (inline)', () => make(points(), { points: V }, 0.02));
describeDatasetContract('points (inline, as drawn)', () => make(points(), { points: V, normalize: false }, 0.02), { skipBox: true });

/** Creates the dataset as the pipeline does, so that bad options come back as the user sees them. */
const create = (options: unknown) => instantiate(points(), options, testCtx(0, '.', null), 'data.options');

describe('points listed in the config (data.options.points)', () => {
  it('draws exactly the listed points, with no file reader at all, kept where drawn with normalize: false', async () => {
    const ds = await create({ points: V, normalize: false });
    const p = await ds.sample(500, createRng(7));
    const seen = new Set<string>();
    for (let i = 0; i < p.length; i += 2) seen.add(`${p[i]},${p[i + 1]}`);
    expect([...seen].sort()).toEqual(V.map(([x, y]) => `${x},${y}`).sort());
  });

  it('normalizes like a file of the same points (the same draws for the same seed)', async () => {
    const inline = await (await create({ points: [[0, 0], [10, 0], [5, 8]] })).sample(300, createRng(2));
    const { tmpDirWith } = await import('./test-utils/tmp.js');
    const dir = tmpDirWith({ 'tri.csv': '0,0\n10,0\n5,8\n' });
    const fromFile = await (await make(points(), { file: 'tri.csv' }, 0, dir)).sample(300, createRng(2));
    expect(Array.from(inline)).toEqual(Array.from(fromFile));
    expect(Math.max(...Array.from(inline).map(Math.abs))).toBeCloseTo(2, 5);
  });
});

describe('points listed in the config: bad values get one clear message naming the key', () => {
  const message = async (options: unknown) => {
    const e = (await caught(() => create(options))) as FvError;
    expect(isFvError(e)).toBe(true);
    return e;
  };

  it('fewer than 2 points', async () => {
    for (const pts of [[], [[1, 2]]]) {
      const e = await message({ points: pts });
      expect(e.code).toBe('CONFIG_INVALID');
      expect(e.exitCode).toBe(2);
      expect(e.message).toMatch(/^'data\.options\.points' must be ≥ 2 items, got \[/);
    }
  });

  it('a value that is not a number names the point', async () => {
    const e = await message({ points: [[0, 0], [1, 'one'], [2, 2]] });
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toBe("'data.options.points.1.1' must be a number, got 'one'.");
  });

  it('a point that is not a pair, and points that are not a list', async () => {
    expect((await message({ points: [[0, 0], [1, 2, 3]] })).message).toBe("'data.options.points.1' must be ≤ 2 items, got [1,2,3].");
    expect((await message({ points: [[0, 0], 5] })).message).toBe("'data.options.points.1' must be a tuple, got 5.");
    expect((await message({ points: 'M0 0 L1 1' })).message).toBe("'data.options.points' must be a list, got 'M0 0 L1 1'.");
  });

  it('not-finite numbers (YAML .nan, .inf) are refused', async () => {
    for (const bad of [NaN, Infinity]) expect((await message({ points: [[0, 0], [bad, 1]] })).message).toContain('data.options.points.1.0');
  });

  it('both file and points, or neither', async () => {
    for (const o of [{ file: 'ring.csv', points: V }, {}]) {
      const e = await message(o);
      expect(e.code).toBe('CONFIG_INVALID');
      expect(e.message).toMatch(/give exactly one of file or points/);
    }
  });

  it('every point the same', async () => {
    const e = await message({ points: [[1, 1], [1, 1], [1, 1]] });
    expect(e.code).toBe('DATA_INVALID');
    expect(e.message).toBe('data.options.points: all 3 points are the same point, so there is no shape to learn.');
  });
});
