import type { Rng } from '../rng.js';

/** Hutchinson probe vectors: Gaussian N(0, I), or Rademacher (±1 each coordinate). Both have E[εεᵀ] = I. */
export type ProbeKind = 'gaussian' | 'rademacher';

/** n × probes × d probe coordinates, drawn once per solve. */
export function drawProbes(n: number, probes: number, d: number, kind: ProbeKind, rng: Rng): Float64Array {
  const out = new Float64Array(n * probes * d);
  for (let i = 0; i < out.length; i++) out[i] = kind === 'rademacher' ? (rng.next() < 0.5 ? -1 : 1) : rng.normal();
  return out;
}
