import { createRng } from '@flow-visualizer/core';
import { shapeDatasetPlugins, dataNoise } from './index.js';
import { builtinDatasetPlugins } from './node.js';
import { make } from './test-utils/ctx.js';

const ids = ['trex', 'moons', 'eight_gaussians', 'spiral', 'checkerboard', 'swiss_roll', 'circles', 'pinwheel', 'gaussian', 'points', 'svg', 'image'];

/** The object shape behind a plugin's options schema (zod 4 keeps it on refined objects too). */
function shapeOf(schema: unknown): Record<string, { description?: string }> {
  return (schema as { shape: Record<string, { description?: string }> }).shape;
}

describe('builtinDatasetPlugins', () => {
  const plugins = builtinDatasetPlugins();

  it('offers every dataset once, as dataset plugins with fv: names', () => {
    expect(plugins.map((p) => p.id)).toEqual(ids);
    expect(new Set(plugins.map((p) => p.name)).size).toBe(ids.length);
    for (const p of plugins) {
      expect(p.kind).toBe('dataset');
      expect(p.name).toMatch(/^fv:dataset-[a-z0-9-]+$/);
    }
    expect(shapeDatasetPlugins().map((p) => p.id)).toEqual(ids.slice(0, 9));
  });

  it('gives each a one-line description and an options schema with a described default for every option', () => {
    for (const p of plugins) {
      expect(p.description).not.toMatch(/\n/);
      expect(p.description.length).toBeGreaterThan(10);
      expect(p.description.length).toBeLessThan(120);
      expect(p.optionsSchema).toBeDefined();
      for (const [key, field] of Object.entries(shapeOf(p.optionsSchema))) {
        expect([p.id, key, typeof field.description]).toEqual([p.id, key, 'string']);
      }
    }
  });

  it('rejects unknown options (strict), so that a typo is caught with a suggestion by the config layer', () => {
    for (const p of plugins) expect([p.id, p.optionsSchema!.safeParse({ nonsense: 1 }).success]).toEqual([p.id, false]);
  });

  it('makes every built-in shape from empty options (all defaults)', async () => {
    for (const p of shapeDatasetPlugins()) {
      const ds = await make(p, {});
      expect(ds.id).toBe(p.id);
    }
  });
});

describe('data.noise means the same everywhere: Gaussian std in box units, added after scaling', () => {
  it.each([0, 0.05, 0.2])('circles with noise %f: radial deviation has that std', async (noise) => {
    const p = await (await make(builtinDatasetPlugins().find((x) => x.id === 'circles')!, {}, noise)).sample(20000, createRng(9));
    let s2 = 0;
    for (let i = 0; i < p.length; i += 2) {
      const r = Math.hypot(p[i], p[i + 1]);
      const d = Math.min(Math.abs(r - 2), Math.abs(r - 1));
      s2 += d * d;
    }
    // The radial part of isotropic noise has the same std (up to curvature, tiny here).
    expect(Math.sqrt(s2 / 20000)).toBeCloseTo(noise, 2);
  });

  it('reads data.noise from the run values, and never a negative or NaN value', () => {
    expect(dataNoise({ run: { seed: 0, dataNoise: 0, sigmaMin: 0 } })).toBe(0);
    expect(dataNoise({ run: { seed: 0, dataNoise: 0.3, sigmaMin: 0 } })).toBe(0.3);
    expect(dataNoise({ run: { seed: 0, dataNoise: -1, sigmaMin: 0 } })).toBe(0);
    expect(dataNoise({ run: { seed: 0, dataNoise: 'x' as unknown as number, sigmaMin: 0 } })).toBe(0);
  });
});
