import { spawnSync } from 'node:child_process';
import { describeNative } from '../model/test-utils/describe-native.js';
import { addonPath, loadAddon } from '../model/native-net.js';
import { nativeSinkhornKernel } from './native-sinkhorn.js';

/*
 * The C Sinkhorn loop (native/fv_sinkhorn.c) against the loop as the couplings package first wrote it in
 * JavaScript (two matrix–vector products per iteration; copied here: backends does not depend on couplings).
 */
function referenceScaling(K: Float32Array, n: number, maxIter: number, tol: number, v: Float64Array): number {
  const u = new Float64Array(n).fill(1), kv = new Float64Array(n), ktu = new Float64Array(n);
  v.fill(1);
  let it = 0;
  while (it < maxIter) {
    it++;
    ktu.fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) ktu[j] += K[i * n + j] * u[i];
    for (let j = 0; j < n; j++) v[j] = ktu[j] > 0 ? 1 / ktu[j] : 1e300;
    let worst = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += K[i * n + j] * v[j];
      kv[i] = s;
      worst = Math.max(worst, Math.abs(u[i] * s - 1));
    }
    for (let i = 0; i < n; i++) u[i] = kv[i] > 0 ? 1 / kv[i] : 1e300;
    if (worst < tol) break;
  }
  return it;
}

/** A deterministic generator for the child processes and this one alike. */
const LCG = String.raw`
let s = 12345;
const rnd = () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;`;

/**
 * The kernel exp(−(C − row min)/ε) of a batch shaped like the C2OT sweep's (eight Gaussians on a ring of radius 5
 * against two moons ×3 − 1, ε = 0.5: a fifth of it 0, some of it float32 denormals); n = 515, not a multiple of
 * the loop's 8 lanes, so the tails run.
 */
const KERNEL = String.raw`
const kernelOf = (n) => {
  const a = new Float32Array(2 * n), b = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const c = Math.floor(rnd() * 8) * (Math.PI / 4), g = Math.sqrt(-2 * Math.log(1 - rnd())), h = 2 * Math.PI * rnd();
    b[2 * i] = 5 * Math.cos(c) + 0.5623 * g * Math.cos(h);
    b[2 * i + 1] = 5 * Math.sin(c) + 0.5623 * g * Math.sin(h);
    const t = Math.PI * rnd(), lower = i % 2 === 1;
    a[2 * i] = 3 * ((lower ? 1 - Math.cos(t) : Math.cos(t)) + 0.2 * (rnd() - 0.5)) - 1;
    a[2 * i + 1] = 3 * ((lower ? 0.5 - Math.sin(t) : Math.sin(t)) + 0.2 * (rnd() - 0.5)) - 1;
  }
  const K = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    let m = Infinity;
    for (let j = 0; j < n; j++) m = Math.min(m, (a[2 * i] - b[2 * j]) ** 2 + (a[2 * i + 1] - b[2 * j + 1]) ** 2);
    for (let j = 0; j < n; j++) K[i * n + j] = Math.exp(-((a[2 * i] - b[2 * j]) ** 2 + (a[2 * i + 1] - b[2 * j + 1]) ** 2 - m) / 0.5);
  }
  return K;
};`;

const CHILD = `${LCG}${KERNEL}
const addon = require(process.argv[1]);
const n = 515, K = kernelOf(n), v = new Float64Array(n);
const iterations = addon.sinkhornScale(K, n, 1000, 1e-3, v);
process.stdout.write(JSON.stringify({ isa: addon.isa, iterations, v: Array.from(v) }));`;

// eslint-disable-next-line @typescript-eslint/no-implied-eval
const kernelOf = new Function(`${LCG}${KERNEL} return kernelOf;`)() as (n: number) => Float32Array;

