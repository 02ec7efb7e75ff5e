/**
 * Seeded random numbers. Everything random in a run (data, noise, time samples, shuffles, projections) draws
 * from an Rng derived from `training.seed`, so that the same config gives the same run on the same backend.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal. */
  normal(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Fills `out` with independent N(mean, std²) draws and returns it. */
  fillNormal(out: Float32Array, mean?: number, std?: number): Float32Array;
  /** Fills `out` with independent U[lo, hi) draws and returns it. */
  fillUniform(out: Float32Array, lo?: number, hi?: number): Float32Array;
  /** A uniformly random permutation of 0..n-1. */
  permutation(n: number): Uint32Array;
  /** An independent stream, derived from this one's seed and a label (does not advance this stream). */
  fork(label: string): Rng;
}

function hashString(s: string): number {
  let h = 2166136261 >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h;
}

/**
 * sfc32: small, fast, and passes PractRand far beyond what a 2D toy needs. The state lives in an Int32Array: every
 * step is arithmetic modulo 2³², so int32 and uint32 views of it give the same outputs, and int32 slots keep V8
 * from boxing the numbers above 2³¹ that plain fields held.
 */
class Sfc32 implements Rng {
  private readonly s = new Int32Array(4);
  private spare: number | null = null;

  constructor(private readonly seed: number, private readonly label = '') {
    const st = this.s;
    st[0] = 0x9e3779b9;
    st[1] = 0x243f6a88;
    st[2] = 0xb7e15162;
    st[3] = (seed >>> 0) ^ hashString(label);
    for (let i = 0; i < 15; i++) this.nextU32();
  }

  private nextU32(): number {
    const st = this.s;
    const a = st[0], b = st[1], c = st[2], d = (st[3] + 1) | 0;
    const t = (((a + b) | 0) + d) | 0;
    st[0] = b ^ (b >>> 9);
    st[1] = (c + (c << 3)) | 0;
    st[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    st[3] = d;
    return t >>> 0;
  }

  next(): number {
    return this.nextU32() / 4294967296;
  }

  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    // Box–Muller; 1 - u keeps log away from 0.
    const u = 1 - this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  fillNormal(out: Float32Array, mean = 0, std = 1): Float32Array {
    // normal() pair by pair without parking the second in spare: the same draws in the same order.
    let i = 0;
    if (out.length > 0 && this.spare !== null) out[i++] = mean + std * this.normal();
    for (; i + 1 < out.length; i += 2) {
      const u = 1 - this.next();
      const v = this.next();
      const r = Math.sqrt(-2 * Math.log(u));
      out[i] = mean + std * (r * Math.cos(2 * Math.PI * v));
      out[i + 1] = mean + std * (r * Math.sin(2 * Math.PI * v));
    }
    if (i < out.length) out[i] = mean + std * this.normal();
    return out;
  }

  fillUniform(out: Float32Array, lo = 0, hi = 1): Float32Array {
    const w = hi - lo;
    for (let i = 0; i < out.length; i++) out[i] = lo + w * this.next();
    return out;
  }

  permutation(n: number): Uint32Array {
    const p = new Uint32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = p[i];
      p[i] = p[j];
      p[j] = tmp;
    }
    return p;
  }

  fork(label: string): Rng {
    return new Sfc32(this.seed, `${this.label}/${label}`);
  }
}

/** A seeded generator; the same seed (and fork labels) always gives the same numbers. */
export function createRng(seed: number, label = ''): Rng {
  return new Sfc32(seed, label);
}
