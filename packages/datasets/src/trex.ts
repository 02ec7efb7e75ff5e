/**
 * The T-Rex: a hand-drawn side-profile silhouette (facing right: big head with the jaw open, tiny arms, two
 * strong legs, long tail), sampled uniformly inside, with an optional denser outline. The eye is a hole (even-odd),
 * so a well-trained flow even leaves it empty.
 */
import { z } from 'zod';
import { definePlugin } from '@flow-visualizer/core';
import { dataNoise, finishLabelled, fitForBounds, labelledDataset, type SyncLabelledDataset } from './common.js';
import { insideRings, mapRings, outlineOf, ringsBounds, sampleInside, sampleOnOutline, type Ring } from './geometry/polygon.js';

/**
 * The body outline, x to the right, y up, ground at y = 0, clockwise from the tail tip. Units are arbitrary (the
 * animal is ~122 long); only the proportions matter, the dataset scales it into the shared box.
 */
export const TREX_BODY: readonly number[] = [
  // tail tip, top of the tail, hips, back
  0, 37, 20, 40.5, 40, 44, 54, 47.5, 63, 49, 72, 48.5, 79, 47.5,
  // neck up to the big boxy skull, snout
  84, 50, 86, 55, 88, 60, 94, 63.5, 104, 64, 113, 62.5, 119, 60, 122, 57, 122.5, 53.5,
  // upper jaw back to the hinge (the mouth is open)
  116, 52.5, 108, 52, 101, 51, 96, 49,
  // lower jaw forward, chin, throat, neck front, chest
  112, 45, 116, 43.5, 115, 41.5, 106, 39.5, 97, 39, 92, 38, 89, 35.5, 88, 33,
  // the tiny arm: out to the claws and back
  89.5, 30.5, 92.5, 28, 96.5, 27.5, 98, 25.8, 97, 24.6, 93.5, 24.5, 90, 25.2, 86, 28.5,
  // belly, front leg: knee, ankle, foot, back up
  82, 27, 77, 24, 77, 18, 72, 8, 80, 3, 82, 0, 67, 0, 66, 3, 68, 9, 70, 16, 66, 21,
  // back leg
  62, 16, 56, 6, 63, 2.5, 65, 0, 51, 0, 50, 3, 52, 9, 54, 16, 53, 23,
  // under the tail back to the tip
  50, 29, 40, 33, 20, 36,
];

/** The eye: a small hole in the skull. */
export const TREX_EYE: readonly number[] = [101.5, 60, 105, 60, 105, 57.2, 101.5, 57.2];

export const trexOptionsSchema = z
  .strictObject({
    outline: z.number().min(0).max(1).default(0).describe('Fraction of the points drawn on the outline instead of inside (0: uniform fill; 0.2 sharpens the silhouette).'),
    facing: z.enum(['right', 'left']).default('right').describe('Which way the T-Rex looks.'),
  })
  .describe('Options of the trex dataset.');

export type TrexOptions = z.output<typeof trexOptionsSchema>;

/** The T-Rex's parts, labels 0…3 in this order. */
export const TREX_PARTS = ['head', 'body', 'legs', 'tail'] as const;

/**
 * Which part a point of the outline's own units (TREX_BODY's, facing right) belongs to: a teaching picture, cut
 * by straight lines where the drawing changes: the tail behind the hips (x < 50), the legs below the belly
 * (y < 22: the knees and feet), the head from the back of the skull and the throat on (x ≥ 86, y ≥ 37; the neck
 * behind it, the chest and the tiny arms are body).
 */
export function trexPart(x: number, y: number): number {
  if (x < 50) return 3;
  if (y < 22) return 2;
  if (x >= 86 && y >= 37) return 0;
  return 1;
}

/** The T-Rex rings (body, eye), already scaled into the shared box. */
export function trexRings(facing: 'right' | 'left' = 'right'): Float64Array[] {
  const raw: Ring[] = [TREX_BODY, TREX_EYE];
  const fit = fitForBounds(ringsBounds(raw));
  const sign = facing === 'left' ? -1 : 1;
  return mapRings(raw, (x, y) => [sign * (x - fit.cx) * fit.s, (y - fit.cy) * fit.s]);
}

/** A T-Rex dataset; `noise` is the Gaussian std added after scaling (box units). */
export function trexDataset(options: Partial<TrexOptions> = {}, noise = 0): SyncLabelledDataset {
  const o = trexOptionsSchema.parse(options);
  const rings = trexRings(o.facing);
  const outline = outlineOf(rings, true);
  // The parts are cut in the drawing's own units: undo trexRings' fit (and mirror) for each point, before noise.
  const fit = fitForBounds(ringsBounds([TREX_BODY, TREX_EYE]));
  const sign = o.facing === 'left' ? -1 : 1;
  return labelledDataset('trex', TREX_PARTS, (n, rng) => {
    const out = new Float32Array(2 * n);
    const nOutline = Math.round(n * o.outline);
    sampleInside(rings, n - nOutline, rng, out, 0);
    sampleOnOutline(outline, nOutline, rng, out, n - nOutline);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) labels[i] = trexPart((sign * out[2 * i]) / fit.s + fit.cx, out[2 * i + 1] / fit.s + fit.cy);
    return finishLabelled(out, labels, noise, rng);
  });
}

/** Is (x, y) (box units) inside the T-Rex? For tests and the gallery. */
export function insideTrex(x: number, y: number, facing: 'right' | 'left' = 'right'): boolean {
  let rings = ringCache.get(facing);
  if (!rings) ringCache.set(facing, (rings = trexRings(facing)));
  return insideRings(rings, x, y);
}

const ringCache = new Map<string, Float64Array[]>();

/** Plugin factory: `data.name: trex`. */
export const trex = () =>
  definePlugin({
    name: 'fv:dataset-trex',
    kind: 'dataset',
    id: 'trex',
    description: 'A T-Rex in side profile (open jaw, tiny arms, long tail), uniform inside a hand-drawn silhouette.',
    optionsSchema: trexOptionsSchema,
    create: (options: TrexOptions, ctx) => trexDataset(options, dataNoise(ctx)),
  });
