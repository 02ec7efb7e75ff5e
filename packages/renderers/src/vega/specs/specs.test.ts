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

describe('vector field scale', () => {
  it('scales arrows by a speed inside the data region, caps faster ones and marks the legend with ≥', async () => {
    const { speedScale, maxSpeed } = await import('../../plot/field-stats.js');
    const { vref, clipped } = speedScale(result.fields, result.target, b);
    // The synthetic field is fastest far from the ring: the reference speed sits below the fastest arrow.
    expect(vref).toBeLessThan(maxSpeed(result.fields));
    expect(clipped).toBe(true);
    const spec = buildSpec('vector_field', result);
    const color = panels(spec)[0].layer[1].encoding.color;
    expect(color.scale.domain[1]).toBeCloseTo(vref, 3);
    expect(color.legend.labelExpr).toContain('≥');
    for (let i = 0; i < result.fields.length; i++) for (const a of spec.datasets[`field${i}`]) expect(a.speed).toBeLessThanOrEqual(vref + 1e-3);
  });

  it('gives every visible arrow a head of at least 4 px (or the whole arrow when shorter)', () => {
    const spec = buildSpec('vector_field', result);
    const px = 320 / (b.xmax - b.xmin);
    for (const a of spec.datasets.field0) {
      const len = Math.hypot(a.x2 - a.x, a.y2 - a.y) * px;
      expect(Math.sqrt(a.head)).toBeGreaterThanOrEqual(Math.min(4, len) - 0.05);
    }
  });
});

describe('paths spec', () => {
  const spec = buildSpec('paths', result, { paths: 25 });

  it('draws 25 whole paths, each through every frame in time order, coloured by where it ends', () => {
    const rows = spec.datasets.paths;
    expect(rows).toHaveLength(25 * result.frames.length);
    const first = rows.filter((r: VlSpec) => r.id === 3);
    expect(first.map((r: VlSpec) => r.t)).toEqual([...result.frames].map((f) => Math.round(f.t * 1e4) / 1e4).sort((p, q) => p - q));
    expect(first[first.length - 1].x).toBeCloseTo(result.frames[result.frames.length - 1].x[6], 3);
    for (const r of first) expect(r.end).toBeCloseTo(first[first.length - 1].x, 3);
    expect(spec.datasets.ends).toHaveLength(25);
    expect(spec.datasets.starts).toHaveLength(25);
    const line = units(spec).find((u) => u.mark.type === 'line')!;
    expect(line.encoding.detail.field).toBe('id');
    expect(line.encoding.order.field).toBe('t');
    expect(line.encoding.color.field).toBe('end');
  });
});

describe('loss spec', () => {
  it('is linear by default: the raw loss faint, a moving median bold, and the fresh-pair loss as a line', () => {
    const spec = buildSpec('loss', result);
    expect(spec.datasets.loss).toHaveLength(37);
    expect(spec.datasets.loss[0]).toMatchObject({ epoch: 1, loss: result.lossHistory[0] });
    expect(spec.layer[0].encoding.y.scale.type).toBeUndefined();
    expect(spec.layer[0].mark.opacity).toBeLessThan(0.5);
    expect(spec.layer[1].encoding.y.field).toBe('smooth');
    const rule = spec.layer.find((l: VlSpec) => l.mark.type === 'rule');
    expect(rule.data.values[0].y).toBe(result.metrics.loss_fresh);
    expect(spec.layer.find((l: VlSpec) => l.mark.type === 'text').data.values[0].text).toMatch(/never reaches 0/);
  });

  it('keeps one diverging epoch from flattening the curve: it runs off the axis, and the subtitle says so', () => {
    const lossHistory = Array.from({ length: 200 }, (_, i) => 0.9 + 0.3 * Math.exp(-i / 10) + 0.01 * Math.sin(i));
    lossHistory[150] = 2.5;
    const spec = buildSpec('loss', { ...result, lossHistory });
    const [lo, hi] = spec.layer[0].encoding.y.scale.domain;
    expect(hi).toBeLessThan(1.5);
    expect(hi).toBeGreaterThan(1.2);
    expect(lo).toBeLessThan(0.9);
    expect(spec.title.subtitle).toMatch(/1 epoch off the top \(up to 2\.5000\)/);
  });

  it('takes a log axis when asked, unless a loss is not positive', () => {
    expect(buildSpec('loss', result, { log_loss: true }).layer[0].encoding.y.scale.type).toBe('log');
    const r = { ...result, lossHistory: [1, 0.5, 0, -0.1] };
    expect(buildSpec('loss', r, { log_loss: true }).layer[0].encoding.y.scale.type).toBeUndefined();
  });

  it('says so when there is no loss history', () => {
    const spec = buildSpec('loss', { ...result, lossHistory: [] });
    expect(spec.title.subtitle).toMatch(/no loss/);
  });
});

