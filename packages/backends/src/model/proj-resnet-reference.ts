/**
 * The C2OT playground's residual network written from its definition in float64, sharing nothing with the nets
 * (for the tests of TfjsProjResNet and NativeProjResNet): parameters in resnetParamInfos order (kernels [in, out]
 * row-major, each followed by its bias).
 */

/** erf in float64: its Taylor series below 3, the continued fraction of erfc above (|error| < 1e-12 here). */
export function erf64(x: number): number {
  const ax = Math.abs(x);
  if (ax < 3) {
    let term = x, sum = x;
    for (let n = 1; n < 80; n++) {
      term *= (-x * x) / n;
      sum += term / (2 * n + 1);
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  let f = ax;
  for (let k = 60; k >= 1; k--) f = ax + k / 2 / f;
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
  return Math.sign(x) * (1 - erfc);
}

/**
 * Mean squared error / 2 of the net over the rows; with `c` (n×cd), the conditional net (ConditionalNet): x rows
 * are the plain points and cond_proj, stored after output_proj, adds c·Wc + bc to h0.
 */
export function projResLossF64(p: Float64Array, x: Float32Array, t: Float32Array, y: Float32Array, w: number, blocks: number, hid: number, act: 'gelu' | 'silu', c?: Float32Array, cd = 0): number {
  const f = act === 'gelu' ? (z: number) => 0.5 * z * (1 + erf64(z / Math.SQRT2)) : (z: number) => z / (1 + Math.exp(-z));
  const dense = (inp: number[], off: number, nIn: number, nOut: number): number[] =>
    Array.from({ length: nOut }, (_, o) => {
      let s = p[off + nIn * nOut + o];
      for (let k = 0; k < nIn; k++) s += inp[k] * p[off + k * nOut + o];
      return s;
    });
  let total = 0;
  for (let r = 0; r < t.length; r++) {
    let off = 0;
    const hx = dense([x[2 * r], x[2 * r + 1]], off, 2, w);
    off += 2 * w + w;
    const ht = dense([t[r]], off, 1, w);
    off += w + w;
    let h = hx.map((v, i) => v + ht[i]);
    if (c) {
      const condOff = 2 * w + w + w + w + blocks * (w * hid + hid + hid * w + w) + w * 2 + 2;
      const hc = dense(Array.from(c.subarray(r * cd, (r + 1) * cd)), condOff, cd, w);
      h = h.map((v, i) => v + hc[i]);
    }
    for (let b = 0; b < blocks; b++) {
      const a = dense(h, off, w, hid).map(f);
      off += w * hid + hid;
      const u = dense(a, off, hid, w);
      off += hid * w + w;
      h = h.map((v, i) => v + u[i]);
    }
    const v = dense(h, off, w, 2);
    total += (v[0] - y[2 * r]) ** 2 + (v[1] - y[2 * r + 1]) ** 2;
  }
  return total / (2 * t.length);
}
