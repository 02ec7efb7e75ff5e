/**
 * SVG `transform` attributes: parsed into 2D affine matrices [a, b, c, d, e, f] (x' = a·x + c·y + e,
 * y' = b·x + d·y + f, SVG's own layout), composed down the element tree, and applied to flattened paths.
 * Affine maps send straight segments to straight segments, so transforming the flattened polylines is exact.
 */
import type { Subpath } from './svg-path-data.js';

export type Matrix = readonly [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** A transform list that cannot be read: `text` is the attribute, `at` the part that failed. */
export class SvgTransformError extends Error {
  constructor(message: string, readonly text: string) {
    super(message);
    this.name = 'SvgTransformError';
  }
}

/** m · n: n applies first (SVG lists apply right to left: "translate(…) scale(…)" scales, then translates). */
export function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

const ARITY: Record<string, number[]> = { matrix: [6], translate: [1, 2], scale: [1, 2], rotate: [1, 3], skewx: [1], skewy: [1] };

function one(name: string, v: number[]): Matrix {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  switch (name) {
    case 'matrix':
      return [v[0], v[1], v[2], v[3], v[4], v[5]];
    case 'translate':
      return [1, 0, 0, 1, v[0], v[1] ?? 0];
    case 'scale':
      return [v[0], 0, 0, v[1] ?? v[0], 0, 0];
    case 'rotate': {
      const c = Math.cos(rad(v[0])), s = Math.sin(rad(v[0]));
      const r: Matrix = [c, s, -s, c, 0, 0];
      if (v.length === 1) return r;
      // rotate(a, cx, cy) = translate(cx, cy) rotate(a) translate(−cx, −cy)
      return multiply(multiply([1, 0, 0, 1, v[1], v[2]], r), [1, 0, 0, 1, -v[1], -v[2]]);
    }
    case 'skewx':
      return [1, 0, Math.tan(rad(v[0])), 1, 0, 0];
    default: // skewy
      return [1, Math.tan(rad(v[0])), 0, 1, 0, 0];
  }
}

/** Parses a transform list ("translate(10 5) rotate(30)"); throws SvgTransformError saying what is wrong. */
export function parseTransform(text: string): Matrix {
  let m: Matrix = IDENTITY;
  const item = /\s*,?\s*([a-zA-Z]+)\s*\(([^)]*)\)/y;
  let i = 0;
  while (i < text.length && /\S/.test(text.slice(i))) {
    item.lastIndex = i;
    const hit = item.exec(text);
    if (!hit) throw new SvgTransformError(`cannot read '${text.slice(i).trim()}'`, text);
    const name = hit[1].toLowerCase();
    const args = hit[2].trim() === '' ? [] : hit[2].trim().split(/\s*,\s*|\s+/).map(Number);
    if (!(name in ARITY)) throw new SvgTransformError(`unknown transform '${hit[1]}' (known: matrix, translate, scale, rotate, skewX, skewY)`, text);
    if (!ARITY[name].includes(args.length) || args.some((a) => !Number.isFinite(a))) {
      throw new SvgTransformError(`${hit[1]}(${hit[2].trim()}) needs ${ARITY[name].join(' or ')} numbers`, text);
    }
    m = multiply(m, one(name, args));
    i = item.lastIndex;
  }
  return m;
}

/** The subpaths with every vertex mapped through m (a copy; identity returns them as they are). */
export function transformSubpaths(subpaths: Subpath[], m: Matrix): Subpath[] {
  if (m.every((v, k) => v === IDENTITY[k])) return subpaths;
  return subpaths.map((s) => {
    const p = s.points.slice();
    for (let k = 0; k < p.length; k += 2) {
      const x = p[k], y = p[k + 1];
      p[k] = m[0] * x + m[2] * y + m[4];
      p[k + 1] = m[1] * x + m[3] * y + m[5];
    }
    return { points: p, closed: s.closed };
  });
}
