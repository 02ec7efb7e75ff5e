import { PairingPool, pairingWorkerCount } from './pairing-pool.js';
import { drawEpochBatches, pairingLabel } from './epoch-batches.js';
import { otPairing } from '../paths/ot-pairing.js';
import { createRng } from '../rng.js';
import { FvError } from '../errors.js';

// The worker threads load the built JavaScript (dist), as they do in a real run: `npm test` builds first.
function twoBlobs(n: number, seed: number): Float32Array {
  const rng = createRng(seed, 'blobs');
  const p = rng.fillNormal(new Float32Array(2 * n), 0, 0.3);
  for (let i = 0; i < n; i++) p[2 * i] += i % 2 ? 1.5 : -1.5;
  return p;
}

describe('PairingPool', () => {
  it('gives, batch for batch, what the pairing gives on the training thread', async () => {
    for (const options of [{}, { solver: 'sinkhorn' as const }]) {
      const pairing = otPairing(options);
      const pool = PairingPool.start(pairing.worker, 2);
      expect(pool).toBeDefined();
      try {
        const batches = drawEpochBatches(twoBlobs(1000, 1), 128, createRng(7, 'epoch-0'));
        const queued = batches.map((b, k) => pool!.pair(b.x0, b.x1, 7, pairingLabel(0, k)));
        for (let k = 0; k < batches.length; k++) {
          const here = pairing.pair(batches[k].x0, batches[k].x1, createRng(7, pairingLabel(0, k)));
          const there = await queued[k];
          expect(there).toEqual(here);
          // Paired noise is a reordering of the batch's noise, not a copy of it.
          expect([...there].sort()).toEqual([...batches[k].x0].sort());
          expect(there).not.toEqual(batches[k].x0);
        }
      } finally {
        await pool!.close();
      }
    }
  });

  it("raises the pairing's own error, with its code and hint", async () => {
    const pairing = otPairing();
    const pool = PairingPool.start(pairing.worker, 1)!;
    try {
      const x0 = new Float32Array([0, 0, 1, 1]);
      const x1 = new Float32Array([0, NaN, 1, 1]);
      const err = await pool.pair(x0, x1, 1, 'x').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(FvError);
      expect((err as FvError).code).toBe('DATA_INVALID');
      expect((err as FvError).message).toMatch(/non-finite coordinate \(point 0\)/);
      // The worker survives a bad batch.
      const ok = await pool.pair(x0, new Float32Array([1, 1, 0, 0]), 1, 'y');
      expect([...ok]).toEqual([1, 1, 0, 0]);
    } finally {
      await pool.close();
    }
  });

  it('starts nothing for a pairing without a worker spec, or for zero workers', () => {
    expect(PairingPool.start(undefined, 2)).toBeUndefined();
    expect(PairingPool.start(otPairing().worker, 0)).toBeUndefined();
  });

  it('counts workers: explicit numbers as given, auto within 0..2', () => {
    expect(pairingWorkerCount(3)).toBe(3);
    expect(pairingWorkerCount(0)).toBe(0);
    const auto = pairingWorkerCount('auto');
    expect(auto).toBeGreaterThanOrEqual(0);
    expect(auto).toBeLessThanOrEqual(2);
  });
});

describe('drawEpochBatches', () => {
  it('covers every data point once per epoch, in batches of the given size', () => {
    const data = twoBlobs(300, 2);
    const batches = drawEpochBatches(data, 128, createRng(3, 'e'));
    expect(batches.map((b) => b.t.length)).toEqual([128, 128, 44]);
    const seen = batches.flatMap((b) => Array.from({ length: b.t.length }, (_, i) => `${b.x1[2 * i]},${b.x1[2 * i + 1]}`)).sort();
    const all = Array.from({ length: 300 }, (_, i) => `${data[2 * i]},${data[2 * i + 1]}`).sort();
    expect(seen).toEqual(all);
    // The same stream gives the same batches.
    expect(drawEpochBatches(data, 128, createRng(3, 'e'))[1].x0).toEqual(batches[1].x0);
  });
});
