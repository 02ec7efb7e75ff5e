/**
 * The contract every Dataset keeps, as a Jest suite: exact count, finite, inside the shared box (allowing for
 * noise), seeded, shuffled, and, for a dataset with classes, labels that match its points. Run it from a test file: `describeDatasetContract('moons', () => moons().create(…))`.
 */
import type { Dataset } from '../ports/dataset.js';
import { createRng } from '../rng.js';
import { DATA_BOX, pointCount } from '../points.js';

export interface DatasetContractOptions {
  /** Points are allowed this far outside the box (noise, raw coordinates). Default 0.5. */
  boxSlack?: number;
  /** Skip the box check (e.g. a user file read with raw coordinates). */
  skipBox?: boolean;
  sizes?: number[];
}

export function describeDatasetContract(name: string, make: () => Dataset | Promise<Dataset>, opts: DatasetContractOptions = {}): void {
  describe(`Dataset contract: ${name}`, () => {
    const sizes = opts.sizes ?? [1, 7, 1000, 2500];

    it.each(sizes)('returns exactly %i finite points', async (n) => {
      const ds = await make();
      const p = await ds.sample(n, createRng(1));
      expect(p).toBeInstanceOf(Float32Array);
      expect(pointCount(p)).toBe(n);
      expect(p.length).toBe(2 * n);
      expect(p.every(Number.isFinite)).toBe(true);
    });

    if (!opts.skipBox) {
      it('fits in the shared box around the origin', async () => {
        const p = await (await make()).sample(3000, createRng(2));
        const limit = DATA_BOX + (opts.boxSlack ?? 0.5);
        let maxAbs = 0;
        for (const v of p) maxAbs = Math.max(maxAbs, Math.abs(v));
        expect(maxAbs).toBeLessThanOrEqual(limit);
        // Uses the box, too: not squeezed into a corner of it.
        expect(maxAbs).toBeGreaterThan(DATA_BOX * 0.5);
      });
    }

    it('gives the same points for the same seed and different points for another', async () => {
      const ds = await make();
      const a = await ds.sample(500, createRng(7));
      const b = await ds.sample(500, createRng(7));
      const c = await ds.sample(500, createRng(8));
      expect(Array.from(a)).toEqual(Array.from(b));
      expect(Array.from(a)).not.toEqual(Array.from(c));
    });

    it('is shuffled: the first fifth spreads like the whole', async () => {
      const p = await (await make()).sample(5000, createRng(3));
      const head = p.subarray(0, 2000);
      const spread = (q: Float32Array) => {
        let sx = 0, sy = 0, sxx = 0, syy = 0;
        const n = q.length / 2;
        for (let i = 0; i < q.length; i += 2) {
          sx += q[i]; sy += q[i + 1]; sxx += q[i] * q[i]; syy += q[i + 1] * q[i + 1];
        }
        return { mx: sx / n, my: sy / n, vx: sxx / n - (sx / n) ** 2, vy: syy / n - (sy / n) ** 2 };
      };
      const all = spread(p), first = spread(head);
      const sd = Math.sqrt(all.vx + all.vy) || 1;
      expect(Math.abs(first.mx - all.mx) / sd).toBeLessThan(0.15);
      expect(Math.abs(first.my - all.my) / sd).toBeLessThan(0.15);
      expect(first.vx + first.vy).toBeGreaterThan(0.7 * (all.vx + all.vy));
    });

    it('has classes both ways or neither: classNames with sampleLabelled, one label in 0…K−1 per point, the same points as sample', async () => {
      const ds = await make();
      expect(ds.classNames === undefined).toBe(ds.sampleLabelled === undefined);
      if (!ds.sampleLabelled || !ds.classNames) return;
      const k = ds.classNames.length;
      expect(k).toBeGreaterThan(0);
      const { points, labels } = await ds.sampleLabelled(1000, createRng(5));
      expect(labels).toBeInstanceOf(Int32Array);
      expect(labels).toHaveLength(1000);
      expect(labels.every((l) => l >= 0 && l < k)).toBe(true);
      expect(Array.from(points)).toEqual(Array.from(await ds.sample(1000, createRng(5))));
    });
  });
}
