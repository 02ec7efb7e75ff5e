#!/usr/bin/env node
// Can you count the T-Rex's legs? The notch between its two legs (the outline from the front foot's heel up to the
// crotch and down to the back foot's toe, closed along the ground) is empty in the data, apart from the dataset's
// Gaussian noise (data.noise, 0.02) blurring its edges. This prints, for each set of points, how full the notch's
// core is (the notch less a margin of --margin box units from its edges, 0.04 = twice the noise by default):
// points per unit area there, divided by the T-Rex's mean density (points ÷ its area). 0: an empty gap, as the data;
// 1: the gap as dense as the body, the legs one blob. The first row is a fresh 200,000-point draw of the data.
//
//   npm run build && node scripts/leg-gap.mjs [--margin 0.04] [--png legs.png] <run-dir | points.csv>...
// --png draws the legs up close, one panel per set (the data's first), every point at full size and opacity 0.5,
// the notch's outline and its core dashed: what the figure counts.
// A run directory stands for its samples/generated.csv; a sweep's multirun folder for its numbered runs.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const { TREX_BODY, TREX_EYE, trexRings, trexDataset } = await import('@flow-visualizer/datasets');
const { createRng } = await import('@flow-visualizer/core');

let margin = 0.04, png = '';
const inputs = [];
for (let i = 2; i < process.argv.length; i++) {
  if (process.argv[i] === '--margin') margin = Number(process.argv[++i]);
  else if (process.argv[i] === '--png') png = process.argv[++i];
  else if (process.argv[i].startsWith('--')) {
    console.error(`unknown argument ${process.argv[i]} (known: --margin, --png)`);
    process.exit(2);
  } else inputs.push(process.argv[i]);
}
if (!(margin >= 0)) {
  console.error('--margin must be a number >= 0');
  process.exit(2);
}

// The notch in the drawing's own vertices: front heel (67, 0) … crotch (66, 21) … back toe (65, 0), in the order
// the outline lists them; trexRings scales the outline into box units with the same vertex order.
const raw = [];
for (let i = 0; i < TREX_BODY.length; i += 2) raw.push([TREX_BODY[i], TREX_BODY[i + 1]]);
const from = raw.findIndex(([x, y]) => x === 67 && y === 0), to = raw.findIndex(([x, y]) => x === 65 && y === 0);
if (from < 0 || to <= from) throw new Error('the T-Rex outline changed: its notch between the legs is not where this script expects it');
const body = trexRings('right')[0];
const notch = [];
for (let k = from; k <= to; k++) notch.push([body[2 * k], body[2 * k + 1]]);

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
const inCore = (x, y) => inside(notch, x, y) && distToEdges(notch, x, y) >= margin;

// Areas by a fine grid: the notch's core, and the T-Rex (body less eye).
const eye = trexRings('right')[1];
const ring = (r) => Array.from({ length: r.length / 2 }, (_, k) => [r[2 * k], r[2 * k + 1]]);
const bodyPoly = ring(body), eyePoly = ring(eye);
function area(test, [x0, x1, y0, y1], h) {
  let n = 0;
  for (let x = x0 + h / 2; x < x1; x += h) for (let y = y0 + h / 2; y < y1; y += h) if (test(x, y)) n++;
  return n * h * h;
}
const xs = notch.map((p) => p[0]), ys = notch.map((p) => p[1]);
const coreArea = area(inCore, [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)], 0.002);
const bx = bodyPoly.map((p) => p[0]), by = bodyPoly.map((p) => p[1]);
const bodyArea = area((x, y) => inside(bodyPoly, x, y) && !inside(eyePoly, x, y), [Math.min(...bx), Math.max(...bx), Math.min(...by), Math.max(...by)], 0.005);

