import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { decodeGif } from '../canvas/test-utils/gif-decode.js';
import { gridSpec } from './grid-spec.js';
import { metricsSpec } from './metrics-spec.js';
import { renderCompareGif } from './compare-gif.js';
import { renderSweepGrid } from './render.js';
import { summaryHtml } from './summary-html.js';

const bounds = { xmin: -2, xmax: 2, ymin: -2, ymax: 2 };
const ring = (n: number, r: number) => Float32Array.from({ length: 2 * n }, (_, i) => (i % 2 ? Math.sin : Math.cos)(Math.floor(i / 2) * 0.7) * r);

describe('sweep pictures', () => {
  it('the grid spec: one panel per cell, titled, the target faded behind, empty cells left blank', () => {
    const spec = gridSpec({
      title: 'Sweep', panels: [
        { title: ['pairing=none', 'sliced W1 0.02 ± 0.003 (n=3)'], target: ring(50, 1), generated: ring(40, 1.1) },
        null,
        { title: ['pairing=ot', 'sliced W1 —'], target: ring(50, 1), generated: new Float32Array(), missing: 'failed' },
      ], columns: 2, bounds, panelSize: 200, pixelRatio: 1,
    });
    expect(spec.vconcat).toHaveLength(2);
    const [a, blank] = spec.vconcat[0].hconcat;
    expect(a.title.text).toEqual(['pairing=none', 'sliced W1 0.02 ± 0.003 (n=3)']);
    expect(a.layer[0].mark.color).toBe('#9fb4d3');
    expect(a.layer[0].data.name).toBe('t0');
    expect(spec.datasets.g0).toHaveLength(40);
    expect(blank.title).toBeUndefined();
    expect(spec.vconcat[1].hconcat[0].layer[2].encoding.text.field).toBe('label');
  });

  it('the metrics spec: mean ± sd per group from the runs\' values', () => {
    const spec = metricsSpec({ title: 'm', groups: ['none', 'ot'], groupTitle: 'pairing', values: { sliced_w1: [[1, 2, 3], [5]] }, panelSize: 200, pixelRatio: 1 });
    const layers = spec.vconcat[0].hconcat[0].layer;
    expect(layers[0].data.values[0]).toMatchObject({ group: 'none', mean: 2, lo: 1, hi: 3, n: 3 });
    expect(layers[0].data.values[1]).toMatchObject({ group: 'ot', mean: 5, lo: 5, hi: 5, n: 1 });
    expect(layers[2].data.values).toHaveLength(4);
  });

  it('renders grid.png, .svg and .vl.json with the panel titles in the SVG', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fv-grid-'));
    const out = await renderSweepGrid({ title: 'Sweep', panels: [{ title: ['seed=1', 'sliced W1 0.1'], target: ring(30, 1), generated: ring(30, 1.2) }], columns: 1, bounds, panelSize: 150, pixelRatio: 1 }, dir);
    expect(out.files.map((f) => path.basename(f)).sort()).toEqual(['grid.png', 'grid.svg', 'grid.vl.json']);
    expect(readFileSync(path.join(dir, 'grid.svg'), 'utf8')).toContain('sliced W1 0.1');
    expect(out.width).toBeGreaterThan(150);
  });

  it('summary.html escapes text and carries sortable numbers and links', () => {
    const html = summaryHtml({ title: 'T <1>', subtitle: 's', columns: ['run', 'w1'], rows: [{ cells: [0, 0.5], link: { column: 0, href: '0/visualizations/report.html' } }], pictures: [] });
    expect(html).toContain('T &lt;1&gt;');
    expect(html).toContain('<td data-sort="0.5">0.5</td>');
    expect(html).toContain('<a href="0/visualizations/report.html">0</a>');
  });

  it('compare.gif: one panel per run, the points move from noise to the model\'s samples', async () => {
    const frames = (r: number) => [{ t: 0, x: ring(200, 0.3) }, { t: 1, x: ring(200, r) }];
    const gif = await renderCompareGif([{ title: 'a', target: ring(200, 1), frames: frames(1) }, { title: 'b', target: ring(200, 1), frames: frames(1.6) }], { title: 'cmp', bounds, panelSize: 120, seconds: 1, fps: 6, holdSeconds: 0.5 });
    const d = decodeGif(gif);
    expect(d.frames).toHaveLength(6);
    expect(d.width).toBe(2 * 120 + 3 * 10);
    // The first and last frames differ in each panel (points moved), and the two panels' last frames differ.
    const panelPixels = (rgba: Uint8ClampedArray, p: number) => {
      let s = 0;
      for (let y = 50; y < 50 + 120; y++) for (let x = 10 + p * 130; x < 10 + p * 130 + 120; x++) s += rgba[4 * (y * d.width + x) + 1] < 200 ? 1 : 0;
      return s;
    };
    const first = d.frames[0].rgba, last = d.frames.at(-1)!.rgba;
    expect(panelPixels(first, 0)).not.toBe(panelPixels(last, 0));
    expect(panelPixels(last, 0)).not.toBe(panelPixels(last, 1));
    if (process.env.FV_DUMP_GIF) {
      const c = createCanvas(d.width, d.height);
      const img = c.getContext('2d').createImageData(d.width, d.height);
      img.data.set(last);
      c.getContext('2d').putImageData(img, 0, 0);
      writeFileSync(process.env.FV_DUMP_GIF, c.toBuffer('image/png'));
    }
  });
});
