/**
 * The nets' input rows [x, sin(t·f), cos(t·f)] (the sinusoidal time embedding concatenated to the point), written
 * into `out` (n rows of d + 2·freqs.length). t: per point, or one time for all points. Shared by TfjsNet and
 * TfjsResNet so that both embed time the same way.
 */
export function fillEmbeddedInput(out: Float32Array, x: Float32Array, t: Float32Array | number, d: number, freqs: Float32Array | number[]): void {
  const half = freqs.length, w = d + 2 * half, n = x.length / d;
  for (let r = 0; r < n; r++) {
    const o = r * w, tr = typeof t === 'number' ? t : t[r];
    for (let k = 0; k < d; k++) out[o + k] = x[r * d + k];
    for (let k = 0; k < half; k++) {
      const a = tr * freqs[k];
      out[o + d + k] = Math.sin(a);
      out[o + d + half + k] = Math.cos(a);
    }
  }
}
