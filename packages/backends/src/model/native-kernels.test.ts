import { describeNative } from './test-utils/describe-native.js';
import { spawnSync } from 'node:child_process';
import { addonPath, loadAddon } from './native-net.js';

/*
 * The addon carries kernels for several instruction sets and picks one at load (FV_NATIVE_ISA forces it). Each
 * set this CPU runs is loaded in its own process and must give the same numbers as the others, up to rounding:
 * fused multiply-adds (AVX2, AVX-512) against separate ones (baseline), and libmvec's expf per width.
 */

// A tiny net whose widths are not multiples of the kernels' tiles (6 rows × 16 or 32 columns): the masked edges run.
const CHILD = String.raw`
const a = require(process.argv[1]);
let s = 12345;
const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32 - 0.5);
const dims = Int32Array.from([2, 3, 18, 40, 23, 2]);
const total = 18 * 40 + 40 + 40 * 23 + 23 + 23 * 2 + 2;
const P = Float32Array.from({ length: total }, () => rnd() * 0.6);
const freqs = Float32Array.from({ length: 8 }, (_, k) => Math.exp((k * Math.log(1000)) / 7));
const n = 101;
const x = Float32Array.from({ length: 2 * n }, rnd), t = Float32Array.from({ length: n }, () => rnd() + 0.5), y = Float32Array.from({ length: 2 * n }, rnd);
const out = {};
out.isa = a.isa;
for (const parts of [1, 3]) {
  const g = new Float32Array(total);
  out['sse' + parts] = a.lossAndGrad(dims, freqs, P, x, t, y, 0.01, g, parts);
  out['grad' + parts] = Array.from(g);
}
const m = 1000, xs = Float32Array.from({ length: 2 * m }, rnd), ts = Float32Array.from({ length: m }, () => rnd() + 0.5);
const f1 = new Float32Array(2 * m), f2 = new Float32Array(2 * m);
a.forward(dims, freqs, P, xs, 0.3, f1);
a.forward(dims, freqs, P, xs, ts, f2);
out.fwdScalar = Array.from(f1);
out.fwdRows = Array.from(f2);
// The resnet with exact GELU (vectorised erf per set; 37 hidden columns: the sets' scalar tails run too).
const rdims = Int32Array.from([2, 9, 2, 37, 0]), none = new Float32Array(0);
const rtotal = 2 * 9 + 9 + 9 + 9 + 2 * (9 * 37 + 37 + 37 * 9 + 9) + 9 * 2 + 2;
const RP = Float32Array.from({ length: rtotal }, () => rnd() * 1.5);
const rg = new Float32Array(rtotal);
out.resnetSse = a.resnetLossAndGrad(rdims, none, RP, x, t, y, 0.01, rg, 1);
out.resnetGrad = Array.from(rg);
const rf = new Float32Array(2 * m);
a.resnetForward(rdims, none, RP, xs, ts, rf);
out.resnetFwd = Array.from(rf);
process.stdout.write(JSON.stringify(out));
`;

interface ChildOut {
  isa: string;
  [k: string]: number | number[] | string;
}

function runWith(env: Record<string, string>): { status: number | null; out?: ChildOut; stderr: string } {
  const r = spawnSync(process.execPath, ['-e', CHILD, addonPath()!], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: r.status, out: r.status === 0 ? (JSON.parse(r.stdout) as ChildOut) : undefined, stderr: r.stderr };
}

/** Largest |a - b| relative to the largest |a| of the array. */
function relDiff(a: number[], b: number[]): number {
  const scale = Math.max(...a.map(Math.abs));
  return Math.max(...a.map((v, i) => Math.abs(v - b[i]))) / scale;
}

