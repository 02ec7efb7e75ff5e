#!/usr/bin/env node
// Draws every built-in dataset (2000 points each, seed 42, data.noise 0.02 as in configs/base.yaml) into one grid
// image with titles, so that a reader sees at a glance what each `data.name` gives.
// Usage (after building core and datasets): node scripts/gallery.mjs [out.png]   (default docs/gallery.png)
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { createRng, DATA_BOX } from '@flow-visualizer/core';
import { writeFileAtomic } from '@flow-visualizer/core/node';
import { shapeDatasetPlugins } from '@flow-visualizer/datasets';

const out = process.argv[2] ?? path.join(import.meta.dirname, '..', 'docs', 'gallery.png');
const N = 2000, SEED = 42, NOISE = 0.02;
const plugins = shapeDatasetPlugins();
const COLS = 4, CELL = 300, TITLE = 34, PAD = 14;
const rows = Math.ceil(plugins.length / COLS);
const canvas = createCanvas(COLS * CELL, rows * (CELL + TITLE));
const g = canvas.getContext('2d');
g.fillStyle = '#ffffff';
g.fillRect(0, 0, canvas.width, canvas.height);

// Every dataset shares the box [-DATA_BOX, DATA_BOX]²; the frame is the plotted area, a little beyond that box so
// that the noise stays visible, and every point is drawn inside it (clipped there, never over the frame).
const half = DATA_BOX * 1.12;
for (const [k, plugin] of plugins.entries()) {
  const x0 = (k % COLS) * CELL, y0 = Math.floor(k / COLS) * (CELL + TITLE);
  const ctx = { baseDir: process.cwd(), rng: createRng(SEED, 'plugins'), run: { seed: SEED, dataNoise: NOISE, sigmaMin: 0 }, log: () => {} };
  const dataset = await plugin.create(plugin.optionsSchema ? plugin.optionsSchema.parse({}) : {}, ctx);
  const pts = await dataset.sample(N, createRng(SEED));
  const size = CELL - 2 * PAD;
  const px = (v) => x0 + PAD + ((v + half) / (2 * half)) * size;
  const py = (v) => y0 + TITLE + PAD + ((half - v) / (2 * half)) * size;

  g.fillStyle = '#222';
  g.font = 'bold 18px sans-serif';
  g.textAlign = 'center';
  g.fillText(plugin.id, x0 + CELL / 2, y0 + 24);
  g.strokeStyle = '#dddddd';
  g.lineWidth = 1;
  g.strokeRect(px(-half), py(half), px(half) - px(-half), py(-half) - py(half));
  g.save();
  g.beginPath();
  g.rect(px(-half) + 1, py(half) + 1, px(half) - px(-half) - 2, py(-half) - py(half) - 2);
  g.clip();
  g.fillStyle = 'rgba(31, 78, 156, 0.65)';
  for (let i = 0; i < pts.length; i += 2) g.fillRect(px(pts[i]) - 1.1, py(pts[i + 1]) - 1.1, 2.2, 2.2);
  g.restore();
}

await writeFileAtomic(out, canvas.toBuffer('image/png'));
console.log(`wrote ${out} (${plugins.length} datasets, ${N} points each, seed ${SEED})`);
