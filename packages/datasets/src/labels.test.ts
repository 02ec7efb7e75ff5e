/**
 * The classes of the labelled datasets: each label is the part of the shape its point was drawn from (checked
 * against the geometry, not against the sampler's own bookkeeping), the same for the same seed, and `sample`
 * gives exactly `sampleLabelled`'s points (so labelling changed no unlabelled run).
 */
import { createRng, type Dataset, type LabelledSample } from '@flow-visualizer/core';
import { moons } from './moons.js';
import { eightGaussians, eightCentres } from './eight-gaussians.js';
import { checkerboard } from './checkerboard.js';
import { circles } from './circles.js';
import { spiral } from './spiral.js';
import { pinwheel } from './pinwheel.js';
import { trex, trexPart, TREX_PARTS } from './trex.js';
import { swissRoll } from './swiss-roll.js';
import { fitForBounds } from './common.js';
import { make } from './test-utils/ctx.js';

const N = 3000;

async function labelled(ds: Dataset, n = N, seed = 7): Promise<LabelledSample> {
  expect(ds.sampleLabelled).toBeDefined();
  return ds.sampleLabelled!(n, createRng(seed));
}

/** Each class index once per point, all within 0…K−1, every class present. */
function expectClasses(s: LabelledSample, k: number): number[] {
  expect(s.labels).toHaveLength(s.points.length / 2);
  const counts = new Array<number>(k).fill(0);
  for (const l of s.labels) {
    expect(l >= 0 && l < k).toBe(true);
    counts[l]++;
  }
  for (const c of counts) expect(c).toBeGreaterThan(0);
  return counts;
}

/** Angle difference folded into (−π, π]. */
const wrap = (a: number) => Math.atan2(Math.sin(a), Math.cos(a));

