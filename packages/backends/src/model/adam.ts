import { ADAM } from './state.js';

/**
 * One Adam step over flat buffers, PyTorch's rule (torch.optim.Adam, no weight decay):
 *   m ← β1 m + (1-β1) g;  v ← β2 v + (1-β2) g²;  p ← p - lr/(1-β1^t) · m / (sqrt(v)/sqrt(1-β2^t) + ε).
 * One pass in plain JavaScript is ~0.5 ms for the default model: cheaper than ~100 small tfjs ops.
 * `step` is the step number after this update (1 for the first).
 */
export function adamStep(p: Float32Array, m: Float32Array, v: Float32Array, g: Float32Array, step: number, lr: number): void {
  const { beta1, beta2, epsilon } = ADAM;
  const stepSize = lr / (1 - Math.pow(beta1, step));
  const invSqrtBc2 = 1 / Math.sqrt(1 - Math.pow(beta2, step));
  const c1 = 1 - beta1, c2 = 1 - beta2;
  for (let i = 0; i < p.length; i++) {
    const gi = g[i];
    const mi = (m[i] = beta1 * m[i] + c1 * gi);
    const vi = (v[i] = beta2 * v[i] + c2 * gi * gi);
    p[i] -= (stepSize * mi) / (Math.sqrt(vi) * invSqrtBc2 + epsilon);
  }
}
