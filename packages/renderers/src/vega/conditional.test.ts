/**
 * Conditional runs through the vega renderer: every plot coloured by condition, with a legend naming the classes
 * (or the continuous scale), and guidance.png. FV_KEEP_PICTURES=<dir> keeps the pictures to look at.
 */
import { mkdtempSync, readFileSync, rmSync, existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sampleFlowResult } from '@flow-visualizer/core/testing';
import { conditionalFixture } from '../canvas/test-utils/conditional-fixture.js';
import { buildSpec } from './build-specs.js';
import { createVegaRenderer } from './plugin.js';
import { classHex } from '../plot/conditions.js';
import { specToSvg } from './render-spec.js';
import type { VlSpec } from './specs/common.js';

const keep = process.env.FV_KEEP_PICTURES;
const moons = conditionalFixture({ n: 600, visualization: { panel_size: 200, pixel_ratio: 1.5 } });
const gaussians = conditionalFixture({ data: 'gaussians8', n: 800, visualization: { panel_size: 200, pixel_ratio: 1.5 } });
const continuous = conditionalFixture({ kind: 'continuous', n: 600, visualization: { panel_size: 200, pixel_ratio: 1.5 } });

/** Every unit spec with a mark. */
function units(spec: VlSpec): VlSpec[] {
  const out: VlSpec[] = [];
  const walk = (s: VlSpec) => {
    if (s.mark) out.push(s);
    for (const k of ['layer', 'concat', 'hconcat', 'vconcat']) for (const c of s[k] ?? []) walk(c);
  };
  walk(spec);
  return out;
}

const colourEncodings = (spec: VlSpec) => units(spec).map((u) => u.encoding?.color ?? u.encoding?.fill).filter((c) => c?.field === 'c' || c?.field === 'c_dot');

describe('vega plots of a run with classes', () => {
  it.each(['comparison', 'trajectory', 'paths', 'density', 'evolution', 'guidance'] as const)('%s colours points by class, in the theme palette, legend titled by the condition', (plot) => {
    const spec = buildSpec(plot, moons)!;
    const enc = colourEncodings(spec);
    expect(enc.length).toBeGreaterThan(0);
    for (const c of enc) {
      expect(c.type).toBe('nominal');
      expect(c.scale).toEqual({ domain: ['upper moon', 'lower moon'], range: [classHex(0), classHex(1)] });
    }
    expect(enc.some((c) => c.legend && c.title === 'class')).toBe(true);
  });

  it('gives each generated point the class it was asked for, in result.generated order', () => {
    const spec = buildSpec('comparison', moons);
    const rows = spec.datasets.generated as { x: number; y: number; c: string }[];
    expect(rows).toHaveLength(600);
    rows.forEach((r, i) => expect(r.c).toBe(moons.conditions!.names![moons.conditions!.generated[i]]));
    const targetRows = spec.datasets.target as { c: string }[];
    targetRows.forEach((r, i) => expect(r.c).toBe(moons.conditions!.names![moons.conditions!.target[i]]));
  });

  it('guidance has one panel per weight, the same asked classes in each, and says how many land nearest their class', () => {
    const spec = buildSpec('guidance', gaussians)!;
    const titles = spec.concat.map((p: VlSpec) => p.title.text as string);
    expect(titles.map((t: string) => t.split(' · ')[0])).toEqual(['w = 0', 'w = 1', 'w = 2', 'w = 4']);
    const share = titles.map((t: string) => Number(/(\d+)% nearest/.exec(t)![1]));
    // w = 0 ignores the class: about 1 in 8 by chance; the conditional model: nearly all.
    expect(share[0]).toBeLessThan(30);
    expect(share[1]).toBeGreaterThan(95);
    for (let i = 0; i < 4; i++) expect((spec.datasets[`w${i}`] as { c: string }[]).map((r) => r.c)).toEqual((spec.datasets.w0 as { c: string }[]).map((r) => r.c));
  });

  it('density by class draws each class\'s lines in its colour over the grey density of all points', () => {
    const spec = buildSpec('density', gaussians);
    const lines = spec.datasets.lines0 as { c: string }[];
    expect(new Set(lines.map((r) => r.c)).size).toBe(8);
    const cells = units(spec).filter((u) => u.mark.type === 'rect');
    expect(cells[0].encoding.fill.legend).toBeNull();
  });

  it('a continuous condition takes the colour scale, with a gradient legend over the target\'s range', () => {
    const spec = buildSpec('comparison', continuous);
    const enc = colourEncodings(spec);
    expect(enc[0]).toMatchObject({ type: 'quantitative', title: 'target x', legend: { type: 'gradient' } });
    const xs = continuous.conditions!.target;
    expect(enc[0].scale.domain[0]).toBeCloseTo(Math.min(...xs), 3);
    expect(enc[0].scale.domain[1]).toBeCloseTo(Math.max(...xs), 3);
  });

  it('every conditional spec renders to SVG (vega-lite accepts it) with the class names in the legend', async () => {
    for (const plot of ['comparison', 'trajectory', 'paths', 'density', 'evolution', 'guidance'] as const) {
      const svg = await specToSvg(buildSpec(plot, moons)!);
      expect(svg).toContain('upper moon');
      expect(svg).toContain('lower moon');
    }
  });

  it('an unconditional run has no guidance plot and unchanged specs (no condition field anywhere)', async () => {
    const plain = sampleFlowResult({ n: 100 });
    expect(buildSpec('guidance', plain)).toBeUndefined();
    for (const plot of ['comparison', 'trajectory', 'paths', 'density', 'evolution'] as const) expect(colourEncodings(buildSpec(plot, plain))).toEqual([]);
  });

  it('the renderer writes guidance.png/.svg/.vl.json on a conditional run, and every plot as PNG', async () => {
    const root = keep ?? mkdtempSync(path.join(os.tmpdir(), 'fv-cond-'));
    try {
      for (const [name, result] of [['moons', moons], ['gaussians8', gaussians], ['continuous', continuous]] as const) {
        const dir = path.join(root, name);
        mkdirSync(dir, { recursive: true });
        const files = await createVegaRenderer({ plots: ['comparison', 'trajectory', 'paths', 'density', 'evolution', 'guidance'] }).render(result, dir);
        const names = files.map((f) => path.basename(f));
        for (const ext of ['png', 'svg', 'vl.json']) expect(names).toContain(`guidance.${ext}`);
        const png = readFileSync(path.join(dir, 'guidance.png'));
        expect(png.subarray(1, 4).toString()).toBe('PNG');
        expect(existsSync(path.join(dir, 'density.png'))).toBe(true);
      }
    } finally {
      if (!keep) rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);
});
