import { FvError, PairingPool, createRng, drawEpochBatches, pairingLabel, pairingWorkerCount, setPairingThreadHost, type SharedEpoch } from '@flow-visualizer/core';
import { nodePairingThreads } from '@flow-visualizer/core/node';
import { otPairing } from './ot-pairing.js';

// The worker threads load the built JavaScript (dist), as they do in a real run: `npm test` builds first.
function twoBlobs(n: number, seed: number): Float32Array {
  const rng = createRng(seed, 'blobs');
  const p = rng.fillNormal(new Float32Array(2 * n), 0, 0.3);
  for (let i = 0; i < n; i++) p[2 * i] += i % 2 ? 1.5 : -1.5;
  return p;
}

/** Resolves once the workers have finished (or failed) every batch of the epoch. */
async function settled(epoch: SharedEpoch): Promise<void> {
  for (let i = 0; i < 600 && epoch.counts().pending > 0; i++) await new Promise((r) => setTimeout(r, 50));
  expect(epoch.counts().pending).toBe(0);
}

const labels = (n: number) => Array.from({ length: n }, (_, k) => pairingLabel(0, k));
const never = () => {
  throw new Error('the training thread was asked to pair a batch a worker had answered');
};

describe('PairingPool', () => {
  beforeAll(() => setPairingThreadHost(nodePairingThreads));
  afterAll(() => setPairingThreadHost(undefined));

  it("answers each batch as the pairing does on the training thread (exact and Sinkhorn)", async () => {
    for (const options of [{}, { solver: 'sinkhorn' as const }]) {
      const pairing = otPairing(options);
      const pool = PairingPool.start(pairing.worker, 2);
      expect(pool?.size).toBe(2);
      try {
        const batches = drawEpochBatches(twoBlobs(1000, 1), 128, createRng(7, 'epoch-0'));
        const epoch = pool!.submit(batches, 7, labels(batches.length));
        await settled(epoch);
        expect(epoch.counts()).toEqual({ workers: batches.length, failed: 0, trainer: 0, pending: 0 });
        for (let k = 0; k < batches.length; k++) {
          const there = epoch.take(k, never);
          const here = pairing.pair(batches[k].x0, batches[k].x1, createRng(7, pairingLabel(0, k)));
          expect(there).toEqual(here);
          // A reordering of the batch's noise, not a copy of it.
          expect([...there].sort()).toEqual([...batches[k].x0].sort());
          expect(there).not.toEqual(batches[k].x0);
        }
      } finally {
        await pool!.close();
      }
    }
  });

  it('lets the training thread pair the batches no worker has started, with the same answers', async () => {
    const pairing = otPairing();
    const pool = PairingPool.start(pairing.worker, 1)!;
    try {
      const batches = drawEpochBatches(twoBlobs(4000, 2), 256, createRng(8, 'epoch-0'));
      const epoch = pool.submit(batches, 8, labels(batches.length));
      let here = 0;
      for (let k = 0; k < batches.length; k++) {
        const inline = () => {
          here++;
          return pairing.pair(batches[k].x0, batches[k].x1, createRng(8, pairingLabel(0, k)));
        };
        expect(epoch.take(k, inline)).toEqual(pairing.pair(batches[k].x0, batches[k].x1, createRng(8, pairingLabel(0, k))));
      }
      // Both took part: the training thread starts at once, while the worker is still loading its module.
      expect(here).toBeGreaterThan(0);
      const c = epoch.counts();
      expect(c.trainer).toBe(here);
      expect(c.workers + c.trainer).toBe(batches.length);
    } finally {
      await pool.close();
    }
  });

  it("raises the pairing's own error on the training thread, with its code", async () => {
    const pairing = otPairing();
    const pool = PairingPool.start(pairing.worker, 1)!;
    try {
      const good = { x0: new Float32Array([0, 0, 1, 1]), x1: new Float32Array([1, 1, 0, 0]) };
      const bad = { x0: new Float32Array([0, 0, 1, 1]), x1: new Float32Array([0, NaN, 1, 1]) };
      const epoch = pool.submit([bad, good], 1, ['a', 'b']);
      await settled(epoch);
      expect(epoch.counts()).toEqual({ workers: 1, failed: 1, trainer: 0, pending: 0 });
      const err = (() => {
        try {
          epoch.take(0, () => pairing.pair(bad.x0, bad.x1, createRng(1, 'a')));
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(FvError);
      expect((err as FvError).code).toBe('DATA_INVALID');
      expect((err as FvError).message).toMatch(/non-finite coordinate \(point 0\)/);
      expect([...epoch.take(1, never)]).toEqual([1, 1, 0, 0]);
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

  it('without a thread host (a browser), starts no thread and auto means none: training pairs on its own thread', () => {
    setPairingThreadHost(undefined);
    try {
      expect(pairingWorkerCount('auto')).toBe(0);
      expect(PairingPool.start(otPairing().worker, 2)).toBeUndefined();
    } finally {
      setPairingThreadHost(nodePairingThreads);
    }
  });

  it('a host that cannot start a thread for the spec gives no pool', () => {
    setPairingThreadHost({ cores: () => 8, start: () => undefined });
    try {
      expect(pairingWorkerCount('auto')).toBe(2);
      expect(PairingPool.start(otPairing().worker, 2)).toBeUndefined();
    } finally {
      setPairingThreadHost(nodePairingThreads);
    }
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