describe('labelled datasets: the label is where the point came from', () => {
  it('moons: label 0 on the upper arc, 1 on the lower (raw coordinates, no noise)', async () => {
    const ds = await make(moons(), { raw_scale: 1 });
    expect(ds.classNames).toEqual(['upper moon', 'lower moon']);
    const s = await labelled(ds);
    expectClasses(s, 2);
    for (let i = 0; i < N; i++) {
      const x = s.points[2 * i], y = s.points[2 * i + 1];
      const [cx, cy] = s.labels[i] === 0 ? [0, 0] : [1, 0.5];
      expect(Math.abs(Math.hypot(x - cx, y - cy) - 1)).toBeLessThan(1e-5);
      expect(s.labels[i] === 0 ? y >= -1e-6 : y <= 0.5 + 1e-6).toBe(true);
    }
  });

  it('moons (torchdyn layout): half the points on each moon, labelled by moon', async () => {
    const s = await labelled(await make(moons(), { layout: 'torchdyn', raw_scale: 1, uniform_noise: 0 }), 1000);
    expect(expectClasses(s, 2)).toEqual([500, 500]);
    for (let i = 0; i < 1000; i++) {
      const [cx, cy] = s.labels[i] === 0 ? [0, 0] : [1, 0.5];
      expect(Math.abs(Math.hypot(s.points[2 * i] - cx, s.points[2 * i + 1] - cy) - 1)).toBeLessThan(1e-5);
    }
  });

  it('eight Gaussians: label = the nearest centre, counter-clockwise from angle 0', async () => {
    const ds = await make(eightGaussians(), { raw_radius: 1, cluster_std: 0.05 });
    expect(ds.classNames).toHaveLength(8);
    const s = await labelled(ds);
    expectClasses(s, 8);
    const c = eightCentres();
    for (let i = 0; i < N; i++) {
      const d = c.map(([cx, cy]) => Math.hypot(s.points[2 * i] - cx, s.points[2 * i + 1] - cy));
      expect(d.indexOf(Math.min(...d))).toBe(s.labels[i]);
    }
  });

  it('checkerboard: label = the filled cell the point lies in', async () => {
    const cells = 4;
    const s = await labelled(await make(checkerboard(), { cells }));
    expectClasses(s, 8);
    const fit = fitForBounds({ xmin: 0, xmax: cells, ymin: 0, ymax: cells });
    const filled: string[] = [];
    for (let i = 0; i < cells; i++) for (let j = 0; j < cells; j++) if ((i + j) % 2 === 0) filled.push(`${i},${j}`);
    for (let k = 0; k < N; k++) {
      const x = s.points[2 * k] / fit.s + fit.cx, y = s.points[2 * k + 1] / fit.s + fit.cy;
      expect(filled[s.labels[k]]).toBe(`${Math.floor(x)},${Math.floor(y)}`);
    }
  });

  it('circles: label 0 on the outer ring, 1 on the inner', async () => {
    const s = await labelled(await make(circles(), { factor: 0.5 }));
    expectClasses(s, 2);
    const { s: scale } = fitForBounds({ xmin: -1, xmax: 1, ymin: -1, ymax: 1 });
    for (let i = 0; i < N; i++) expect(Math.hypot(s.points[2 * i], s.points[2 * i + 1]) / scale).toBeCloseTo(s.labels[i] === 0 ? 1 : 0.5, 5);
  });

  it('spiral: label k = the arm turned by k·360°/arms', async () => {
    const arms = 3, turns = 1.5;
    const s = await labelled(await make(spiral(), { arms, turns }));
    expectClasses(s, arms);
    const { s: scale } = fitForBounds({ xmin: -1, xmax: 1, ymin: -1, ymax: 1 });
    for (let i = 0; i < N; i++) {
      const x = s.points[2 * i] / scale, y = s.points[2 * i + 1] / scale;
      const r = Math.hypot(x, y);
      if (r < 1e-3) continue; // the arms meet at the centre
      const phase = Math.atan2(y, x) - r * 2 * Math.PI * turns;
      expect(Math.abs(wrap(phase - (2 * Math.PI * s.labels[i]) / arms))).toBeLessThan(1e-3);
    }
  });

  it('pinwheel: label k = the blade starting at k·360°/arms', async () => {
    const o = { arms: 5, radial_std: 0.3, tangential_std: 0.001, rate: 0.25 };
    const s = await labelled(await make(pinwheel(), o));
    expectClasses(s, 5);
    const r0 = 1 + 3 * o.radial_std;
    const { s: scale } = fitForBounds({ xmin: -r0, xmax: r0, ymin: -r0, ymax: r0 });
    let wrong = 0;
    for (let i = 0; i < N; i++) {
      const x = s.points[2 * i] / scale, y = s.points[2 * i + 1] / scale;
      const r = Math.hypot(x, y);
      // r ≈ fr (the tangential offset is tiny); a negative fr (a 3σ draw) puts the point across the centre.
      const d = Math.abs(wrap(Math.atan2(y, x) - o.rate * Math.exp(r) - (2 * Math.PI * s.labels[i]) / o.arms));
      if (d > 0.05) wrong++;
    }
    expect(wrong).toBeLessThan(N * 0.002);
  });

  it('the T-Rex: all four parts, where a T-Rex has them', async () => {
    const ds = await make(trex(), {});
    expect(ds.classNames).toEqual(['head', 'body', 'legs', 'tail']);
    const s = await labelled(ds, 6000);
    const counts = expectClasses(s, 4);
    const mean = (k: number, axis: 0 | 1) => {
      let sum = 0;
      for (let i = 0; i < s.labels.length; i++) if (s.labels[i] === k) sum += s.points[2 * i + axis];
      return sum / counts[k];
    };
    const [head, body, legs, tail] = [0, 1, 2, 3];
    // Facing right: tail at the left, head at the right and on top, legs at the bottom.
    expect(mean(tail, 0)).toBeLessThan(mean(body, 0));
    expect(mean(body, 0)).toBeLessThan(mean(head, 0));
    expect(mean(head, 1)).toBeGreaterThan(Math.max(mean(body, 1), mean(tail, 1), mean(legs, 1)));
    expect(mean(legs, 1)).toBeLessThan(Math.min(mean(body, 1), mean(tail, 1), mean(head, 1)));
    // Each part holds a fair share of the animal (no part is a sliver).
    for (const c of counts) expect(c).toBeGreaterThan(0.08 * 6000);
    // Landmarks of the drawing: the snout, the tail tip, a foot, the hips.
    expect(TREX_PARTS[trexPart(120, 58)]).toBe('head');
    expect(TREX_PARTS[trexPart(5, 37)]).toBe('tail');
    expect(TREX_PARTS[trexPart(75, 1)]).toBe('legs');
    expect(TREX_PARTS[trexPart(65, 40)]).toBe('body');
  });

  it('the T-Rex facing left: the same parts, mirrored (each point labelled as its mirror image facing right)', async () => {
    const left = await labelled(await make(trex(), { facing: 'left' }), 2000, 3);
    const fit = fitForBounds({ xmin: 0, xmax: 122.5, ymin: 0, ymax: 64 });
    expectClasses(left, 4);
    for (let i = 0; i < 2000; i++) expect(left.labels[i]).toBe(trexPart(-left.points[2 * i] / fit.s + fit.cx, left.points[2 * i + 1] / fit.s + fit.cy));
    let headX = 0, tailX = 0;
    for (let i = 0; i < 2000; i++) if (left.labels[i] === 0) headX = Math.min(headX, left.points[2 * i]); else if (left.labels[i] === 3) tailX = Math.max(tailX, left.points[2 * i]);
    expect(headX).toBeLessThan(-1);
    expect(tailX).toBeGreaterThan(1);
  });

  it('the swiss roll has no classes (no sampleLabelled, no classNames)', async () => {
    const ds = await make(swissRoll(), {});
    expect(ds.sampleLabelled).toBeUndefined();
    expect(ds.classNames).toBeUndefined();
  });
});

describe('labelled datasets: determinism, and sample unchanged', () => {
  const cases: Array<[string, () => Promise<Dataset>]> = [
    ['moons', () => make(moons(), {}, 0.05)],
    ['moons torchdyn', () => make(moons(), { layout: 'torchdyn' }, 0.05)],
    ['eight_gaussians', () => make(eightGaussians(), {}, 0.05)],
    ['checkerboard', () => make(checkerboard(), {}, 0.05)],
    ['circles', () => make(circles(), {}, 0.05)],
    ['spiral', () => make(spiral(), {}, 0.05)],
    ['pinwheel', () => make(pinwheel(), {}, 0.05)],
    ['trex', () => make(trex(), { outline: 0.2 }, 0.05)],
  ];

  it.each(cases)('%s: the same seed gives the same points and labels; another seed others', async (_name, create) => {
    const ds = await create();
    const a = await labelled(ds, 500, 11), b = await labelled(ds, 500, 11), c = await labelled(ds, 500, 12);
    expect(Array.from(b.points)).toEqual(Array.from(a.points));
    expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
    expect(Array.from(c.points)).not.toEqual(Array.from(a.points));
  });

  it.each(cases)('%s: sample(n, rng) is exactly sampleLabelled(n, rng).points', async (_name, create) => {
    const ds = await create();
    const plain = await ds.sample(500, createRng(4));
    expect(Array.from((await labelled(ds, 500, 4)).points)).toEqual(Array.from(plain));
  });
});
