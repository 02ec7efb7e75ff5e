/** Σ_i |a_i − b_σ(i)|², the transport cost of a pairing (σ = identity when omitted). */
export function pairingCost(a: Float32Array, b: Float32Array, sigma?: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length >> 1; i++) {
    const j = sigma ? sigma[i] : i;
    const dx = a[2 * i] - b[2 * j], dy = a[2 * i + 1] - b[2 * j + 1];
    s += dx * dx + dy * dy;
  }
  return s;
}
