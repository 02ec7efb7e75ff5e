import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeRendererContract, checkHtml } from '@flow-visualizer/core/testing';
import { flowFixture } from '../canvas/test-utils/flow-fixture.js';
import { createReportRenderer, reportRenderer } from './plugin.js';
import { ReportOptionsSchema } from './options.js';
import { scriptSafe } from './vendor.js';

describeRendererContract('report', () => createReportRenderer());

/** The JSON of a <script type="application/json" id="…"> element of the page. */
function embedded(html: string, id: string): any {
  const m = new RegExp(`<script type="application/json" id="${id}">([\\s\\S]*?)</script>`).exec(html);
  if (!m) throw new Error(`no #${id} in the page`);
  return JSON.parse(m[1]);
}

describe('report.html', () => {
  const result = flowFixture({ n: 3000, nTarget: 2500 });
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'fv-report-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is one self-contained page: Vega inlined, nothing to fetch (size and time printed)', async () => {
    const r = createReportRenderer();
    const [file] = await r.render(result, dir);
    expect(path.basename(file)).toBe('report.html');
    const html = readFileSync(file, 'utf8');
    console.log(`report.html: ${(r.stats.bytes! / 1e6).toFixed(2)} MB in ${r.stats.seconds!.toFixed(2)} s`);
    checkHtml(html);
    for (const lib of ['vega', 'vega-lite', 'vega-embed']) expect(html).toContain(`<script data-lib="${lib}">`);
    // No external resource of any kind: every <script> is inline, no stylesheet links, no remote src/href.
    expect(html).not.toMatch(/<script[^>]*\ssrc=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/\s(src|href)=["']?(https?:)?\/\//i);
    expect(html).toContain("default-src 'none'");
    expect(r.stats.bytes!).toBeLessThan(4e6);
  });

  it('embeds the frames (same subset of points in each), the field at evenly spaced times, loss, metrics and config', async () => {
    const [file] = await createReportRenderer({ max_points: 1000, field_samples: 11 }).render(result, dir);
    const html = readFileSync(file, 'utf8');
    const data = embedded(html, 'fv-data');
    expect(data.times).toHaveLength(result.frames.length);
    expect(data.frames.every((f: number[]) => f.length === 2000)).toBe(true);
    expect(data.target).toHaveLength(2 * 2000);
    // 3 decimals: no coordinate carries more.
    expect(data.frames[5].every((v: number) => Math.abs(v * 1000 - Math.round(v * 1000)) < 1e-6)).toBe(true);
    expect(data.fieldTimes).toEqual(Array.from({ length: 11 }, (_, i) => i / 10));
    expect(data.fields[0]).toHaveLength(data.grid.length);
    expect(data.gridSize).toBe(result.context.gridSize);
    expect(data.loss).toHaveLength(result.lossHistory.length);
    expect(html).toContain('<tr data-key="sliced_w1"><th scope="row">Sliced Wasserstein-1');
    expect(html).not.toContain('data-key="loss_history"');
    expect(html).not.toContain('data-key="sliced_w1_floor"');
    // The new views ride along: paths and density as the vega renderer draws them, the training record.
    const specs0 = embedded(html, 'fv-specs');
    expect(specs0.paths.datasets.paths.length).toBe(150 * result.frames.length);
    expect(Object.keys(specs0.density.datasets).filter((k) => k.startsWith('cells'))).toHaveLength(result.trajectory.length + 1);
    expect(data.evolution.epochs).toEqual(result.evolution!.map((e) => e.epoch));
    expect(data.lossFresh).toBe(0.93);
    expect(html).toContain('n_epochs: 300');
    const specs = embedded(html, 'fv-specs');
    expect(specs.flow.layer.map((l: any) => l.data.name)).toEqual(['target', 'arrows', 'arrows', 'points']);
    expect(specs.flow.layer[0].encoding.x.scale.domain).toEqual([data.bounds[0], data.bounds[1]]);
  });

  it('tops its speed legend where the vector_field PNG does (same reference speed, "≥" when faster arrows are capped)', async () => {
    const { buildSpec } = await import('../vega/build-specs.js');
    const [file] = await createReportRenderer().render(result, dir);
    const html = readFileSync(file, 'utf8');
    const png = buildSpec('vector_field', result).concat[0].layer[1].encoding.color;
    const page = embedded(html, 'fv-specs').flow.layer[1].encoding.color;
    expect(page.scale.domain).toEqual(png.scale.domain);
    expect(page.legend.values).toEqual(png.legend.values);
    expect(embedded(html, 'fv-data').vref).toBeCloseTo(png.scale.domain[1], 3);
  });

  it('works without the model: the field comes from result.fields, interpolated in t', async () => {
    const { velocity: _v, ...noModel } = result;
    const [file] = await createReportRenderer({ field_samples: 5 }).render(noModel, dir);
    const data = embedded(readFileSync(file, 'utf8'), 'fv-data');
    expect(data.fields).toHaveLength(5);
    expect(data.grid).toHaveLength(2 * result.context.gridSize ** 2);
  });

  it('embeds the solver chart when fv compare-solvers wrote one into the folder', async () => {
    const { writeFileSync } = await import('node:fs');
    const sub = mkdtempSync(path.join(os.tmpdir(), 'fv-report-solvers-'));
    try {
      writeFileSync(path.join(sub, 'solvers.vl.json'), JSON.stringify({ mark: 'point', data: { values: [{ nfe: 1, sliced_w1: 0.2 }] } }));
      const [file] = await createReportRenderer().render(result, sub);
      const html = readFileSync(file, 'utf8');
      expect(embedded(html, 'fv-specs').solvers.mark).toBe('point');
      expect(html).toContain('id="solvers-view"');
    } finally {
      rmSync(sub, { recursive: true, force: true });
    }
  });

  it('escapes what could end a script early', () => {
    expect(scriptSafe('a</script>b<!--c')).toBe('a<\\/script>b<\\!--c');
    const html = '</script>';
    expect(JSON.stringify(html).includes('</')).toBe(true);
  });

  it('has a described options schema and rejects unknown keys', () => {
    expect(ReportOptionsSchema.parse({})).toMatchObject({ field_samples: 21, max_points: 2000, decimals: 3 });
    expect(ReportOptionsSchema.safeParse({ max_pionts: 5 }).success).toBe(false);
    for (const [key, schema] of Object.entries(ReportOptionsSchema.shape)) expect([key, (schema.description ?? '').length > 0]).toEqual([key, true]);
    const p = reportRenderer();
    expect([p.kind, p.id]).toEqual(['renderer', 'report']);
  });
});
