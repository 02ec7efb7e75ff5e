import { describeDatasetContract } from '@flow-visualizer/core/testing';
import { boundsOf, createRng } from '@flow-visualizer/core';
import { svg, svgOptionsSchema } from './svg.js';
import { make } from './test-utils/ctx.js';
import { caught, tmpDirWith } from './test-utils/tmp.js';
import { countIn, mirrorScore } from './test-utils/shape.js';

describeDatasetContract('svg (heart file, outline)', () => make(svg(), { file: 'heart.svg' }, 0.02));
describeDatasetContract('svg (heart file, filled)', () => make(svg(), { file: 'heart.svg', fill: true }, 0.02));
describeDatasetContract('svg (path string with a hole, filled)', () => make(svg(), { path: 'M0 0 H10 V10 H0 Z M3 3 H7 V7 H3 Z', fill: true }, 0.02));

/** Highest y among points with x in [x0, x1). */
function topIn(p: Float32Array, x0: number, x1: number): number {
  let top = -Infinity;
  for (let i = 0; i < p.length; i += 2) if (p[i] >= x0 && p[i] < x1) top = Math.max(top, p[i + 1]);
  return top;
}

describe('the SVG heart comes back as a heart', () => {
  it.each([false, true])('fill=%s: upright, mirror-symmetric, notch at the top, point at the bottom', async (fill) => {
    const p = await (await make(svg(), { file: 'heart.svg', fill })).sample(6000, createRng(4));
    // Symmetric about x = 0 (the heart is centred in the box).
    expect(mirrorScore(p, 0, 0.08)).toBeGreaterThan(0.97);
    // Notch: in the middle the top is far below the tops of the lobes.
    const lobe = Math.max(topIn(p, -1.2, -0.8), topIn(p, 0.8, 1.2));
    expect(lobe).toBeGreaterThan(1.3);
    expect(topIn(p, -0.05, 0.05)).toBeLessThan(lobe - 0.6);
    // The point at the bottom: the lowest points are in the middle.
    let low = Infinity, lowX = 0;
    for (let i = 0; i < p.length; i += 2) if (p[i + 1] < low) [low, lowX] = [p[i + 1], p[i]];
    expect(Math.abs(lowX)).toBeLessThan(0.1);
    expect(low).toBeLessThan(-1.9);
  });

  it('outline: the points lie on the curve (none inside); fill: points inside too', async () => {
    const near = (p: Float32Array) => {
      let inner = 0;
      for (let i = 0; i < p.length; i += 2) if (Math.abs(p[i]) < 0.5 && Math.abs(p[i + 1]) < 0.5) inner++;
      return inner;
    };
    expect(near(await (await make(svg(), { file: 'heart.svg' })).sample(3000, createRng(1)))).toBe(0);
    expect(near(await (await make(svg(), { file: 'heart.svg', fill: true })).sample(3000, createRng(1)))).toBeGreaterThan(200);
  });

  it('fill uses the even-odd rule: a square with a square hole leaves the hole empty', async () => {
    const p = await (await make(svg(), { path: 'M0 0 H10 V10 H0 Z M3 3 H7 V7 H3 Z', fill: true })).sample(4000, createRng(1));
    for (let i = 0; i < p.length; i += 2) expect(Math.abs(p[i]) < 0.78 && Math.abs(p[i + 1]) < 0.78).toBe(false);
  });

  it('an open path is sampled along its segments only (no closing edge)', async () => {
    const p = await (await make(svg(), { path: 'M0 0 L10 0 L10 10' })).sample(2000, createRng(1));
    // Flipped upright: along the top (y = 2) and down the right side (x = 2); the closing diagonal stays empty.
    for (let i = 0; i < p.length; i += 2) expect(Math.abs(p[i] - 2) < 1e-4 || Math.abs(p[i + 1] - 2) < 1e-4).toBe(true);
  });
});

