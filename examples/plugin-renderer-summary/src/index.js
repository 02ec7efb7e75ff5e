// A renderer plugin, written as a third party would: depends only on @flow-visualizer/core. It writes
// summary.json (the run's figures and how the generated cloud moves through t) and small-multiples.svg (one tiny
// scatter per frame). Use it with `plugins: [fv-plugin-renderer-summary]` and `visualization.renderers: [summary]`.
import path from 'node:path';
import { z } from 'zod';
import { definePlugin, pointCount } from '@flow-visualizer/core';
import { writeFileAtomic } from '@flow-visualizer/core/node';

const SummaryOptions = z.strictObject({
  columns: z.number().int().min(1).max(20).default(6).describe('Panels per row of the small-multiples sheet.'),
  panels: z.number().int().min(2).max(61).default(12).describe('How many frames (t from 0 to 1) to draw.'),
  max_points: z.number().int().min(10).default(400).describe('Points drawn per panel.'),
});

function moments(x) {
  const n = pointCount(x);
  let mx = 0, my = 0;
  for (let i = 0; i < x.length; i += 2) { mx += x[i]; my += x[i + 1]; }
  mx /= n; my /= n;
  let vx = 0, vy = 0;
  for (let i = 0; i < x.length; i += 2) { vx += (x[i] - mx) ** 2; vy += (x[i + 1] - my) ** 2; }
  return { mean: [mx, my], std: [Math.sqrt(vx / n), Math.sqrt(vy / n)] };
}

function sheet(result, o) {
  const { bounds: b, frames } = result;
  const size = 120, pad = 6, title = 14;
  const picks = Array.from({ length: o.panels }, (_, i) => frames[Math.round((i * (frames.length - 1)) / (o.panels - 1))]);
  const rows = Math.ceil(picks.length / o.columns);
  const W = o.columns * (size + pad) + pad, H = rows * (size + pad + title) + pad;
  const sx = (x) => ((x - b.xmin) / (b.xmax - b.xmin)) * size;
  const sy = (y) => size - ((y - b.ymin) / (b.ymax - b.ymin)) * size;
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`, `<rect width="100%" height="100%" fill="white"/>`];
  picks.forEach((f, k) => {
    const ox = pad + (k % o.columns) * (size + pad), oy = pad + Math.floor(k / o.columns) * (size + pad + title);
    parts.push(`<g transform="translate(${ox},${oy})"><text x="${size / 2}" y="10" text-anchor="middle">t = ${f.t.toFixed(2)}</text>`);
    parts.push(`<g transform="translate(0,${title})"><rect width="${size}" height="${size}" fill="none" stroke="#ccc"/>`);
    const m = Math.min(o.max_points, pointCount(f.x));
    for (let i = 0; i < m; i++) parts.push(`<circle cx="${sx(f.x[2 * i]).toFixed(1)}" cy="${sy(f.x[2 * i + 1]).toFixed(1)}" r="0.9" fill="#d62728"/>`);
    parts.push('</g></g>');
  });
  parts.push('</svg>');
  return parts.join('');
}

export const summaryRenderer = () =>
  definePlugin({
    name: 'fv-plugin-renderer-summary:summary',
    kind: 'renderer',
    id: 'summary',
    description: 'summary.json (figures, cloud moments through t) and small-multiples.svg.',
    optionsSchema: SummaryOptions,
    create(options) {
      return {
        id: 'summary',
        async render(result, outDir) {
          const summary = {
            dataset: result.context.dataset,
            backend: result.metrics.backend,
            final_loss: result.metrics.final_loss,
            sliced_w1: result.metrics.sliced_w1,
            sliced_w1_floor: result.metrics.sliced_w1_floor,
            bounds: result.bounds,
            frames: result.frames.map((f) => ({ t: f.t, ...moments(f.x) })),
          };
          const json = path.join(outDir, 'summary.json');
          const svg = path.join(outDir, 'small-multiples.svg');
          await writeFileAtomic(json, JSON.stringify(summary, null, 2) + '\n');
          await writeFileAtomic(svg, sheet(result, options));
          return [json, svg];
        },
      };
    },
  });

export const plugins = [summaryRenderer()];
