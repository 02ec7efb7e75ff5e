/**
 * Scales the gradient so that its global L2 norm is at most `maxNorm`, as torch.nn.utils.clip_grad_norm_ (factor
 * maxNorm/(norm + 1e-6) when below 1; the norm summed in float64). Returns the norm before clipping.
 */
export function clipGlobalNorm(g: Float32Array, maxNorm: number): number {
  let sq = 0;
  for (let i = 0; i < g.length; i++) sq += g[i] * g[i];
  const norm = Math.sqrt(sq);
  const c = maxNorm / (norm + 1e-6);
  if (c < 1) for (let i = 0; i < g.length; i++) g[i] *= c;
  return norm;
}
