#!/usr/bin/env node
// The recipe search's trade-off picture (README "The recipe"): the stable quality figure (sliced W1 to 50,000 fresh
// points ÷ its floor, as each run's metrics.json records it; mean ± sd over seeds, each seed a dot) against the
// run's wall time in units of `fv run --config configs/base.yaml`, one point per recipe tried; below it, on the same
// time axis, how full the gap between the T-Rex's legs is (scripts/leg-gap-figure.mjs: 0 empty as in the data, 1 the
// legs one blob), from each run's samples/generated.csv.
//
//   node scripts/recipe-tradeoff.mjs --out docs/images/recipe-tradeoff.png candidates.json
//
// candidates.json: [{ "label": "cosine, 450 epochs", "cost": 1.32, "runs": ["<run dir>", …], "chosen": true }, …];
// "values": [4.03, 1.38, …] instead of "runs" for figures whose runs are gone (an earlier session's); such a
// recipe has no leg-gap dot unless it gives "gaps": [0.36, …].
// `cost` is measured outside (time base and the candidate back to back on the same machine); the script only draws.
import { readFileSync, writeFileSync } from 'node:fs';
import { createCanvas } from '@napi-rs/canvas';
import { legGap } from './leg-gap-figure.mjs';
import { readPointsCsv } from './points-csv.mjs';

