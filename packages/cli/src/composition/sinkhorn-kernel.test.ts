import { ConfigSchema, PAIRING, PairingPool, SINKHORN_KERNEL, createRng, pairingLabel, setPairingThreadHost, type Pairing, type SinkhornKernel } from '@flow-visualizer/core';
import { nodePairingThreads } from '@flow-visualizer/core/node';
import { resolvePort } from '@flow-visualizer/core/container';
import { createNodeRunContainer } from '@flow-visualizer/core/container/node';
import { nativeSinkhornKernel } from '@flow-visualizer/backends';
import { entropicOtPairing } from '@flow-visualizer/couplings';
import { eightGaussiansDataset, moonsDataset } from '@flow-visualizer/datasets';
import { createCliRoot } from './root.js';

/*
 * The cli's root holds the native Sinkhorn loop under SINKHORN_KERNEL (where the addon is built); the entropic_ot
 * pairing the run's container makes (entropic OT, and SB-CFM's bridge coupling) runs on it, in the training
 * thread and in pairing worker threads, and draws the pairs the JavaScript loop draws.
 */
const native = nativeSinkhornKernel();

function pairingOf(flow: Record<string, unknown>): Promise<Pairing> {
  const config = ConfigSchema.parse({ flow });
  const child = createNodeRunContainer(createCliRoot(), { config, baseDir: process.cwd() });
  return resolvePort(child, PAIRING) as Promise<Pairing>;
}

describe('the Sinkhorn kernel in the composition root', () => {
  // One batch of the C2OT sweep (configs/papers/c2ot-unconditional.yaml): eight Gaussians → moons, their coordinates.
  const x0 = eightGaussiansDataset({ raw_radius: 5, cluster_std: 0.1 ** 0.25 / 5 }).sample(512, createRng(1, 'source'));
  const x1 = moonsDataset({ layout: 'torchdyn', uniform_noise: 0.2, raw_scale: 3, raw_shift: -1 }).sample(512, createRng(1, 'target'));

  it('the root resolves SINKHORN_KERNEL to the native loop where the addon is built (else to nothing)', () => {
    const kernel = createCliRoot().resolve<SinkhornKernel | undefined>(SINKHORN_KERNEL);
    if (native) expect(kernel?.id).toBe(native.id);
    else expect(kernel).toBeUndefined();
  });

  it.each([
    ['entropic OT', { pairing: 'entropic_ot', pairing_options: { reg: 0.5 } }],
    ['SB-CFM (ε = 2σ²)', { path: 'brownian_bridge', path_options: { sigma: 0.5 }, pairing: 'entropic_ot', pairing_options: { reg: 'bridge' } }],
  ])('%s: the run\'s pairing runs the kernel (worker threads too) and draws the JavaScript loop\'s pairs', async (_, flow) => {
    const pairing = await pairingOf(flow);
    if (native) {
      expect(pairing.worker).toMatchObject({ export: 'entropicOtPairingInWorker', options: { options: { reg: 0.5 }, kernel: native.worker } });
    } else {
      expect(pairing.worker).toMatchObject({ export: 'entropicOtPairing', options: { reg: 0.5 } });
    }
    expect(pairing.pair(x0, x1, createRng(7))).toEqual(entropicOtPairing({ reg: 0.5 }).pair(x0, x1, createRng(7)));
    // One point and none: the addon is asked only for what it takes (n ≥ 1).
    expect(pairing.pair(x0.subarray(0, 2), x1.subarray(0, 2), createRng(7))).toEqual(x0.subarray(0, 2));
    expect(pairing.pair(new Float32Array(0), new Float32Array(0), createRng(7))).toEqual(new Float32Array(0));
  });

  it('pairing worker threads rebuild the pairing over the kernel and answer every batch with the training thread\'s pairs', async () => {
    const pairing = await pairingOf({ pairing: 'entropic_ot', pairing_options: { reg: 0.5 } });
    setPairingThreadHost(nodePairingThreads);
    const pool = PairingPool.start(pairing.worker, 1)!;
    try {
      const batches = [0, 1].map((k) => ({ x0: x0.subarray(256 * k, 256 * (k + 1)), x1: x1.subarray(256 * k, 256 * (k + 1)) }));
      const epoch = pool.submit(batches, 3, [pairingLabel(0, 0), pairingLabel(0, 1)]);
      for (let i = 0; i < 600 && epoch.counts().pending > 0; i++) await new Promise((r) => setTimeout(r, 50));
      // A worker that could not import the kernel's module, or found no factory there, would have failed its batches.
      expect(epoch.counts()).toEqual({ workers: 2, failed: 0, trainer: 0, pending: 0 });
      for (let k = 0; k < 2; k++) {
        const there = epoch.take(k, () => {
          throw new Error('the training thread was asked to pair a batch a worker had answered');
        });
        expect(there).toEqual(pairing.pair(batches[k].x0, batches[k].x1, createRng(3, pairingLabel(0, k))));
      }
    } finally {
      await pool.close();
      setPairingThreadHost(undefined);
    }
  });
});
