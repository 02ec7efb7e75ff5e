import { parseSvgPath, SvgPathError } from './geometry/svg-path-data.js';
import { svgPathData } from './geometry/svg-document.js';
import { IDENTITY, parseTransform, SvgTransformError, transformSubpaths } from './geometry/svg-transform.js';

/** Last vertex of the last subpath. */
const end = (d: string) => {
  const s = parseSvgPath(d);
  const p = s[s.length - 1].points;
  return [p[p.length - 2], p[p.length - 1]].map((v) => Math.round(v * 1e6) / 1e6);
};

describe('parseSvgPath', () => {
  it('lines, H, V, relative forms, implicit line-tos after M, Z closes', () => {
    const [s] = parseSvgPath('M0 0 10 0 V10 h-10 z');
    expect(s.closed).toBe(true);
    expect(s.points).toEqual([0, 0, 10, 0, 10, 10, 0, 10]);
    expect(end('m1 1 l2 2 l3 -1')).toEqual([6, 2]);
    expect(end('M1,1L2,2L3,-1')).toEqual([3, -1]);
  });

  it('several subpaths; a relative m after z starts from the closed subpath start', () => {
    const s = parseSvgPath('M0 0 L4 0 L4 4 Z m10 10 l1 0 l0 1 z');
    expect(s).toHaveLength(2);
    expect(s[1].points.slice(0, 2)).toEqual([10, 10]);
  });

  it('cubic C and smooth S reach their end points and bulge towards the controls', () => {
    const [c] = parseSvgPath('M0 0 C0 10 10 10 10 0');
    expect(c.points.slice(-2)).toEqual([10, 0]);
    expect(Math.max(...c.points.filter((_, i) => i % 2 === 1))).toBeCloseTo(7.5, 1);
    // S reflects the previous control point: a symmetric wave.
    const [s] = parseSvgPath('M0 0 C0 10 10 10 10 0 S20 -10 20 0');
    const ys = s.points.filter((_, i) => i % 2 === 1);
    expect(Math.min(...ys)).toBeCloseTo(-7.5, 1);
    expect(end('M0 0 c0 10 10 10 10 0 s10 -10 10 0')).toEqual([20, 0]);
  });

  it('quadratic Q and smooth T', () => {
    const [q] = parseSvgPath('M0 0 Q5 10 10 0 T20 0');
    const ys = q.points.filter((_, i) => i % 2 === 1);
    expect(Math.max(...ys)).toBeCloseTo(5, 1);
    expect(Math.min(...ys)).toBeCloseTo(-5, 1);
    expect(end('M0 0 q5 10 10 0 t10 0')).toEqual([20, 0]);
  });

  it('arcs: a half circle, compact flags, relative form, radii too small are scaled up', () => {
    const [a] = parseSvgPath('M0 0 A5 5 0 0 1 10 0');
    for (let i = 0; i < a.points.length; i += 2) expect(Math.hypot(a.points[i] - 5, a.points[i + 1])).toBeCloseTo(5, 6);
    // Sweep 1 with y down goes through y < 0 (clockwise on screen: over the top).
    expect(Math.min(...a.points.filter((_, i) => i % 2 === 1))).toBeCloseTo(-5, 3);
    expect(end('M0 0 a5 5 0 015 5')).toEqual([5, 5]);
    const [small] = parseSvgPath('M0 0 A1 1 0 0 1 10 0');
    expect(Math.min(...small.points.filter((_, i) => i % 2 === 1))).toBeCloseTo(-5, 3);
  });

  it('number syntax: exponents, signs as separators, chained decimals', () => {
    expect(end('M0 0L1e1-2')).toEqual([10, -2]);
    expect(end('M0 0L.5.5')).toEqual([0.5, 0.5]);
  });

  it.each([
    ['L 1 1', /must start with M/, 0],
    ['M 0 0 L 5 x', /expected a number for 'L'/, 10],
    ['M 0 0 L 5', /missing numbers at the end/, 9],
    ['M 0 0 K 5 5', /unknown path command 'K'/, 6],
    ['M 0 0 A 5 5 0 2 1 10 0', /arc flag/, 14],
  ])('malformed %j: says what and where', (d, msg, index) => {
    try {
      parseSvgPath(d);
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(SvgPathError);
      expect((e as SvgPathError).message).toMatch(msg);
      expect((e as SvgPathError).index).toBe(index);
    }
  });
});

