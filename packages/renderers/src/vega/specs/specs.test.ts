import { sampleFlowResult } from '@flow-visualizer/core/testing';
import { gridSpacing } from './arrows.js';
import { buildSpec } from '../build-specs.js';
import type { VlSpec } from './common.js';

const result = sampleFlowResult({ n: 120, epochs: 37 });
const b = result.bounds;

/** Every unit spec (one with a mark) inside a spec, layers and concats included. */
function units(spec: VlSpec): VlSpec[] {
  const out: VlSpec[] = [];
  const walk = (s: VlSpec) => {
    if (s.mark) out.push(s);
    for (const k of ['layer', 'concat', 'hconcat', 'vconcat']) for (const c of s[k] ?? []) walk(c);
  };
  walk(spec);
  return out;
}

/** The panels: direct children of the concat. */
const panels = (spec: VlSpec): VlSpec[] => spec.concat ?? spec.hconcat ?? spec.vconcat ?? [spec];

describe('comparison spec', () => {
  const spec = buildSpec('comparison', result);

  it('has three square panels: target, generated, overlay', () => {
    const p = panels(spec);
    expect(p.map((x) => x.title.text)).toEqual([expect.stringMatching(/^Target/), expect.stringMatching(/^Generated/), 'Overlay']);
    for (const x of p) expect(x.width).toBe(x.height);
  });

  it('pins x and y of every layer to result.bounds, without nice rounding', () => {
    const u = units(spec);
    expect(u.length).toBe(4);
    for (const l of u) {
      expect(l.encoding.x.scale).toMatchObject({ domain: [b.xmin, b.xmax], nice: false, zero: false });
      expect(l.encoding.y.scale).toMatchObject({ domain: [b.ymin, b.ymax], nice: false, zero: false });
    }
  });

  it('holds every target and generated point', () => {
    expect(spec.datasets.target).toHaveLength(result.target.length / 2);
    expect(spec.datasets.generated).toHaveLength(result.generated.length / 2);
  });

  it('uses visualization.panel_size', () => {
    const big = buildSpec('comparison', sampleFlowResult({ n: 10, visualization: { panel_size: 500 } }));
    expect(panels(big)[0].width).toBe(500);
  });
});

describe('trajectory spec', () => {
  const spec = buildSpec('trajectory', result);

  it('has one panel per snapshot, titled with its t', () => {
    const p = panels(spec);
    expect(p).toHaveLength(result.trajectory.length);
    expect(p.map((x) => x.title.text)).toEqual(['t = 0', 't = 0.2', 't = 0.4', 't = 0.6', 't = 0.8', 't = 1']);
  });

  it('draws the points of each snapshot over the target, on the shared axes', () => {
    panels(spec).forEach((p, i) => {
      expect(p.layer.map((l: VlSpec) => l.data.name)).toEqual(['target', `t${i}`]);
      expect(spec.datasets[`t${i}`][0].x).toBeCloseTo(result.trajectory[i].x[0], 3);
      for (const l of p.layer) expect(l.encoding.x.scale.domain).toEqual([b.xmin, b.xmax]);
    });
  });

  it('puts six panels in two rows of three', () => {
    expect(spec.columns).toBe(3);
  });
});

describe('vector field spec', () => {
  const spec = buildSpec('vector_field', result);
  const cell = gridSpacing(result.fields[0], b);

  it('has one panel per field time, titled with its t', () => {
    expect(panels(spec).map((p) => p.title.text)).toEqual(['t = 0', 't = 0.33', 't = 0.67', 't = 1']);
  });

  it('has an arrow per grid point, none longer than the grid spacing, the longest nearly one cell', () => {
    let longest = 0;
    result.fields.forEach((f, i) => {
      const arrows = spec.datasets[`field${i}`];
      expect(arrows).toHaveLength(f.grid.length / 2);
      for (const a of arrows) {
        const len = Math.hypot(a.x2 - a.x, a.y2 - a.y);
        expect(len).toBeLessThanOrEqual(cell + 1e-6);
        longest = Math.max(longest, len);
      }
    });
    expect(longest).toBeGreaterThan(0.8 * cell);
  });

  it('points each arrow along the velocity, with its head angle in Vega\'s clockwise-from-up degrees', () => {
    const f = result.fields[1];
    spec.datasets.field1.forEach((a: VlSpec, k: number) => {
      const vx = f.velocity[2 * k], vy = f.velocity[2 * k + 1];
      const dx = a.x2 - a.x, dy = a.y2 - a.y;
      // Same direction: the cross product vanishes and the dot product is positive.
      expect(Math.abs(dx * vy - dy * vx)).toBeLessThan(1e-3 * Math.hypot(vx, vy) + 1e-3);
      expect(dx * vx + dy * vy).toBeGreaterThan(0);
      // Up (0, 1) is 0°, right (1, 0) is 90°: the screen direction of the angle matches (dx, dy).
      const rad = (a.angle * Math.PI) / 180;
      expect(Math.sin(rad) * dx + Math.cos(rad) * dy).toBeGreaterThan(0.99 * Math.hypot(dx, dy) - 1e-3);
      // Centred on the grid point.
      expect((a.x + a.x2) / 2).toBeCloseTo(f.grid[2 * k], 3);
    });
  });

  it('colours shafts and heads by speed on one scale shared by all panels', () => {
    const layers = panels(spec)[0].layer;
    expect(layers[1].encoding.color.field).toBe('speed');
    expect(layers[2].encoding.fill.scale).toEqual(layers[1].encoding.color.scale);
    expect(spec.resolve.scale.color).toBe('shared');
  });
});

