#!/usr/bin/env node
// The pairing lines per coupling: which source point goes to which target point in one batch, for the C2OT
// toy (eight Gaussians → moons, their coordinates), with independent pairing, exact minibatch OT, entropic OT
// (pairs drawn from the Sinkhorn plan at ε = 0.5, which is SB-CFM's coupling at σ = 0.5) and Sinkhorn rounded to
// a permutation. One PNG with a panel per coupling: docs/images/pairing-lines.png.
//   node scripts/pairing-lines.mjs [--n 256] [--out docs/images/pairing-lines.png]
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { createRng } from '@flow-visualizer/core';
import { moonsDataset, eightGaussiansDataset } from '@flow-visualizer/datasets';
import { otPairing, entropicOtPairing } from '@flow-visualizer/couplings';

const args = { n: 256, out: 'docs/images/pairing-lines.png' };
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
const n = Number(args.n);
const x0 = eightGaussiansDataset({ raw_radius: 5, cluster_std: 0.1 ** 0.25 / 5 }).sample(n, createRng(1, 'source'));
const x1 = moonsDataset({ layout: 'torchdyn', uniform_noise: 0.2, raw_scale: 3, raw_shift: -1 }).sample(n, createRng(1, 'target'));
const panels = [
  ['independent (none)', x0],
  ['exact OT (ot)', otPairing().pair(x0, x1, createRng(2))],
  ['entropic OT, ε 0.5 (entropic_ot)', entropicOtPairing({ reg: 0.5 }).pair(x0, x1, createRng(2))],
  ['Sinkhorn rounded (sinkhorn_rounded)', otPairing({ solver: 'sinkhorn_rounded', sinkhorn_reg: 0.05 }).pair(x0, x1, createRng(2))],
];
const size = 320, lim = 7.5;
const px = (v) => ((v + lim) / (2 * lim)) * size;
const py = (v) => size - ((v + lim) / (2 * lim)) * size;
let svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${panels.length * size}" height="${size + 28}" font-family="DejaVu Sans" font-size="12"><rect width="100%" height="100%" fill="white"/>`;
panels.forEach(([title, paired], k) => {
  const ox = k * size;
  svg += `<g transform="translate(${ox},28)"><rect width="${size}" height="${size}" fill="none" stroke="#ccc"/>`;
  let cost = 0;
  for (let i = 0; i < n; i++) {
    const [a, b, c, d] = [paired[2 * i], paired[2 * i + 1], x1[2 * i], x1[2 * i + 1]];
    cost += (a - c) ** 2 + (b - d) ** 2;
    svg += `<line x1="${px(a).toFixed(1)}" y1="${py(b).toFixed(1)}" x2="${px(c).toFixed(1)}" y2="${py(d).toFixed(1)}" stroke="#8a8a3c" stroke-opacity="0.45" stroke-width="0.7"/>`;
  }
  for (let i = 0; i < n; i++) svg += `<circle cx="${px(paired[2 * i]).toFixed(1)}" cy="${py(paired[2 * i + 1]).toFixed(1)}" r="1.8" fill="#F4A582"/><circle cx="${px(x1[2 * i]).toFixed(1)}" cy="${py(x1[2 * i + 1]).toFixed(1)}" r="1.8" fill="#B2182B"/>`;
  svg += `</g><text x="${ox + 8}" y="19">${title}: cost ${(cost / n).toFixed(2)}</text>`;
});
svg += '</svg>';
mkdirSync(path.dirname(args.out), { recursive: true });
writeFileSync(args.out, new Resvg(svg).render().asPng());
console.log(`wrote ${args.out}`);
