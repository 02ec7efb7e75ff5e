#!/usr/bin/env node
// The recipe search's trade-off picture (README "The recipe"): the stable quality figure (sliced W1 to 50,000 fresh
// points ÷ its floor; mean ± sd over seeds, each seed a dot) against training epochs, for the learning-rate
// schedules tried, from the JSON files `scripts/quality-ratio.mjs --json` wrote for the sweeps.
//
//   node scripts/recipe-tradeoff.mjs --out docs/images/recipe-tradeoff.png ratios-a.json [ratios-b.json …]
import { readFileSync, writeFileSync } from 'node:fs';
import { createCanvas } from '@napi-rs/canvas';

let out = 'recipe-tradeoff.png';
const files = [];
for (let i = 2; i < process.argv.length; i++) {
  if (process.argv[i] === '--out') out = process.argv[++i];
  else files.push(process.argv[i]);
}
const rows = files.flatMap((f) => JSON.parse(readFileSync(f, 'utf8')).rows);
// Each run's figure as its metrics.json records it (the first reference; --draws adds others for the noise only).
// Epochs and schedule from each run's resolved config.yaml.
const runs = rows.map((r) => {
  const config = readFileSync(`${r.run}/config.yaml`, 'utf8');
  const epochs = Number(/^\s*n_epochs: (\d+)/m.exec(config)[1]);
  const schedule = /^\s*lr_schedule: (\w+)/m.exec(config)?.[1] ?? 'constant';
  return { epochs, schedule, seed: r.seed, ratio: r.ratio };
});
const series = [...new Set(runs.map((r) => r.schedule))];
const COLORS = { constant: '#3b6fb6', cosine: '#e4572e' };
const W = 640, H = 400, L = 64, R = 170, T = 56, B = 52, s = 2;
const canvas = createCanvas(W * s, H * s);
const g = canvas.getContext('2d');
g.scale(s, s);
g.fillStyle = '#fff';
g.fillRect(0, 0, W, H);
const xs = runs.map((r) => r.epochs), ys = runs.map((r) => r.ratio);
const xlo = Math.min(...xs) - 40, xhi = Math.max(...xs) + 40, ylo = 1, yhi = Math.max(5.5, ...ys) * 1.05;
const px = (x) => L + ((x - xlo) / (xhi - xlo)) * (W - L - R), py = (y) => T + ((yhi - y) / (yhi - ylo)) * (H - T - B);
g.font = '12px DejaVu Sans, sans-serif';
g.strokeStyle = '#eee';
g.fillStyle = '#222';
g.textAlign = 'right';
for (let y = 1; y <= yhi; y += 0.5) {
  g.beginPath(); g.moveTo(L, py(y)); g.lineTo(W - R, py(y)); g.stroke();
  if (y % 1 === 0) g.fillText(String(y), L - 6, py(y) + 4);
}
g.textAlign = 'center';
for (const x of [...new Set(xs)].sort((a, b) => a - b)) g.fillText(String(x), px(x), H - B + 18);
g.strokeStyle = '#888';
g.strokeRect(L, T, W - L - R, H - T - B);
g.fillText('training epochs (same network: the training time grows with them)', L + (W - L - R) / 2, H - 14);
g.save(); g.translate(18, T + (H - T - B) / 2); g.rotate(-Math.PI / 2); g.fillText('sliced W1 ÷ floor (1 = perfect)', 0, 0); g.restore();
g.textAlign = 'left';
g.font = 'bold 14px DejaVu Sans, sans-serif';
g.fillText('T-Rex: quality against training length, per learning-rate schedule', L, 22);
g.font = '12px DejaVu Sans, sans-serif';
g.fillStyle = '#555';
g.fillText(`mean ± sd over seeds ${[...new Set(runs.map((r) => r.seed))].join(', ')} (dots: each seed); dashed: the goal, 2× the floor`, L, 40);
g.setLineDash([5, 4]);
g.strokeStyle = '#666';
g.beginPath(); g.moveTo(L, py(2)); g.lineTo(W - R, py(2)); g.stroke();
g.setLineDash([]);
series.forEach((sch, k) => {
  const color = COLORS[sch] ?? '#2a9d8f';
  const dx = (k - (series.length - 1) / 2) * 8;
  const eps = [...new Set(runs.filter((r) => r.schedule === sch).map((r) => r.epochs))].sort((a, b) => a - b);
  const pts = eps.map((e) => {
    const v = runs.filter((r) => r.schedule === sch && r.epochs === e).map((r) => r.ratio);
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    const sd = v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1)) : 0;
    return { e, v, mean, sd };
  });
  g.strokeStyle = g.fillStyle = color;
  g.globalAlpha = 0.45;
  for (const p of pts) for (const v of p.v) { g.beginPath(); g.arc(px(p.e) + dx + 10, py(v), 2.5, 0, 2 * Math.PI); g.fill(); }
  g.globalAlpha = 1;
  g.lineWidth = 2;
  g.beginPath();
  pts.forEach((p, i) => (i ? g.lineTo(px(p.e) + dx, py(p.mean)) : g.moveTo(px(p.e) + dx, py(p.mean))));
  g.stroke();
  g.lineWidth = 1.5;
  for (const p of pts) {
    g.beginPath(); g.moveTo(px(p.e) + dx, py(p.mean - p.sd)); g.lineTo(px(p.e) + dx, py(p.mean + p.sd)); g.stroke();
    g.beginPath(); g.arc(px(p.e) + dx, py(p.mean), 4, 0, 2 * Math.PI); g.fill();
  }
  g.fillRect(W - R + 14, T + 10 + k * 20, 14, 3);
  g.fillStyle = '#222';
  g.fillText(`lr_schedule: ${sch}`, W - R + 34, T + 15 + k * 20);
});
writeFileSync(out, canvas.toBuffer('image/png'));
console.log(`wrote ${out}`);