describe('loss spec', () => {
  it('has one point per epoch, on a log scale by default', () => {
    const spec = buildSpec('loss', result);
    expect(spec.datasets.loss).toHaveLength(37);
    expect(spec.datasets.loss[0]).toEqual({ epoch: 1, loss: result.lossHistory[0] });
    expect(spec.layer[0].encoding.y.scale.type).toBe('log');
  });

  it('is linear when asked, or when a loss is not positive', () => {
    expect(buildSpec('loss', result, { log_loss: false }).layer[0].encoding.y.scale.type).toBeUndefined();
    const r = { ...result, lossHistory: [1, 0.5, 0, -0.1] };
    expect(buildSpec('loss', r).layer[0].encoding.y.scale.type).toBeUndefined();
  });

  it('says so when there is no loss history', () => {
    const spec = buildSpec('loss', { ...result, lossHistory: [] });
    expect(spec.title.subtitle).toMatch(/no loss/);
  });
});

describe('density spec', () => {
  it('bins both sets over result.bounds into shares that add up to 100% of the points inside', () => {
    const spec = buildSpec('density', result, { density_bins: 10 });
    for (const name of ['target', 'generated']) {
      const cells = spec.datasets[name];
      const total = cells.reduce((s: number, c: VlSpec) => s + c.share, 0);
      expect(total).toBeGreaterThan(99);
      expect(total).toBeLessThanOrEqual(100.01);
      for (const c of cells) {
        expect(c.x).toBeGreaterThanOrEqual(b.xmin - 1e-4);
        expect(c.x2).toBeLessThanOrEqual(b.xmax + 1e-4);
        expect(c.x2 - c.x).toBeCloseTo((b.xmax - b.xmin) / 10, 3);
      }
    }
    for (const p of panels(spec)) expect(p.encoding.x.scale.domain).toEqual([b.xmin, b.xmax]);
  });
});

describe('max_points', () => {
  it('draws at most max_points of a set, says so in the title, and still bins them all', () => {
    const spec = buildSpec('comparison', result, { max_points: 50 });
    expect(spec.datasets.target).toHaveLength(50);
    expect(panels(spec)[0].title.text).toBe('Target (120 points, 50 drawn)');
    const traj = buildSpec('trajectory', result, { max_points: 50 });
    expect(traj.datasets.t0).toHaveLength(50);
    const density = buildSpec('density', result, { max_points: 50, density_bins: 5 });
    const total = density.datasets.target.reduce((s: number, c: VlSpec) => s + c.share, 0);
    expect(total).toBeGreaterThan(99);
  });
});

describe('preview spec (fv data --png)', () => {
  it('draws every point (up to max_points) on the given square axes, titled', async () => {
    const { previewSpec } = await import('./preview.js');
    const points = new Float32Array([0, 0, 1, 1, -1, 0.5]);
    const spec = previewSpec({ points, title: 'moons: 3 points', bounds: { xmin: -2, xmax: 2, ymin: -2, ymax: 2 }, size: 300, pixelRatio: 1 }, 2);
    expect(spec.datasets.target).toHaveLength(2);
    expect(spec.title.text ?? spec.title).toBe('moons: 3 points');
    expect(spec.layer[0].encoding.x.scale.domain).toEqual([-2, 2]);
  });
});
