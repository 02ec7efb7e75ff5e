#!/usr/bin/env node
// Can you count the T-Rex's legs? The notch between its two legs (the outline from the front foot's heel up to the
// crotch and down to the back foot's toe, closed along the ground) is empty in the data, apart from the dataset's
// Gaussian noise (data.noise, 0.02) blurring its edges. This prints, for each set of points, how full the notch's
// core is (the notch less a margin of --margin box units from its edges, 0.04 = twice the noise by default):
// points per unit area there, divided by the T-Rex's mean density (points ÷ its area). 0: an empty gap, as the data;
// 1: the gap as dense as the body, the legs one blob. The first row is a fresh 200,000-point draw of the data.
//
//   npm run build && node scripts/leg-gap.mjs [--margin 0.04] [--png legs.png] [label=]<run-dir | points.csv>...
// --png draws the legs up close, one panel per set (the data's first), every point at full size and opacity 0.5,
// the notch outlined in red (the figure counts the points inside it, at least --margin from its edges).
// A run directory stands for its samples/generated.csv; a sweep's multirun folder for its numbered runs.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { bodyArea, legGap, notch, notchCore } from './leg-gap-figure.mjs';
import { readPointsCsv } from './points-csv.mjs';

const { trexDataset } = await import('@flow-visualizer/datasets');
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

const core = notchCore(margin);
const fill = (points) => legGap(points, core);
// An input may carry its label for the picture: "previous default=outputs/trex-old".
const files = inputs.flatMap((arg) => {
  const eq = arg.indexOf('=');
  const [label, d] = eq > 0 && !existsSync(arg) ? [arg.slice(0, eq), arg.slice(eq + 1)] : ['', arg];
  if (d.endsWith('.csv')) return [{ label: label || d, file: d }];
  if (existsSync(path.join(d, 'samples', 'generated.csv'))) return [{ label: label || d, file: path.join(d, 'samples', 'generated.csv') }];
  if (!existsSync(d)) {
    console.error(`no such run directory or CSV: ${d}`);
    process.exit(2);
  }
  return readdirSync(d).filter((k) => /^\d+$/.test(k)).sort((a, b) => a - b).map((k) => path.join(d, k, 'samples', 'generated.csv')).filter(existsSync).map((file) => ({ label: label ? `${label} ${file}` : file, file }));
});

console.log(`notch core (margin ${margin}): ${core.area.toFixed(4)} of the T-Rex's ${bodyArea.toFixed(3)} (box units²)`);
const show = (label, f) => console.log(`${label}  ${f.k} of ${f.n} points in the gap's core; density there ÷ the T-Rex's mean: ${f.ratio.toFixed(3)}`);
const data = trexDataset({}, 0.02).sample(200000, createRng(12345, 'leg-gap'));
show('data (200,000 fresh points, noise 0.02)', fill(data));
const sets = files.map((f) => ({ label: f.label, points: readPointsCsv(f.file) }));
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