describe('density spec', () => {
  it('has the target and one panel per trajectory time, cells inside result.bounds, on one linear scale', () => {
    const spec = buildSpec('density', result, { density_bins: 32 });
    const p = panels(spec);
    expect(p.map((x: VlSpec) => x.title.text)).toEqual([expect.stringMatching(/^Target/), ...result.trajectory.map((s) => expect.stringMatching(new RegExp(`^t = ${Math.round(s.t * 100) / 100} `)))]);
    for (let i = 0; i < p.length; i++) {
      for (const c of spec.datasets[`cells${i}`]) {
        expect(c.x).toBeGreaterThanOrEqual(b.xmin - 1e-4);
        expect(c.x2).toBeLessThanOrEqual(b.xmax + 1e-4);
        expect(c.x2 - c.x).toBeCloseTo((b.xmax - b.xmin) / 32, 3);
      }
    }
    const color = p[0].layer[0].encoding.color;
    expect(color.scale.type).toBeUndefined();
    expect(color.title).toBe('density');
    expect(spec.resolve.scale.color).toBe('shared');
  });

  it('estimates a density that integrates to about 1 and peaks on the ring, with closed iso-lines', async () => {
    const { kde2d, densityContours } = await import('../../kde.js');
    const d = kde2d(result.target, b, 48);
    const cell = ((b.xmax - b.xmin) / 48) * ((b.ymax - b.ymin) / 48);
    const mass = d.values.reduce((s, v) => s + v, 0) * cell;
    expect(mass).toBeGreaterThan(0.9);
    expect(mass).toBeLessThanOrEqual(1.0001);
    // The ring has radius 1.5: its density beats the centre's.
    const at = (x: number, y: number) => d.values[Math.floor(((y - b.ymin) / (b.ymax - b.ymin)) * 48) * 48 + Math.floor(((x - b.xmin) / (b.xmax - b.xmin)) * 48)];
    expect(at(1.5, 0)).toBeGreaterThan(5 * at(0, 0));
    const [{ rings }] = densityContours(d, [0.5 * Math.max(...d.values)]);
    expect(rings.length).toBeGreaterThan(0);
    for (const r of rings) expect(r[0]).toEqual(r[r.length - 1]);
  });
});

describe('evolution spec', () => {
  it('has one panel per recorded snapshot, titled with its epoch and sliced W1', () => {
    const spec = buildSpec('evolution', result);
    const p = panels(spec);
    expect(p).toHaveLength(result.evolution!.length);
    expect(p[0].title.text).toBe(`epoch ${result.evolution![0].epoch} · sliced W1 ${result.evolution![0].sliced_w1.toFixed(3)}`);
    expect(spec.datasets.e3).toHaveLength(120);
  });

  it('says so when nothing was recorded', () => {
    expect(buildSpec('evolution', { ...result, evolution: [] }).title.subtitle).toMatch(/no samples recorded/);
  });
});

describe('max_points', () => {
  it('draws at most max_points of a set and says so in the title', () => {
    const spec = buildSpec('comparison', result, { max_points: 50 });
    expect(spec.datasets.target).toHaveLength(50);
    expect(panels(spec)[0].title.text).toBe('Target (120 points, 50 drawn)');
    const traj = buildSpec('trajectory', result, { max_points: 50 });
    expect(traj.datasets.t0).toHaveLength(50);
  });
});

describe('preview spec (fv data --png)', () => {
  it('draws every point (up to max_points) on the given square axes, titled', async () => {
    const { previewSpec } = await import('./preview.js');
    const points = new Float32Array([0, 0, 1, 1, -1, 0.5]);
    const spec = previewSpec({ points, title: 'moons: 3 points', bounds: { xmin: -2, xmax: 2, ymin: -2, ymax: 2 }, size: 300, pixelRatio: 1 }, 2);
    expect(spec.datasets.target).toHaveLength(2);
    expect(spec.title.text ?? spec.title).toBe('moons: 3 points (2 drawn)');
    expect(spec.layer[0].encoding.x.scale.domain).toEqual([-2, 2]);
  });

  it('says how many points it draws when it draws a sample of them (the title and the picture agree)', async () => {
    const { previewSpec } = await import('./preview.js');
    const points = new Float32Array(2 * 10);
    const spec = previewSpec({ points, title: 'moons: 10 points', bounds: { xmin: -2, xmax: 2, ymin: -2, ymax: 2 }, size: 300, pixelRatio: 1 }, 4);
    expect(spec.datasets.target).toHaveLength(4);
    expect(spec.title.text ?? spec.title).toBe('moons: 10 points (4 drawn)');
  });

  it('colours labelled points by class with the theme\'s class colours and a legend naming each class', async () => {
    const { previewSpec } = await import('./preview.js');
    const { theme } = await import('../../plot/theme.js');
    const { specToSvg } = await import('../render-spec.js');
    const points = new Float32Array([0, 0, 1, 1, -1, 0.5, NaN, 0, 0.5, -1]);
    const labels = new Int32Array([1, 0, 2, 0, 1]);
    const spec = previewSpec({ points, labels, classNames: ['head', 'body', 'mode 2'], title: 't', bounds: { xmin: -2, xmax: 2, ymin: -2, ymax: 2 }, size: 300, pixelRatio: 1 });
    // The NaN point is skipped, and every other point keeps its own class.
    expect(spec.datasets.target).toEqual([
      { x: 0, y: 0, class: '1 body' },
      { x: 1, y: 1, class: '0 head' },
      { x: -1, y: 0.5, class: 'mode 2' },
      { x: 0.5, y: -1, class: '1 body' },
    ]);
    const color = spec.layer[0].encoding.color;
    expect(color.scale).toEqual({ domain: ['0 head', '1 body', 'mode 2'], range: theme.classColors.slice(0, 3) });
    expect(spec.layer[0].mark.color).toBeUndefined();
    const svg = await specToSvg(spec);
    for (const name of ['0 head', '1 body', 'mode 2']) expect(svg).toContain(name);
    for (const c of theme.classColors.slice(0, 3)) expect(svg.toLowerCase()).toContain(c);
  });
});
