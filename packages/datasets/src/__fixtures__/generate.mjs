// One-off generator of the fixtures under packages/datasets/src/__fixtures__ (committed; not run by tests). Run: node src/__fixtures__/generate.mjs.
import { createCanvas } from '@napi-rs/canvas';
import fs from 'node:fs';
const dir = import.meta.dirname;
// CSV: a ring of 48 points and a dot of 12 at its centre, with a header and a comment.
const csv = ['# a ring with a dot in the middle', 'x,y'];
for (let k = 0; k < 48; k++) csv.push(`${(3 + 2 * Math.cos(k * Math.PI / 24)).toFixed(4)},${(1 + 2 * Math.sin(k * Math.PI / 24)).toFixed(4)}`);
for (let k = 0; k < 12; k++) csv.push(`${(3 + 0.1 * Math.cos(k * Math.PI / 6)).toFixed(4)},${(1 + 0.1 * Math.sin(k * Math.PI / 6)).toFixed(4)}`);
fs.writeFileSync(`${dir}/ring.csv`, csv.join('\n') + '\n');
// JSON pairs: a plus sign, 10 units wide. JSON objects: a diagonal line of 20 points.
const plus = [];
for (let k = -5; k <= 5; k++) { plus.push([k, 0]); if (k !== 0) plus.push([0, k]); }
fs.writeFileSync(`${dir}/plus.json`, JSON.stringify(plus) + '\n');
fs.writeFileSync(`${dir}/diagonal.json`, JSON.stringify(Array.from({ length: 20 }, (_, k) => ({ x: k, y: 2 * k }))) + '\n');
// PNG: a black "L" on a transparent background (64×48): a tall bar on the left, a foot along the bottom.
let c = createCanvas(64, 48), g = c.getContext('2d');
g.fillStyle = '#000';
g.fillRect(8, 6, 12, 36);
g.fillRect(8, 30, 48, 12);
fs.writeFileSync(`${dir}/letter-l.png`, c.toBuffer('image/png'));
// JPEG: a black triangle pointing up on white (80×60).
c = createCanvas(80, 60); g = c.getContext('2d');
g.fillStyle = '#fff'; g.fillRect(0, 0, 80, 60);
g.fillStyle = '#000'; g.beginPath(); g.moveTo(40, 5); g.lineTo(72, 55); g.lineTo(8, 55); g.closePath(); g.fill();
fs.writeFileSync(`${dir}/triangle.jpg`, c.toBuffer('image/jpeg', 90));
// Blank PNG (all white) for the "no dark pixel" error.
c = createCanvas(16, 16); g = c.getContext('2d'); g.fillStyle = '#fff'; g.fillRect(0, 0, 16, 16);
fs.writeFileSync(`${dir}/blank.png`, c.toBuffer('image/png'));
