import { drawSource, type GenerateOptions, type Generated, type Integrator, type VelocityField, type VelocityModel } from '@flow-visualizer/core';

/**
 * Samples in batches of `batch` points, each integrated on its own (an adaptive solver then picks its steps per
 * batch, as torchdyn's dopri5 does in the papers' evaluation loops); nfe is the mean over the batches. The source
 * points are drawn once, all together, from the stream `generate` uses, so the figures compare with an unbatched run's.
 */
export async function generateInBatches(model: VelocityModel, integrator: Integrator, opts: GenerateOptions, batch: number, fieldFor?: (s: number, e: number) => VelocityField): Promise<Generated> {
  const all = await drawSource(opts.source, opts.n, opts.rng);
  const x = new Float32Array(2 * opts.n);
  const nfes: number[] = [];
  const start = performance.now();
  for (let s = 0; s < opts.n; s += batch) {
    const e = Math.min(opts.n, s + batch);
    // A conditional model's field of points s…e (their own conditions); else the model's.
    const res = await integrator.integrate(fieldFor?.(s, e) ?? ((p, t) => model.predict(p, t)), all.slice(2 * s, 2 * e), { steps: opts.steps, ...opts.integratorOptions });
    x.set(res.x, 2 * s);
    nfes.push(res.nfe);
  }
  return { x, nfe: nfes.reduce((a, b) => a + b, 0) / nfes.length, seconds: (performance.now() - start) / 1000, snapshots: [] };
}
