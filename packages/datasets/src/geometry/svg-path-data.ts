/**
 * An SVG path `d` parser that flattens every command (M L H V C S Q T A Z, absolute and relative) into polylines.
 * Curves become short straight segments, fine enough that sampling along them or inside them cannot tell.
 * Coordinates stay in SVG space (y pointing down); the caller flips.
 */
/** One subpath: its vertices (x0, y0, x1, y1, …) and whether it was closed with Z. */
export interface Subpath {
  points: number[];
  closed: boolean;
}

/** A malformed path: `index` is the character where parsing stopped. */
export class SvgPathError extends Error {
  constructor(message: string, readonly index: number) {
    super(message);
    this.name = 'SvgPathError';
  }
}

/** Segments per Bézier curve; curves in icon-sized paths are short, so a fixed count is plenty. */
const CURVE_STEPS = 24;
/** Largest angle (radians) one segment of a flattened arc may cover. */
const ARC_STEP = Math.PI / 36;

const ARGS: Record<string, number> = { m: 2, l: 2, h: 1, v: 1, c: 6, s: 4, q: 4, t: 2, a: 7, z: 0 };

const NUMBER = /[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;

/** Parses and flattens a path `d` string; throws SvgPathError saying where it went wrong. */
export function parseSvgPath(d: string): Subpath[] {
  const subpaths: Subpath[] = [];
  let cur: Subpath | null = null;
  let x = 0, y = 0, startX = 0, startY = 0;
  // The last control point, for S and T reflections, and which kind of curve set it.
  let ctrlX = 0, ctrlY = 0, lastKind = '';
  let i = 0;

  const skipSpace = (commas: boolean) => {
    while (i < d.length && (/\s/.test(d[i]) || (commas && d[i] === ','))) i++;
  };
  const readNumber = (cmd: string): number => {
    skipSpace(true);
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(d);
    if (!m) throw new SvgPathError(i >= d.length ? `command '${cmd}' is missing numbers at the end of the path` : `expected a number for '${cmd}'`, i);
    i += m[0].length;
    return Number(m[0]);
  };
  // Arc flags may be written without separators ("a1 1 0 01 5 5"), so they are read one character at a time.
  const readFlag = (cmd: string): number => {
    skipSpace(true);
    if (d[i] !== '0' && d[i] !== '1') throw new SvgPathError(`expected an arc flag (0 or 1) for '${cmd}'`, i);
    return d[i++] === '1' ? 1 : 0;
  };
  const startsNumber = () => {
    skipSpace(true);
    return i < d.length && /[0-9.+-]/.test(d[i]);
  };
  const push = (px: number, py: number) => {
    if (!cur) {
      cur = { points: [x, y], closed: false };
      subpaths.push(cur);
    }
    cur.points.push(px, py);
    x = px;
    y = py;
  };

  skipSpace(false);
  if (i < d.length && !/[Mm]/.test(d[i])) throw new SvgPathError(`a path must start with M or m, found '${d[i]}'`, i);
  while (true) {
    skipSpace(true);
    if (i >= d.length) break;
    const cmdAt = i;
    let cmd = d[i];
    const lower = cmd.toLowerCase();
    if (!(lower in ARGS)) throw new SvgPathError(`unknown path command '${cmd}'`, i);
    i++;
    let first = true;
    // A command repeats while numbers follow ("L 1 2 3 4"); after M the repeats are line-tos.
    do {
      const rel = cmd === lower;
      const ox = rel ? x : 0, oy = rel ? y : 0;
      switch (lower) {
        case 'm': {
          const nx = ox + readNumber(cmd), ny = oy + readNumber(cmd);
          if (first) {
            cur = { points: [nx, ny], closed: false };
            subpaths.push(cur);
            x = startX = nx;
            y = startY = ny;
            cmd = rel ? 'l' : 'L';
          } else push(nx, ny);
          lastKind = '';
          break;
        }
        case 'l':
          push(ox + readNumber(cmd), oy + readNumber(cmd));
          lastKind = '';
          break;
        case 'h':
          push(ox + readNumber(cmd), y);
          lastKind = '';
          break;
        case 'v':
          push(x, oy + readNumber(cmd));
          lastKind = '';
          break;
        case 'c':
        case 's': {
          let x1: number, y1: number;
          if (lower === 'c') {
            x1 = ox + readNumber(cmd);
            y1 = oy + readNumber(cmd);
          } else {
            // S reflects the previous cubic's second control point (or uses the current point).
            [x1, y1] = lastKind === 'c' ? [2 * x - ctrlX, 2 * y - ctrlY] : [x, y];
          }
          const x2 = ox + readNumber(cmd), y2 = oy + readNumber(cmd);
          const ex = ox + readNumber(cmd), ey = oy + readNumber(cmd);
          const x0 = x, y0 = y;
          for (let k = 1; k <= CURVE_STEPS; k++) {
            const t = k / CURVE_STEPS, u = 1 - t;
            push(u * u * u * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * ex, u * u * u * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * ey);
          }
          [ctrlX, ctrlY, lastKind] = [x2, y2, 'c'];
          break;
        }
        case 'q':
        case 't': {
          let x1: number, y1: number;
          if (lower === 'q') {
            x1 = ox + readNumber(cmd);
            y1 = oy + readNumber(cmd);
          } else {
            [x1, y1] = lastKind === 'q' ? [2 * x - ctrlX, 2 * y - ctrlY] : [x, y];
          }
          const ex = ox + readNumber(cmd), ey = oy + readNumber(cmd);
          const x0 = x, y0 = y;
          for (let k = 1; k <= CURVE_STEPS; k++) {
            const t = k / CURVE_STEPS, u = 1 - t;
            push(u * u * x0 + 2 * u * t * x1 + t * t * ex, u * u * y0 + 2 * u * t * y1 + t * t * ey);
          }
          [ctrlX, ctrlY, lastKind] = [x1, y1, 'q'];
          break;
        }
        case 'a': {
          const rx = readNumber(cmd), ry = readNumber(cmd), rot = readNumber(cmd);
          const large = readFlag(cmd), sweep = readFlag(cmd);
          const ex = ox + readNumber(cmd), ey = oy + readNumber(cmd);
          for (const [px, py] of flattenArc(x, y, rx, ry, rot, large, sweep, ex, ey)) push(px, py);
          lastKind = '';
          break;
        }
        case 'z':
          if (cur) {
            cur.closed = true;
            cur = null;
          }
          x = startX;
          y = startY;
          lastKind = '';
          break;
      }
      first = false;
    } while (lower !== 'z' && startsNumber());
    if (lower !== 'z' && i < d.length && !/[a-zA-Z]/.test(d[i])) throw new SvgPathError(`unexpected '${d[i]}' after the '${d[cmdAt]}' command`, i);
  }
  return subpaths.filter((s) => s.points.length >= 4);
}

/**
 * The arc from (x0, y0) to (x1, y1) as points (excluding the start), by the endpoint-to-centre conversion of the
 * SVG spec (implementation notes F.6.5), radii scaled up when too small to reach.
 */
function flattenArc(x0: number, y0: number, rx: number, ry: number, rotDeg: number, large: number, sweep: number, x1: number, y1: number): Array<[number, number]> {
  rx = Math.abs(rx);
  ry = Math.abs(ry);
  if (rx === 0 || ry === 0 || (x0 === x1 && y0 === y1)) return [[x1, y1]];
  const phi = (rotDeg * Math.PI) / 180, cos = Math.cos(phi), sin = Math.sin(phi);
  const dx = (x0 - x1) / 2, dy = (y0 - y1) / 2;
  const xp = cos * dx + sin * dy, yp = -sin * dx + cos * dy;
  const lambda = (xp * xp) / (rx * rx) + (yp * yp) / (ry * ry);
  if (lambda > 1) {
    rx *= Math.sqrt(lambda);
    ry *= Math.sqrt(lambda);
  }
  const num = rx * rx * ry * ry - rx * rx * yp * yp - ry * ry * xp * xp;
  const den = rx * rx * yp * yp + ry * ry * xp * xp;
  const coef = (large === sweep ? -1 : 1) * Math.sqrt(Math.max(0, num / den));
  const cxp = (coef * rx * yp) / ry, cyp = (-coef * ry * xp) / rx;
  const cx = cos * cxp - sin * cyp + (x0 + x1) / 2, cy = sin * cxp + cos * cyp + (y0 + y1) / 2;
  const angle = (ux: number, uy: number, vx: number, vy: number) => Math.atan2(ux * vy - uy * vx, ux * vx + uy * vy);
  const theta1 = angle(1, 0, (xp - cxp) / rx, (yp - cyp) / ry);
  let dtheta = angle((xp - cxp) / rx, (yp - cyp) / ry, (-xp - cxp) / rx, (-yp - cyp) / ry);
  if (!sweep && dtheta > 0) dtheta -= 2 * Math.PI;
  if (sweep && dtheta < 0) dtheta += 2 * Math.PI;
  const steps = Math.max(2, Math.ceil(Math.abs(dtheta) / ARC_STEP));
  const out: Array<[number, number]> = [];
  for (let k = 1; k < steps; k++) {
    const th = theta1 + (dtheta * k) / steps;
    const ex = rx * Math.cos(th), ey = ry * Math.sin(th);
    out.push([cos * ex - sin * ey + cx, sin * ex + cos * ey + cy]);
  }
  out.push([x1, y1]);
  return out;
}
