import { createRng, type SinkhornKernel } from '@flow-visualizer/core';
import { entropicOtPairing, entropicOtPairingInWorker } from './entropic-ot-pairing.js';
import { sinkhornPlan } from './sinkhorn-plan.js';
import { sinkhornScaling } from './sinkhorn-scaling.js';
import { sinkhornScalingReference } from './sinkhorn-scaling-reference.js';

/**
 * A batch in the C2OT reproduction's coordinates (configs/papers/c2ot-unconditional.yaml): eight Gaussians on a
 * ring of radius 5 (sd 0.5623) and two moons ×3 − 1 with uniform noise 0.2, so that the kernel at ε = 0.5 has
 * the same spread (a fifth of it underflows to 0, some of it to float32 denormals) as in the sweep.
 */
function c2otBatch(n: number, seed: number): { x0: Float32Array; x1: Float32Array } {
  const rng = createRng(seed, 'c2ot-batch');
  const x0 = new Float32Array(2 * n), x1 = new Float32Array(2 * n);
  const z = rng.fillNormal(new Float32Array(2 * n));
  for (let i = 0; i < n; i++) {
    const c = Math.floor(rng.next() * 8) * (Math.PI / 4);
    x0[2 * i] = 5 * Math.cos(c) + 0.5623 * z[2 * i];
    x0[2 * i + 1] = 5 * Math.sin(c) + 0.5623 * z[2 * i + 1];
    const a = Math.PI * rng.next(), lower = i % 2 === 1;
    const mx = lower ? 1 - Math.cos(a) : Math.cos(a), my = lower ? 0.5 - Math.sin(a) : Math.sin(a);
    x1[2 * i] = 3 * (mx + 0.2 * (rng.next() - 0.5)) - 1;
    x1[2 * i + 1] = 3 * (my + 0.2 * (rng.next() - 0.5)) - 1;
  }
  return { x0, x1 };
}

const sameBits = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

describe('the Sinkhorn scaling loop (one pass over K per iteration)', () => {
  const { x0, x1 } = c2otBatch(300, 1);
  const { K } = sinkhornPlan(x1, x0, { reg: 0.5, scale: 'none', maxIter: 0 });
  const n = 300;

  it('gives the first loop\'s v bit for bit, and stops at the same iteration, on a batch of the C2OT sweep', () => {
    const v = new Float64Array(n), ref = new Float64Array(n);
    const it = sinkhornScaling(K, n, 1000, 1e-3, v);
    const itRef = sinkhornScalingReference(K, n, 1000, 1e-3, ref);
    // The marginals reach 0.1% well before the cap: the stopping test, not the cap, decided both.
    expect(it).toBeGreaterThan(20);
    expect(it).toBeLessThan(1000);
    expect(it).toBe(itRef);
    expect(sameBits(v, ref)).toBe(true);
  });

  it.each([0, 1, 2, 7])('with the cap at %i iterations: the same v as the first loop', (maxIter) => {
    const v = new Float64Array(n), ref = new Float64Array(n);
    expect(sinkhornScaling(K, n, maxIter, 1e-3, v)).toBe(maxIter);
    sinkhornScalingReference(K, n, maxIter, 1e-3, ref);
    expect(sameBits(v, ref)).toBe(true);
  });

  it('reaches the marginals it promises: rows within tol of their share once it stops, columns exact', () => {
    const v = new Float64Array(n);
    sinkhornScaling(K, n, 1000, 1e-6, v);
    // u from v (the update the loop makes last): rows then sum to 1 exactly; the columns are within 1e-6 of 1.
    const u = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += K[i * n + j] * v[j];
      u[i] = 1 / s;
    }
    for (let j = 0; j < n; j++) {
      let c = 0;
      for (let i = 0; i < n; i++) c += u[i] * K[i * n + j] * v[j];
      expect(Math.abs(c - 1)).toBeLessThan(1e-5);
    }
  });
});

describe('entropic_ot pairing over a SinkhornKernel (the port a faster loop comes through)', () => {
  const { x0, x1 } = c2otBatch(256, 2);
  /** A kernel running the first loop: a real loop, other code than the pairing's own. */
  const referenceKernel: SinkhornKernel = { id: 'reference', scale: sinkhornScalingReference };

  it('draws the same pairs over the kernel as over its own loop', () => {
    const own = entropicOtPairing({ reg: 0.5 }).pair(x0, x1, createRng(3));
    const over = entropicOtPairing({ reg: 0.5 }, referenceKernel).pair(x0, x1, createRng(3));
    expect(over).toEqual(own);
  });

  it('calls the kernel with the plan\'s kernel, the cap and the 0.1% test', () => {
    const calls: number[][] = [];
    const kernel: SinkhornKernel = { id: 'counting', scale: (K, n, maxIter, tol, v) => (calls.push([K.length, n, maxIter, tol]), sinkhornScaling(K, n, maxIter, tol, v)) };
    entropicOtPairing({ reg: 0.5, iters: 300 }, kernel).pair(x0, x1, createRng(3));
    expect(calls).toEqual([[256 * 256, 256, 300, 1e-3]]);
  });

  it('a worker thread rebuilds it from the kernel\'s module: the same pairs', async () => {
    const kernel: SinkhornKernel = { id: 'reference', scale: sinkhornScalingReference, worker: { module: new URL('../test-utils/reference-sinkhorn-kernel.ts', import.meta.url).href, export: 'referenceKernel' } };
    const pairing = entropicOtPairing({ reg: 0.5 }, kernel);
    expect(pairing.worker?.export).toBe('entropicOtPairingInWorker');
    const rebuilt = await entropicOtPairingInWorker(structuredClone(pairing.worker!.options) as Parameters<typeof entropicOtPairingInWorker>[0]);
    expect(rebuilt.pair(x0, x1, createRng(4))).toEqual(pairing.pair(x0, x1, createRng(4)));
  });

  it('a kernel spec naming no export fails in the worker (its batches go back to the training thread)', async () => {
    const spec = { options: { reg: 0.5, normalize_cost: false, iters: 1000 }, kernel: { module: new URL('../test-utils/reference-sinkhorn-kernel.ts', import.meta.url).href, export: 'nope' } };
    await expect(entropicOtPairingInWorker(spec)).rejects.toThrow(/has no export 'nope'/);
  });

  it('without a kernel, a worker rebuilds the plain pairing (its JavaScript loop)', () => {
    expect(entropicOtPairing({ reg: 0.5 }).worker).toMatchObject({ export: 'entropicOtPairing', options: { reg: 0.5 } });
  });
});