let out = 'recipe-tradeoff.png';
let file;
for (let i = 2; i < process.argv.length; i++) {
  if (process.argv[i] === '--out') out = process.argv[++i];
  else file = process.argv[i];
}
if (!file) {
  console.error('usage: recipe-tradeoff.mjs --out <png> <candidates.json>');
  process.exit(2);
}
const BUDGET = 1.5;
const candidates = JSON.parse(readFileSync(file, 'utf8')).map((c) => {
  const v = c.values ?? c.runs.map((r) => JSON.parse(readFileSync(`${r}/metrics.json`, 'utf8')).sliced_w1_ratio);
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const sd = v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1)) : 0;
  const gaps = c.gaps ?? c.runs?.map((r) => legGap(readPointsCsv(`${r}/samples/generated.csv`)).ratio) ?? [];
  const gapMean = gaps.length ? gaps.reduce((a, b) => a + b, 0) / gaps.length : NaN;
  return { ...c, v, mean, sd, gaps, gapMean };
});
const W = 800, H = 440, L = 60, R = 280, T = 58, B = 52, s = 2;
// The leg-gap panel below the quality panel, on the same x axis.
const GT = H + 24, GH = 240, HT = GT + GH + 44;
const canvas = createCanvas(W * s, HT * s);
const g = canvas.getContext('2d');
g.scale(s, s);
g.fillStyle = '#fff';
g.fillRect(0, 0, W, HT);
const xs = candidates.map((c) => c.cost), ys = candidates.flatMap((c) => c.v);
const xlo = 0.5, xhi = Math.max(2.2, ...xs) + 0.2, ylo = 1, yhi = Math.max(4.5, ...ys) * 1.05;
const px = (x) => L + ((x - xlo) / (xhi - xlo)) * (W - L - R), py = (y) => T + ((yhi - y) / (yhi - ylo)) * (H - T - B);
/** Horizontal grid lines at from, from + step, … ≤ to across the plot, each labelled on the left by label(y) (none where it is ''). */
function gridLines(from, to, step, toPixel, label) {
  g.font = '12px DejaVu Sans, sans-serif';
  g.strokeStyle = '#eee';
  g.fillStyle = '#222';
  g.textAlign = 'right';
  for (let y = from; y <= to; y += step) {
    g.beginPath(); g.moveTo(L, toPixel(y)); g.lineTo(W - R, toPixel(y)); g.stroke();
    const text = label(y);
    if (text) g.fillText(text, L - 6, toPixel(y) + 4);
  }
}
gridLines(1, yhi, 0.5, py, (y) => (y % 1 === 0 ? String(y) : ''));
g.textAlign = 'center';
for (let x = 0.5; x <= xhi; x += 0.5) {
  g.beginPath(); g.moveTo(px(x), T); g.lineTo(px(x), H - B); g.stroke();
  g.fillText(`${x}×`, px(x), H - B + 18);
}
g.strokeStyle = '#888';
g.strokeRect(L, T, W - L - R, H - T - B);
g.fillText('run time ÷ base.yaml\'s on the same machine (README: how measured)', L + (W - L - R) / 2, H - 14);
g.save(); g.translate(16, T + (H - T - B) / 2); g.rotate(-Math.PI / 2); g.fillText('sliced W1 ÷ floor (1 = perfect)', 0, 0); g.restore();
// The goal (mean ≤ 2, worst seed ≤ 2.5) and the budget (≤ 1.5× base), dashed.
g.setLineDash([5, 4]);
g.strokeStyle = '#666';
for (const y of [2, 2.5]) { g.beginPath(); g.moveTo(L, py(y)); g.lineTo(W - R, py(y)); g.stroke(); }
g.strokeStyle = '#b00';
g.beginPath(); g.moveTo(px(BUDGET), T); g.lineTo(px(BUDGET), H - B); g.stroke();
g.setLineDash([]);
g.textAlign = 'left';
g.fillStyle = '#666';
g.textAlign = 'right';
g.fillText('goal: mean ≤ 2', W - R - 4, py(2) - 4);
g.fillText('no seed > 2.5', W - R - 4, py(2.5) - 4);
g.textAlign = 'left';
g.fillStyle = '#b00';
g.fillText('budget 1.5×', px(BUDGET) + 4, T + 14);
g.font = 'bold 14px DejaVu Sans, sans-serif';
g.fillStyle = '#222';
g.fillText('T-Rex: quality against time, per recipe', L, 22);
g.font = '12px DejaVu Sans, sans-serif';
g.fillStyle = '#555';
const seeds = candidates[0]?.v.length ?? 0;
g.fillText(`big dot: mean ± sd over ${seeds} seeds (42, 1, 2, 3); small dots: each seed`, L, 40);
const PALETTE = ['#3b6fb6', '#e4572e', '#2a9d8f', '#8e44ad', '#e9a23b', '#555555', '#c0392b', '#16a085', '#7f8c8d', '#d35400', '#2c3e50', '#b8860b', '#1abc9c', '#9b59b6', '#e84393', '#6ab04c'];
// Recipes of (nearly) the same cost side by side, centred on that cost, a few pixels apart, so that each stays
// where its cost is (beside the budget line, not across it); everything drawn inside the frame.
const SPREAD = 10;
const sameCost = (k) => candidates.filter((o) => Math.abs(o.cost - candidates[k].cost) < 0.05);
const offsetOf = (k) => SPREAD * (sameCost(k).indexOf(candidates[k]) - (sameCost(k).length - 1) / 2);
candidates.forEach((c, k) => {
  const color = PALETTE[k % PALETTE.length];
  const x = px(c.cost) + offsetOf(k);
  g.save();
  g.beginPath(); g.rect(L, T, W - L - R, H - T - B); g.clip();
  g.strokeStyle = g.fillStyle = color;
  g.globalAlpha = 0.5;
  for (const v of c.v) { g.beginPath(); g.arc(x + 4, py(v), 2, 0, 2 * Math.PI); g.fill(); }
  g.globalAlpha = 1;
  g.lineWidth = 1.5;
  g.beginPath(); g.moveTo(x, py(c.mean - c.sd)); g.lineTo(x, py(c.mean + c.sd)); g.stroke();
  g.beginPath(); g.arc(x, py(c.mean), c.chosen ? 6 : 4, 0, 2 * Math.PI); g.fill();
  if (c.chosen) { g.strokeStyle = '#000'; g.lineWidth = 2; g.stroke(); }
  g.restore();
  g.fillStyle = color;
  g.fillRect(W - R + 14, T + 4 + k * 20, 14, 8);
  g.fillStyle = '#222';
  g.fillText(`${c.label}${c.chosen ? ' (chosen)' : ''}: ${c.mean.toFixed(2)}`, W - R + 34, T + 13 + k * 20);
});
// Below: the gap between the legs, 0 (empty, as in the data: 0.003) to the worst seen, the same x axis.
const gyhi = Math.max(0.5, ...candidates.flatMap((c) => c.gaps)) * 1.05;
const gpy = (y) => GT + ((gyhi - y) / gyhi) * GH;
gridLines(0, gyhi, 0.1, gpy, (y) => y.toFixed(1));
g.strokeStyle = '#888';
g.strokeRect(L, GT, W - L - R, GH);
g.textAlign = 'center';
for (let x = 0.5; x <= xhi; x += 0.5) g.fillText(`${x}×`, px(x), GT + GH + 18);
g.save(); g.translate(16, GT + GH / 2); g.rotate(-Math.PI / 2); g.fillText('gap between the legs', 0, 0); g.restore();
g.textAlign = 'left';
g.fillStyle = '#555';
g.fillText('density in the gap between the legs ÷ the T-Rex\'s (scripts/leg-gap.mjs; the data: 0.00, legs one blob: 1)', L, GT - 6);
g.setLineDash([5, 4]);
g.strokeStyle = '#b00';
g.beginPath(); g.moveTo(px(BUDGET), GT); g.lineTo(px(BUDGET), GT + GH); g.stroke();
g.setLineDash([]);
let row = 0;
candidates.forEach((c, k) => {
  if (!c.gaps.length) return;
  const color = PALETTE[k % PALETTE.length];
  const x = px(c.cost) + offsetOf(k);
  g.strokeStyle = g.fillStyle = color;
  g.globalAlpha = 0.5;
  for (const v of c.gaps) { g.beginPath(); g.arc(x + 4, gpy(v), 2, 0, 2 * Math.PI); g.fill(); }
  g.globalAlpha = 1;
  g.beginPath(); g.arc(x, gpy(c.gapMean), c.chosen ? 6 : 4, 0, 2 * Math.PI); g.fill();
  if (c.chosen) { g.strokeStyle = '#000'; g.lineWidth = 2; g.stroke(); g.lineWidth = 1; }
  g.fillStyle = '#222';
  g.fillText(`${c.label}: ${c.gapMean.toFixed(2)}`, W - R + 34, GT + 13 + row * 20);
  g.fillStyle = color;
  g.fillRect(W - R + 14, GT + 4 + row * 20, 14, 8);
  row++;
});
writeFileSync(out, canvas.toBuffer('image/png'));
console.log(`wrote ${out}`);