function fill(points) {
  const n = points.length / 2;
  let k = 0;
  for (let i = 0; i < n; i++) if (inCore(points[2 * i], points[2 * i + 1])) k++;
  return { n, k, ratio: k / coreArea / (n / bodyArea) };
}
function readCsv(file) {
  const lines = readFileSync(file, 'utf8').trim().split('\n').slice(1);
  const out = new Float32Array(2 * lines.length);
  lines.forEach((l, i) => {
    const [x, y] = l.split(',');
    out[2 * i] = Number(x);
    out[2 * i + 1] = Number(y);
  });
  return out;
}
const files = inputs.flatMap((d) => {
  if (d.endsWith('.csv')) return [d];
  if (existsSync(path.join(d, 'samples', 'generated.csv'))) return [path.join(d, 'samples', 'generated.csv')];
  if (!existsSync(d)) {
    console.error(`no such run directory or CSV: ${d}`);
    process.exit(2);
  }
  return readdirSync(d).filter((k) => /^\d+$/.test(k)).sort((a, b) => a - b).map((k) => path.join(d, k, 'samples', 'generated.csv')).filter(existsSync);
});

console.log(`notch core (margin ${margin}): ${coreArea.toFixed(4)} of the T-Rex's ${bodyArea.toFixed(3)} (box units²)`);
const show = (label, f) => console.log(`${label}  ${f.k} of ${f.n} points in the gap's core; density there ÷ the T-Rex's mean: ${f.ratio.toFixed(3)}`);
const data = trexDataset({}, 0.02).sample(200000, createRng(12345, 'leg-gap'));
show('data (200,000 fresh points, noise 0.02)', fill(data));
const sets = files.map((f) => ({ label: f, points: readCsv(f) }));
for (const s of sets) show(s.label, fill(s.points));
if (png) await drawLegs(png, [{ label: 'data: a fresh draw', points: data.subarray(0, 2 * Math.max(10000, ...sets.map((s) => s.points.length / 2))) }, ...sets]);

/** The legs up close (x −0.7…0.9, y −1.2…−0.15), one panel per set, with the notch and its core. */
async function drawLegs(file, panels) {
  const { createCanvas } = await import('@napi-rs/canvas');
  const { writeFileSync } = await import('node:fs');
  const P = 300, pad = 8, head = 34, x0 = -0.7, x1 = 0.9, y0 = -1.2, y1 = -0.15, sc = P / (x1 - x0);
  const cols = Math.min(4, panels.length), rows = Math.ceil(panels.length / cols);
  const canvas = createCanvas(cols * (P + pad) + pad, rows * (P * ((y1 - y0) / (x1 - x0)) + head + pad) + pad);
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  const H = P * ((y1 - y0) / (x1 - x0));
  panels.forEach((p, i) => {
    const ox = pad + (i % cols) * (P + pad), oy = pad + Math.floor(i / cols) * (H + head + pad) + head;
    const X = (x) => ox + (x - x0) * sc, Y = (y) => oy + (y1 - y) * sc;
    const f = fill(p.points);
    g.fillStyle = '#222';
    g.font = '12px DejaVu Sans, sans-serif';
    g.fillText(p.label.replace(/\/samples\/generated\.csv$/, '').slice(-44), ox, oy - 20);
    g.fillText(`${f.n} points; gap ÷ body density ${f.ratio.toFixed(2)}`, ox, oy - 5);
    g.strokeStyle = '#999';
    g.strokeRect(ox, oy, P, H);
    g.save();
    g.beginPath();
    g.rect(ox, oy, P, H);
    g.clip();
    g.fillStyle = 'rgba(60, 90, 200, 0.5)';
    for (let k = 0; k < p.points.length; k += 2) g.fillRect(X(p.points[k]) - 1, Y(p.points[k + 1]) - 1, 2, 2);
    g.strokeStyle = '#d33';
    g.beginPath();
    notch.forEach(([x, y], k) => (k ? g.lineTo(X(x), Y(y)) : g.moveTo(X(x), Y(y))));
    g.closePath();
    g.stroke();
    g.restore();
  });
  writeFileSync(file, canvas.toBuffer('image/png'));
  console.log(`wrote ${file}`);
}