describe('svg transforms', () => {
  const square = 'M0 0 H10 V10 H0 Z';
  const extent = (p: Float32Array) => {
    const b = boundsOf(p);
    return { w: b.xmax - b.xmin, h: b.ymax - b.ymin };
  };

  it('places each path where the picture shows it: two squares side by side, not on top of each other', async () => {
    const dir = tmpDirWith({ 'two.svg': `<svg><path d="${square}"/><g transform="translate(30 0)"><path d="${square}"/></g></svg>` });
    const p = await (await make(svg(), { file: 'two.svg', fill: true }, 0, dir)).sample(4000, createRng(1));
    const { w, h } = extent(p);
    expect(w / h).toBeGreaterThan(3.5); // 40 wide, 10 high
    // Nothing in the gap between the squares (x from 10 to 30 of 40, in box units the middle half).
    expect(countIn(p, -0.45 * (w / 2), 0.45 * (w / 2), -Infinity, Infinity)).toBe(0);
  });

  it('a scaled path keeps its proportions: scale(3, 1) makes a square three times as wide', async () => {
    const dir = tmpDirWith({ 'wide.svg': `<svg><path transform="scale(3, 1)" d="${square}"/></svg>` });
    const { w, h } = extent(await (await make(svg(), { file: 'wide.svg', fill: true }, 0, dir)).sample(4000, createRng(2)));
    expect(w / h).toBeGreaterThan(2.8);
    expect(w / h).toBeLessThan(3.1);
  });

  it('a transform it cannot read is a DATA_INVALID naming the attribute', async () => {
    const dir = tmpDirWith({ 'bad.svg': `<svg><g transform="spin(30)"><path d="${square}"/></g></svg>` });
    const e = await caught(() => make(svg(), { file: 'bad.svg' }, 0, dir));
    expect(e.code).toBe('DATA_INVALID');
    expect(e.message).toContain('Malformed transform="spin(30)" in \'bad.svg\'');
    expect(e.hint).toMatch(/translate\(x \[y\]\)/);
  });
});

describe('svg: bad input is a clear DATA_* error', () => {
  it('missing file', async () => {
    const e = await caught(() => make(svg(), { file: 'missing.svg' }));
    expect(e.code).toBe('DATA_NOT_FOUND');
    expect(e.message).toContain("'missing.svg'");
  });

  it('empty file', async () => {
    const e = await caught(() => make(svg(), { file: 'e.svg' }, 0, tmpDirWith({ 'e.svg': '' })));
    expect(e.code).toBe('DATA_INVALID');
    expect(e.message).toMatch(/'e\.svg' is empty/);
  });

  it('an SVG with no path says how to get one', async () => {
    const e = await caught(() => make(svg(), { file: 'no-path.svg' }));
    expect(e.code).toBe('DATA_INVALID');
    expect(e.message).toContain("'no-path.svg' has no <path");
    expect(e.hint).toMatch(/Object to Path/);
  });

  it('a malformed path says where (file, character, nearby text)', async () => {
    const e = await caught(() => make(svg(), { file: 'bad-path.svg' }));
    expect(e.code).toBe('DATA_INVALID');
    expect(e.message).toContain("Malformed SVG path in 'bad-path.svg'");
    expect(e.message).toContain("expected a number for 'L'");
    expect(e.message).toContain('at character 17');
    expect(e.message).toContain('L 9 x 1');
  });

  it('a file that is not well-formed XML says where, and a good file read next is whole', async () => {
    const dir = tmpDirWith({ 'broken.svg': '<svg>\n<g>\n  <path d="M0 0 H10 V10 Z"/>\n</svg>\n', 'ok.svg': '<svg><path d="M0 0 H10 V10 Z"/></svg>' });
    const e = await caught(() => make(svg(), { file: 'broken.svg' }, 0, dir));
    expect(e.code).toBe('DATA_INVALID');
    expect(e.message).toMatch(/'broken\.svg' is not a readable SVG document \(line \d+, column \d+\): .*"g" != "svg"/);
    expect(e.hint).toMatch(/every tag closed/);
    const p = await (await make(svg(), { file: 'ok.svg' }, 0, dir)).sample(100, createRng(1));
    expect(p).toHaveLength(200);
  });

  it('a malformed path string in the options', async () => {
    const e = await caught(() => make(svg(), { path: 'M0 0 L 3' }));
    expect(e.code).toBe('DATA_INVALID');
    expect(e.message).toContain('data.options.path');
  });

  it('a path that draws nothing, and filling a shape with no area', async () => {
    expect((await caught(() => make(svg(), { path: 'M0 0' }))).message).toMatch(/draws nothing/);
    expect((await caught(() => make(svg(), { path: 'M0 0 L10 0', fill: true }))).message).toMatch(/encloses no area/);
  });

  it('the options schema wants exactly one of file and path', () => {
    expect(svgOptionsSchema.safeParse({}).success).toBe(false);
    expect(svgOptionsSchema.safeParse({ file: 'a.svg', path: 'M0 0' }).success).toBe(false);
    expect(svgOptionsSchema.parse({ path: 'M0 0 L1 1' }).fill).toBe(false);
  });
});