describeNative('the native Sinkhorn loop (the SINKHORN_KERNEL port)', () => {
  const n = 515;
  const K = kernelOf(n);

  it('computes the JavaScript loop\'s v to float rounding and stops at the same iteration', () => {
    let zeros = 0, denormals = 0;
    for (const k of K) (k === 0 ? zeros++ : k < 1.2e-38 && denormals++);
    expect(zeros).toBeGreaterThan(0.05 * n * n); // the batch is as sparse as the sweep's: its zeros and denormals run
    expect(denormals).toBeGreaterThan(0);
    const v = new Float64Array(n), ref = new Float64Array(n);
    const kernel = nativeSinkhornKernel()!;
    const iterations = kernel.scale(K, n, 1000, 1e-3, v);
    expect(iterations).toBe(referenceScaling(K, n, 1000, 1e-3, ref));
    expect(iterations).toBeGreaterThan(20);
    expect(iterations).toBeLessThan(1000);
    let worst = 0;
    for (let j = 0; j < n; j++) worst = Math.max(worst, Math.abs(v[j] / ref[j] - 1));
    expect(worst).toBeLessThan(1e-11);
  });

  it.each([0, 1, 5])('with the cap at %i iterations: the same v as the JavaScript loop', (maxIter) => {
    const v = new Float64Array(n), ref = new Float64Array(n);
    expect(loadAddon().sinkhornScale!(K, n, maxIter, 1e-3, v)).toBe(maxIter);
    referenceScaling(K, n, maxIter, 1e-3, ref);
    for (let j = 0; j < n; j++) expect(Math.abs(v[j] / ref[j] - 1)).toBeLessThan(1e-12);
  });

  it('every instruction set this CPU runs gives the same bits (no fused multiply-adds, 8 lanes on each)', () => {
    const runs = loadAddon().isas.split(',').map((isa) => {
      const r = spawnSync(process.execPath, ['-e', CHILD, addonPath()!], { encoding: 'utf8', env: { ...process.env, FV_NATIVE_ISA: isa } });
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout) as { isa: string; iterations: number; v: number[] };
    });
    expect(runs.map((r) => r.isa)).toContain('generic');
    for (const r of runs.slice(1)) {
      expect(r.iterations).toBe(runs[0].iterations);
      expect(r.v).toEqual(runs[0].v);
    }
  });

  it('gives the entropic plan of a small problem, against a float64 log-domain Sinkhorn written independently', () => {
    const a = [[0, 0], [1, 0], [0, 1], [2, 2]], b = [[0.2, 0.1], [1.5, -0.2], [-0.3, 1.2], [1.1, 1.0]], eps = 0.5;
    // The reference: f, g potentials by log-sum-exp, 5,000 sweeps; P_ij = exp((f_i + g_j − C_ij)/ε), marginals 1/4.
    const C = a.map((p) => b.map((q) => (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2));
    const f = [0, 0, 0, 0], g = [0, 0, 0, 0];
    const lse = (xs: number[]) => Math.max(...xs) + Math.log(xs.reduce((s, x) => s + Math.exp(x - Math.max(...xs)), 0));
    for (let it = 0; it < 5000; it++) {
      for (let i = 0; i < 4; i++) f[i] = -eps * lse(C[i].map((c, j) => (g[j] - c) / eps)) - eps * Math.log(4);
      for (let j = 0; j < 4; j++) g[j] = -eps * lse(C.map((row, i) => (f[i] - row[j]) / eps)) - eps * Math.log(4);
    }
    const kernel = nativeSinkhornKernel()!;
    const K = new Float32Array(16), v = new Float64Array(4);
    kernel.build!(new Float32Array(a.flat()), new Float32Array(b.flat()), 'none', eps, K);
    kernel.scale(K, 4, 1000, 1e-9, v);
    for (let i = 0; i < 4; i++) {
      const row = [0, 1, 2, 3].map((j) => K[4 * i + j] * v[j]), total = row.reduce((s, x) => s + x, 0);
      // Within a row the plan is K_ij·v_j normalised: 4·P_ij of the reference (float32 K: 1e-6).
      for (let j = 0; j < 4; j++) expect(Math.abs(row[j] / total - 4 * Math.exp((f[i] + g[j] - C[i][j]) / eps))).toBeLessThan(1e-6);
    }
  });

  it('names itself by its kernel set, and a worker thread makes the same kernel from its module', async () => {
    const kernel = nativeSinkhornKernel()!;
    expect(kernel.id).toBe(`native-${loadAddon().isa}`);
    const mod = (await import(kernel.worker!.module)) as Record<string, () => typeof kernel>;
    const again = mod[kernel.worker!.export]();
    const a = new Float64Array(n), b = new Float64Array(n);
    kernel.scale(K, n, 50, 0, a);
    again.scale(K, n, 50, 0, b);
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  /** The couplings package's kernel build (sinkhorn-plan.ts buildKernel), copied: costs in float32, then exp per row. */
  function buildJs(a: Float32Array, b: Float32Array, scale: 'none' | 'mean' | 'max', reg: number, K: Float32Array): number {
    const m = a.length >> 1, rowMin = new Float64Array(m);
    let mean = 0, max = 0;
    for (let i = 0; i < m; i++) {
      let lo = Infinity;
      for (let j = 0; j < m; j++) {
        const dx = a[2 * i] - b[2 * j], dy = a[2 * i + 1] - b[2 * j + 1], c = dx * dx + dy * dy;
        K[i * m + j] = c;
        mean += c;
        if (c > max) max = c;
        if (c < lo) lo = c;
      }
      rowMin[i] = lo;
    }
    mean /= m * m;
    const eps = Math.max(reg * (scale === 'mean' ? mean : scale === 'max' ? max : 1), 1e-12);
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) K[i * m + j] = Math.exp(-(K[i * m + j] - rowMin[i]) / eps);
    return eps;
  }

  it.each(['none', 'mean', 'max'] as const)('builds the kernel exp(−(C − row min)/ε) as the JavaScript does (ε relative to %s)', (scale) => {
    const m = 203, a = Float32Array.from({ length: 2 * m }, (_, i) => 6 * Math.sin(i * 1.7)), b = Float32Array.from({ length: 2 * m }, (_, i) => 4 * Math.cos(i * 0.9) + 1);
    const kc = new Float32Array(m * m), kj = new Float32Array(m * m);
    const kernel = nativeSinkhornKernel()!;
    expect(kernel.build!(a, b, scale, 0.05, kc)).toBe(buildJs(a, b, scale, 0.05, kj));
    // The costs are the same doubles; exp() is the C library's, not V8's: a float32 entry may differ by one ulp.
    const bc = new Int32Array(kc.buffer), bj = new Int32Array(kj.buffer);
    let differ = 0;
    for (let i = 0; i < bc.length; i++) {
      expect(Math.abs(bc[i] - bj[i])).toBeLessThanOrEqual(1);
      if (bc[i] !== bj[i]) differ++;
    }
    expect(differ).toBeLessThan(1e-3 * bc.length);
    expect(kj.some((x) => x > 0 && x < 1)).toBe(true); // not a degenerate kernel
  });

  it('draws the columns the JavaScript draws, for the same uniforms', () => {
    const v = new Float64Array(n);
    const kernel = nativeSinkhornKernel()!;
    kernel.scale(K, n, 1000, 1e-3, v);
    const uniform = Float64Array.from({ length: n }, (_, i) => (i * 0.6180339887) % 1);
    uniform[0] = 0;
    uniform[1] = 0.9999999999;
    const got = new Int32Array(n), want = new Int32Array(n);
    kernel.draw!(K, n, v, uniform, got);
    for (let i = 0; i < n; i++) {
      let total = 0;
      for (let j = 0; j < n; j++) total += K[i * n + j] * v[j];
      let r = uniform[i] * total, j = 0;
      for (; j < n - 1; j++) {
        r -= K[i * n + j] * v[j];
        if (r < 0) break;
      }
      want[i] = j;
    }
    expect(Array.from(got)).toEqual(Array.from(want));
    expect(new Set(got).size).toBeGreaterThan(n / 4); // the draws spread over the columns
  });

  it('refuses a kernel that is not n×n, or v of another length, with one message', () => {
    const scale = loadAddon().sinkhornScale!;
    expect(() => scale(new Float32Array(10), 3, 10, 1e-3, new Float64Array(3))).toThrow(/K must hold n×n values and v n values/);
    expect(() => scale(new Float32Array(9), 3, 10, 1e-3, new Float64Array(2))).toThrow(/K must hold n×n values and v n values/);
    expect(() => scale(new Float32Array(9), 3, 10, 1e-3, new Float32Array(3) as unknown as Float64Array)).toThrow(/sinkhornScale takes/);
    const addon = loadAddon();
    expect(() => addon.sinkhornKernel!(new Float32Array(6), new Float32Array(4), 0, 0.5, new Float32Array(9))).toThrow(/a and b must hold n points each/);
    expect(() => addon.sinkhornKernel!(new Float32Array(6), new Float32Array(6), 3, 0.5, new Float32Array(9))).toThrow(/scale 0, 1 or 2/);
    expect(() => addon.sinkhornDraw!(new Float32Array(9), 3, new Float64Array(3), new Float64Array(2), new Int32Array(3))).toThrow(/v, uniform and out n values/);
  });
});
