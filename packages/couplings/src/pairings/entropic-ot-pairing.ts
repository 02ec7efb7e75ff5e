import { z } from 'zod';
import type { Pairing, Rng, SinkhornKernel } from '@flow-visualizer/core';
import { definePlugin, FvError, SINKHORN_KERNEL } from '@flow-visualizer/core';
import { PointAssignment } from '../assignment/assignment.js';
import { sinkhornPlan } from './sinkhorn-plan.js';

export const EntropicOtPairingOptionsSchema = z
  .strictObject({
    reg: z
      .union([z.number().nonnegative(), z.literal('bridge')])
      .default(0.05)
      .describe("ε of the entropic plan, in squared-distance units (POT's and torchcfm's reg). 0: the exact OT assignment. 'bridge': ε = 2σ² from the path's sigma (Schrödinger-bridge CFM; needs flow.path=brownian_bridge)."),
    normalize_cost: z.boolean().default(false).describe("Divide the cost by its largest entry first, so reg is relative to the batch's spread (torchcfm's normalize_cost)."),
    iters: z.number().int().positive().default(1000).describe('Most Sinkhorn iterations (stops earlier when the marginals are within 0.1%).'),
  })
  .describe('Entropic OT: pairs drawn from the Sinkhorn plan of each batch.');

export type EntropicOtPairingOptions = z.infer<typeof EntropicOtPairingOptionsSchema>;

/**
 * Entropic minibatch OT (Tong et al. 2023's "sinkhorn" OTPlanSampler): the entropic plan π_ε of the batch, and
 * pairs drawn from it. torchcfm draws (i, j) with replacement from the whole plan; here each data point keeps its
 * place and draws its noise point from its row of the plan, π(j | i) — the same law of pairs, since the plan's
 * data marginal is uniform, and every data point is used once. A noise point may be used twice or not at all.
 * Larger ε blurs the plan towards the independent coupling; ε → 0 recovers exact OT.
 * The plan stops at 0.1% on its row marginals (checked every iteration, at most `iters`); POT's sinkhorn, which
 * torchcfm calls, stops at 1e-9 on its column marginals (checked every 10th, at most 1,000): on a batch of the
 * C2OT sweep ~280 iterations here against ~790 there (scripts/README-pairing.md).
 * `kernel`: a faster Sinkhorn loop (the SINKHORN_KERNEL port, the native addon's in the cli) for the JavaScript
 * one; the same plan to float rounding.
 */
export function entropicOtPairing(options: Partial<EntropicOtPairingOptions> = {}, kernel?: SinkhornKernel): Pairing {
  const opts = EntropicOtPairingOptionsSchema.parse(options);
  if (opts.reg === 'bridge') {
    // Resolved to a number by the config (flowOptions) before the pairing is built; reaching here is a wiring bug.
    throw new FvError('CONFIG_INVALID', "flow.pairing_options.reg='bridge' needs the path's sigma: use flow.path=brownian_bridge.");
  }
  const reg = opts.reg;
  const exact = new PointAssignment();
  return {
    id: 'entropic_ot',
    // A worker thread rebuilds the pairing with the same kernel (from its module), or with the JavaScript loop.
    worker: kernel?.worker
      ? { module: import.meta.url, export: 'entropicOtPairingInWorker', options: { options: opts, kernel: kernel.worker } satisfies EntropicOtWorkerOptions }
      : { module: import.meta.url, export: 'entropicOtPairing', options: opts },
    pair(x0: Float32Array, x1: Float32Array, rng: Rng): Float32Array {
      if (x0.length !== x1.length) {
        throw new FvError('DATA_INVALID', `Entropic OT pairing needs as many noise points as data points, got ${x0.length >> 1} and ${x1.length >> 1}.`);
      }
      const n = x1.length >> 1;
      const pick = new Int32Array(n);
      if (reg === 0) exact.solve(x1, x0, pick);
      else sampleFromPlan(x1, x0, reg, opts, rng, pick, kernel);
      const out = new Float32Array(x0.length);
      for (let i = 0; i < n; i++) {
        out[2 * i] = x0[2 * pick[i]];
        out[2 * i + 1] = x0[2 * pick[i] + 1];
      }
      return out;
    },
  };
}

/** For each row i (a data point), a column j (a noise point) drawn with probability π_ij / Σ_j π_ij. */
function sampleFromPlan(a: Float32Array, b: Float32Array, reg: number, opts: EntropicOtPairingOptions, rng: Rng, out: Int32Array, kernel?: SinkhornKernel): void {
  const n = a.length >> 1;
  const { K, v, underflow } = sinkhornPlan(a, b, { reg, scale: opts.normalize_cost ? 'max' : 'none', maxIter: opts.iters, ...(kernel && { kernel }) });
  if (underflow) {
    throw new FvError('CONFIG_INVALID', `flow.pairing_options.reg=${reg} is too small for this batch's squared distances: the Sinkhorn kernel exp(−C/ε) underflows and the plan cannot be formed.`, {
      hint: 'Raise flow.pairing_options.reg, set flow.pairing_options.normalize_cost=true, or use reg 0 (the exact OT assignment).',
    });
  }
  if (kernel?.draw && n > 0) {
    // One uniform per row, in row order: the same numbers the loop below would draw.
    const uniform = new Float64Array(n);
    for (let i = 0; i < n; i++) uniform[i] = rng.next();
    kernel.draw(K, n, v, uniform, out);
    return;
  }
  for (let i = 0; i < n; i++) {
    const row = i * n;
    let total = 0;
    for (let j = 0; j < n; j++) total += K[row + j] * v[j];
    let r = rng.next() * total, j = 0;
    for (; j < n - 1; j++) {
      r -= K[row + j] * v[j];
      if (r < 0) break;
    }
    out[i] = j;
  }
}

/** What a pairing worker thread receives to rebuild a pairing that runs a SinkhornKernel (structured-cloneable). */
interface EntropicOtWorkerOptions {
  options: EntropicOtPairingOptions;
  kernel: { module: string; export: string };
}

/**
 * The pairing worker thread's factory when the run has a SinkhornKernel: imports the kernel's module there and
 * builds the same pairing over it (over the JavaScript loop if the factory finds no kernel in that thread).
 */
export async function entropicOtPairingInWorker(spec: EntropicOtWorkerOptions): Promise<Pairing> {
  const mod = (await import(spec.kernel.module)) as Record<string, unknown>;
  const make = mod[spec.kernel.export];
  // A wrong spec is a wiring bug: failing here leaves the batches to the training thread, which raises nothing.
  if (typeof make !== 'function') throw new Error(`${spec.kernel.module} has no export '${spec.kernel.export}'`);
  return entropicOtPairing(spec.options, (make as () => SinkhornKernel | undefined)());
}

export const entropicOtPairingPlugin = () =>
  definePlugin({
    name: 'fv:pairing-entropic-ot',
    kind: 'pairing',
    id: 'entropic_ot',
    description: "Entropic OT: pairs drawn from each batch's Sinkhorn plan (flow.pairing_options.reg: ε; 'bridge' = 2σ² of the brownian_bridge path).",
    optionsSchema: EntropicOtPairingOptionsSchema,
    // The run's Sinkhorn loop, when its container holds a faster one than the JavaScript loop (the cli's: native).
    create: (options, ctx) => entropicOtPairing(options, ctx.services?.get<SinkhornKernel>(SINKHORN_KERNEL)),
  });
