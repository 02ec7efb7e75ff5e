// The figure of scripts/leg-gap.mjs, shared with scripts/recipe-tradeoff.mjs: how full the notch between the
// T-Rex's legs is. The notch (the outline from the front foot's heel up to the crotch and down to the back foot's
// toe, closed along the ground) is empty in the data but for the dataset's Gaussian noise blurring its edges; its
// core is the notch less `margin` box units from its edges (0.04, twice data.noise). legGap(points).ratio is the
// density of points in the core divided by the T-Rex's mean density (points ÷ its area): 0, an empty gap as in
// the data; 1, the gap as dense as the body, the legs one blob.

const { TREX_BODY, trexRings } = await import('@flow-visualizer/datasets');

// The notch in the drawing's own vertices: front heel (67, 0) … crotch (66, 21) … back toe (65, 0), in the order
// the outline lists them; trexRings scales the outline into box units with the same vertex order.
const raw = [];
for (let i = 0; i < TREX_BODY.length; i += 2) raw.push([TREX_BODY[i], TREX_BODY[i + 1]]);
const from = raw.findIndex(([x, y]) => x === 67 && y === 0), to = raw.findIndex(([x, y]) => x === 65 && y === 0);
if (from < 0 || to <= from) throw new Error('the T-Rex outline changed: its notch between the legs is not where this script expects it');
const [body, eye] = trexRings('right');
const ring = (r) => Array.from({ length: r.length / 2 }, (_, k) => [r[2 * k], r[2 * k + 1]]);
const bodyPoly = ring(body), eyePoly = ring(eye);
/** The notch's corners, box units. */
export const notch = bodyPoly.slice(from, to + 1);

function inside(poly, x, y) {
  let c = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i], [xj, yj] = poly[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
}
function distToEdges(poly, x, y) {
  let d = Infinity;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [ax, ay] = poly[j], [bx, by] = poly[i];
    const dx = bx - ax, dy = by - ay, l = dx * dx + dy * dy;
    const u = l ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / l)) : 0;
    d = Math.min(d, Math.hypot(x - ax - u * dx, y - ay - u * dy));
  }
  return d;
}
/** Area where test(x, y) holds, by a grid of step h over the box. */
function area(test, poly, h) {
  const xs = poly.map((p) => p[0]), ys = poly.map((p) => p[1]);
  let n = 0;
  for (let x = Math.min(...xs) + h / 2; x < Math.max(...xs); x += h) for (let y = Math.min(...ys) + h / 2; y < Math.max(...ys); y += h) if (test(x, y)) n++;
  return n * h * h;
}
/** The T-Rex's area (body less eye), box units². */
export const bodyArea = area((x, y) => inside(bodyPoly, x, y) && !inside(eyePoly, x, y), bodyPoly, 0.005);

/** The notch's core for a margin: its test and its area. */
export function notchCore(margin = 0.04) {
  const test = (x, y) => inside(notch, x, y) && distToEdges(notch, x, y) >= margin;
  return { test, area: area(test, notch, 0.002) };
}

/** Points (x, y interleaved) in the core, and their density there ÷ their mean density over the T-Rex. */
export function legGap(points, core = notchCore()) {
  const n = points.length / 2;
  let k = 0;
  for (let i = 0; i < n; i++) if (core.test(points[2 * i], points[2 * i + 1])) k++;
  return { n, k, ratio: k / core.area / (n / bodyArea) };
}

