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

/**
 * adamStep's constants of step `step` at rate `lr`, for a kernel that runs the same rule in its own arithmetic
 * (the C addon): k = [β1, β2, 1-β1, 1-β2, lr/(1-β1^step), 1/sqrt(1-β2^step), ε].
 */
export function adamConstants(step: number, lr: number, k: Float64Array = new Float64Array(7)): Float64Array {
  const { beta1, beta2, epsilon } = ADAM;
  k[0] = beta1;
  k[1] = beta2;
  k[2] = 1 - beta1;
  k[3] = 1 - beta2;
  k[4] = lr / (1 - Math.pow(beta1, step));
  k[5] = 1 / Math.sqrt(1 - Math.pow(beta2, step));
  k[6] = epsilon;
  return k;
}
