import { createRng } from '../rng.js';
import { pointCount } from '../points.js';

/** Cells of the grid on which slicedW1Against compares the distribution functions (its error: under 1e-4 data units). */
const CDF_CELLS = 1 << 16;

/**
 * Sliced W1 of each sample against one reference, every point of every set used (the sets may differ in size):
 * the mean over stratified random directions of the 1D W1 of the projections, ∫|F_sample − F_reference| dx, with
 * both distribution functions counted on a fine grid over the projected range (linear time: sorting 50,000
 * projections per direction took ~10× as long). The rounding moves each point by at most half a cell, 1/65,536
 * of the range.
 */
export function slicedW1Against(samples: readonly Float32Array[], reference: Float32Array, nProjections = 128, seed = 123): number[] {
  const rng = createRng(seed, 'sliced-w1-against');
  const sets = [reference, ...samples];
  const counts = sets.map(() => new Uint32Array(CDF_CELLS));
  const totals = samples.map(() => 0);
  for (let k = 0; k < nProjections; k++) {
    const th = ((k + rng.next()) / nProjections) * Math.PI;
    const c = Math.cos(th), s = Math.sin(th);
    let lo = Infinity, hi = -Infinity;
    for (const p of sets) {
      for (let i = 0; i < p.length; i += 2) {
        const v = p[i] * c + p[i + 1] * s;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
    const width = (hi - lo) / CDF_CELLS || 1;
    sets.forEach((p, q) => {
      const h = counts[q].fill(0);
      for (let i = 0; i < p.length; i += 2) h[Math.min(CDF_CELLS - 1, Math.floor((p[i] * c + p[i + 1] * s - lo) / width))]++;
    });
    const ref = counts[0], nRef = pointCount(reference);
    for (let q = 0; q < samples.length; q++) {
      const h = counts[q + 1], n = pointCount(samples[q]);
      let fr = 0, fs = 0, area = 0;
      for (let b = 0; b < CDF_CELLS; b++) {
        fr += ref[b];
        fs += h[b];
        area += Math.abs(fs / n - fr / nRef);
      }
      totals[q] += area * width;
    }
  }
  return totals.map((t) => t / nProjections);
}

/** The stable quality figure of a sample: its sliced W1 to a large fresh draw, in units of what a perfect model scores. */
export interface StableQuality {
  /** sliced_w1 ÷ floor: 1 is as good as this many points can be; 2 is twice a perfect model's distance. */
  ratio: number;
  /** Sliced W1 of the sample against `reference_points` fresh draws. */
  sliced_w1: number;
  /** Mean sliced W1 of `floor_draws.length` fresh draws of the sample's size against the same reference. */
  floor: number;
  floor_draws: number[];
  reference_points: number;
}

export const STABLE_REFERENCE_POINTS = 50_000;
export const STABLE_FLOOR_DRAWS = 4;

/**
 * Scores a sample against one large fresh draw of the target (50,000 points) and divides by the mean score of
 * four fresh draws of the sample's size against the same reference: a model's distance in units of what
 * sampling noise alone gives. A small reference (as large as the sample) adds its own noise to every score;
 * 50,000 points make that part ~5× smaller, and the ratio takes away what the reference draw shares with all.
 * `draw(n, label)` gives a fresh, seeded draw of the target (never the training points).
 */
export async function stableQuality(
  sample: Float32Array,
  draw: (n: number, label: string) => Float32Array | Promise<Float32Array>,
  options: { referencePoints?: number; floorDraws?: number; projections?: number; seed?: number } = {},
): Promise<StableQuality> {
  const n = pointCount(sample);
  const refN = options.referencePoints ?? STABLE_REFERENCE_POINTS;
  const reference = await draw(refN, 'stable-reference');
  const floors: Float32Array[] = [];
  for (let k = 0; k < (options.floorDraws ?? STABLE_FLOOR_DRAWS); k++) floors.push(await draw(n, `stable-floor-${k}`));
  const [w, ...f] = slicedW1Against([sample, ...floors], reference, options.projections ?? 128, options.seed ?? 123);
  const floor = f.reduce((a, b) => a + b, 0) / f.length;
  return { ratio: w / floor, sliced_w1: w, floor, floor_draws: f, reference_points: refN };
}