describe('svgPathData', () => {
  it('finds every <path d>, single or double quoted, ignoring other attributes named *d and commented-out paths', () => {
    const found = svgPathData(`<svg><!-- <path d="M9 9 L8 8"/> --><path id="a" d="M0 0 L1 1"/><g><path fill='red' d='M2 2 L3 3'></path></g><path data-d="x"/></svg>`);
    expect(found.map((p) => p.d)).toEqual(['M0 0 L1 1', 'M2 2 L3 3']);
    expect(found.every((p) => p.matrix.join() === IDENTITY.join())).toBe(true);
  });

  it('reads a whole document right after a malformed one: nothing is kept from call to call', () => {
    // A transform it cannot read throws part-way through the document...
    expect(() => svgPathData('<svg><g transform="spin(30)"><path d="M9 9 L8 8"/></g></svg>')).toThrow(SvgTransformError);
    // ...and the next document, shorter than where that one stopped, is still read from its start.
    expect(svgPathData('<svg><path d="M0 0 L1 1"/></svg>').map((p) => p.d)).toEqual(['M0 0 L1 1']);
  });

  it("composes the transforms of a path's ancestors with its own, and not those of closed siblings", () => {
    const found = svgPathData(
      `<svg><g transform="translate(10, 0)"><g transform="scale(2)"><path transform="rotate(90)" d="M1 0"/></g>` +
        `<path d="M1 0"/></g><g transform="scale(5)"></g><path d="M1 0"/></svg>`,
    );
    const at = (k: number) => transformSubpaths([{ points: [1, 0], closed: false }], found[k].matrix)[0].points.map((v) => Number(v.toFixed(9)));
    expect(at(0)).toEqual([10, 2]); // rotate (1,0) → (0,1), scale → (0,2), translate → (10,2)
    expect(at(1)).toEqual([11, 0]);
    expect(at(2)).toEqual([1, 0]);
  });
});

describe('parseTransform', () => {
  const apply = (t: string, x: number, y: number) => transformSubpaths([{ points: [x, y], closed: true }], parseTransform(t))[0].points.map((v) => Number(v.toFixed(9)));

  it.each([
    ['translate(3)', [4, 1]],
    ['translate(3 -2)', [4, -1]],
    ['scale(2)', [2, 2]],
    ['scale(2, 3)', [2, 3]],
    ['rotate(90)', [-1, 1]],
    ['rotate(180 1 0)', [1, -1]],
    ['skewX(45)', [2, 1]],
    ['skewY(45)', [1, 2]],
    ['matrix(1 2 3 4 5 6)', [9, 12]],
    ['translate(10,0) scale(2)', [12, 2]], // the rightmost applies first
    ['scale(2) translate(10,0)', [22, 2]],
  ])('%s maps (1, 1) to %j', (t, want) => {
    expect(apply(t as string, 1, 1)).toEqual(want);
  });

  it.each([
    ['translate(1 2 3)', /translate\(1 2 3\) needs 1 or 2 numbers/],
    ['spin(30)', /unknown transform 'spin'/],
    ['scale(a)', /scale\(a\) needs 1 or 2 numbers/],
    ['rotate(30', /cannot read 'rotate\(30'/],
  ])('rejects %s, saying why', (t, msg) => {
    expect(() => parseTransform(t)).toThrow(SvgTransformError);
    expect(() => parseTransform(t)).toThrow(msg);
  });
});