describeNative('the native kernels', () => {
  const isas = loadAddon().isas.split(',');

  it('runs the kernels of every instruction set this CPU has, forced by FV_NATIVE_ISA, and they agree', () => {
    const results = isas.map((isa) => {
      const r = runWith({ FV_NATIVE_ISA: isa });
      expect(r.stderr).toBe('');
      expect(r.out?.isa).toBe(isa);
      return r.out!;
    });
    expect(isas).toContain('generic');
    const [first, ...rest] = results;
    for (const other of rest) {
      for (const k of ['grad1', 'grad3', 'fwdScalar', 'fwdRows', 'resnetGrad', 'resnetFwd']) expect(relDiff(first[k] as number[], other[k] as number[])).toBeLessThan(2e-5);
      expect(Math.abs((other.sse1 as number) / (first.sse1 as number) - 1)).toBeLessThan(1e-5);
      expect(Math.abs((other.resnetSse as number) / (first.resnetSse as number) - 1)).toBeLessThan(1e-5);
    }
    // Within one set, a batch in 3 parts is the batch in 1 up to the order of the sums.
    expect(relDiff(first.grad1 as number[], first.grad3 as number[])).toBeLessThan(1e-5);
  });

  it('refuses, with a message, a set that is unknown or that this CPU lacks', () => {
    const unknown = runWith({ FV_NATIVE_ISA: 'sse9' });
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toMatch(/FV_NATIVE_ISA=sse9 is not a kernel set: use avx512, avx2, generic or auto/);
    const missing = ['avx512', 'avx2'].find((s) => !isas.includes(s));
    if (missing) expect(runWith({ FV_NATIVE_ISA: missing }).stderr).toMatch(/this CPU lacks those instructions/);
  });

  it('throws FV_NATIVE_OOM, not a crash, when an allocation fails', () => {
    const script = String.raw`
const a = require(process.argv[1]);
const dims = Int32Array.from([2, 2, 10, 16, 2]), total = 10 * 16 + 16 + 16 * 2 + 2;
const P = new Float32Array(total), f = new Float32Array(4);
const n = 300, x = new Float32Array(2 * n), t = new Float32Array(n), y = new Float32Array(2 * n), g = new Float32Array(total);
const codes = [];
for (const call of [() => a.lossAndGrad(dims, f, P, x, t, y, 1, g), () => a.lossAndGrad(dims, f, P, x, t, y, 1, g, 2),
                    () => a.forward(dims, f, P, x, 0.5, y), () => a.forward(dims, f, P, x, t, y)]) {
  try { call(); codes.push('no error'); } catch (e) { codes.push(e.code + ': ' + e.message); }
}
process.stdout.write(JSON.stringify(codes));`;
    const r = spawnSync(process.execPath, ['-e', script, addonPath()!], { encoding: 'utf8', env: { ...process.env, FV_NATIVE_FAIL_ALLOC_ABOVE: '2000' } });
    expect(r.status).toBe(0);
    const codes = JSON.parse(r.stdout) as string[];
    expect(codes).toHaveLength(4);
    for (const c of codes) expect(c).toMatch(/^FV_NATIVE_OOM: native backend: out of memory \(.+\); free memory or use smaller batches/);
  });

  it('makes a whole trainStep the floats of lossAndGrad then adam, in 1 to 3 parts over the pool (the last sum inside Adam), wherever the parameters lie', () => {
    const a = loadAddon();
    let s = 777;
    const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32 - 0.5);
    // Over 4096 parameters: the sum and Adam run in slices over the threads; widths off the tiles (edges).
    const dims = Int32Array.from([2, 3, 18, 70, 61, 2]);
    const total = 18 * 70 + 70 + 70 * 61 + 61 + 61 * 2 + 2;
    const freqs = Float32Array.from({ length: 8 }, (_, k) => Math.exp((k * Math.log(1000)) / 7));
    const n = 97;
    const x = Float32Array.from({ length: 2 * n }, rnd), t = Float32Array.from({ length: n }, () => rnd() + 0.5), y = Float32Array.from({ length: 2 * n }, rnd);
    const k = Float64Array.from([0.9, 0.999, 0.1, 0.001, 0.01, 1.2, 1e-8]);
    const P0 = Float32Array.from({ length: total }, () => rnd() * 0.5);
    // Parameters 4 bytes past a 16-byte boundary too: Adam's streamed stores and the slices' line edges meet
    // rows before the first whole line (fv_adam.c, slice_start).
    const offset = (a: Float32Array, by: number): Float32Array => {
      const b = new Float32Array(a.length + by);
      b.set(a, by);
      return b.subarray(by);
    };
    a.setThreads(2); // process-wide; every engine sets it again before its calls
    for (const [parts, by] of [[1, 0], [2, 0], [3, 0], [2, 1], [3, 3]]) {
      const sep = { p: offset(P0, by), m: new Float32Array(total), v: new Float32Array(total), ema: P0.slice(), g: new Float32Array(total) };
      const one = { p: offset(P0, by), m: new Float32Array(total), v: new Float32Array(total), ema: P0.slice(), g: new Float32Array(total) };
      for (let step = 0; step < 3; step++) {
        const e1 = a.lossAndGrad(dims, freqs, sep.p, x, t, y, 0.01, sep.g, parts);
        a.adam(sep.p, sep.m, sep.v, sep.g, k, sep.ema, 0.05);
        const e2 = a.trainStep(dims, freqs, one.p, x, t, y, 0.01, one.g, parts, one.m, one.v, k, one.ema, 0.05);
        expect(e2).toBe(e1);
      }
      expect(one.g).toEqual(sep.g); // the parts' sum is left in grad either way
      for (const key of ['p', 'm', 'v', 'ema'] as const) expect(one[key]).toEqual(sep[key]);
      expect(one.p).not.toEqual(P0);
    }
  });

  it('keeps wide-vector instructions inside the per-set kernels: the rest runs on any x86-64 CPU', () => {
    const dump = spawnSync('objdump', ['-d', '--no-show-raw-insn', addonPath()!], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (dump.status !== 0 || process.arch !== 'x64') return; // no binutils, or not x86: nothing to check
    let fn = '';
    let wide = 0;
    const offenders = new Set<string>();
    for (const line of dump.stdout.split('\n')) {
      const head = /^[0-9a-f]+ <(.+)>:$/.exec(line);
      if (head) fn = head[1];
      // VEX/EVEX-encoded (AVX and later: mnemonics v…) or on ymm/zmm/mask registers.
      else if (/^\s*[0-9a-f]+:\s+v[a-z0-9]+\s|%[yz]mm|\{%k[0-7]\}/.test(line)) {
        wide++;
        if (!/_(avx2|avx512)(\.|$)/.test(fn)) offenders.add(fn);
      }
    }
    expect(wide).toBeGreaterThan(500); // the check sees the kernels' instructions
    expect([...offenders]).toEqual([]);
  });
});
