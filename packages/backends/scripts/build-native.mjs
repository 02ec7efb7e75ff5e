#!/usr/bin/env node
// Builds the optional `native` backend (native/*.c → dist/native/fv_mlp.node) with the C compiler and the
// Node-API headers found on this machine. The arithmetic kernels (fv_gemm.c, fv_act.c, fv_adam.c) are compiled
// once per instruction set — AVX-512 (x86-64-v4), AVX2+FMA (x86-64-v3) and the x86-64 baseline — and the addon
// picks one at load from the CPU's features (fv_dispatch.c); the rest is compiled for the baseline. So the
// addon built here runs on any x86-64 Linux machine with glibc, at full speed on either kind of CPU; elsewhere
// (e.g. arm64) only the portable kernels are built. Nothing uses -march=native.
// Whether it was built, and if not why, is written to dist/native/build-status.json, which the backend's probe
// (and so `fv doctor`) and the native tests read:
//   no-compiler, no-headers, unsupported-platform, disabled (FV_NO_NATIVE): not fatal (exit 0), the native
//     backend reports itself unavailable with that reason and the tfjs backends remain;
//   compile-error: a compiler is here and failed on our sources, a bug to see: exit 1, with its first lines.
// CC names the compiler (only that one is tried when set); otherwise gcc, cc, clang from PATH.
//   node scripts/build-native.mjs [--out <dir>]   (run by `npm run build` of this package; --out: another folder, for tests)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nativeDir = path.join(pkg, 'native');
const outArg = process.argv.indexOf('--out');
const outDir = outArg > 0 ? path.resolve(process.argv[outArg + 1]) : path.join(pkg, 'dist', 'native');
const out = path.join(outDir, 'fv_mlp.node');
const statusFile = path.join(outDir, 'build-status.json');

/**
 * Records why no addon was built here and exits. After a compile error an addon from an earlier build would be
 * stale: removed. Otherwise one already there (e.g. prebuilt in the package) stays and is used.
 */
const notBuilt = (reason, message, extra = {}) => {
  const fatal = reason === 'compile-error';
  mkdirSync(outDir, { recursive: true });
  if (fatal) {
    rmSync(out, { force: true });
    rmSync(path.join(outDir, 'build.json'), { force: true });
  }
  writeFileSync(statusFile, JSON.stringify({ built: false, reason, message, platform: process.platform, arch: process.arch, ...extra }, null, 2) + '\n');
  const say = fatal ? console.error : console.log;
  say(`native backend not built: ${message}${fatal ? '' : ' (the wasm and cpu backends are unaffected)'}`);
  if (fatal) say('Fix the error above, or set FV_NO_NATIVE=1 to build without the native backend.');
  process.exit(fatal ? 1 : 0);
};

if (process.env.FV_NO_NATIVE) notBuilt('disabled', 'FV_NO_NATIVE is set');
if (process.platform === 'win32') notBuilt('unsupported-platform', `this script builds the addon on Linux and macOS only (this is ${process.platform}-${process.arch})`);
const runs = (c) => spawnSync(c, ['--version'], { stdio: 'ignore' }).status === 0;
const candidates = process.env.CC ? [process.env.CC] : ['gcc', 'cc', 'clang'];
const cc = candidates.find(runs);
if (!cc) notBuilt('no-compiler', process.env.CC ? `CC=${process.env.CC} does not run (set CC to a C compiler, or unset it to use gcc)` : 'no C compiler (gcc, cc or clang) on PATH; install gcc');
const includes = [
  path.resolve(path.dirname(process.execPath), '..', 'include', 'node'),
  '/usr/include/node',
  '/usr/local/include/node',
].filter((d) => existsSync(path.join(d, 'node_api.h')));
if (!includes.length) notBuilt('no-headers', 'no Node-API headers (node_api.h; Debian: apt-get install libnode-dev)', { compiler: cc });

const x86 = process.arch === 'x64';
// Kernel sets: name → target flags. -mtune=generic: no CPU model is favoured.
const isas = x86
  ? { avx512: ['-march=x86-64-v4', '-mtune=generic'], avx2: ['-march=x86-64-v3', '-mtune=generic'], generic: ['-march=x86-64', '-mtune=generic'] }
  : { generic: [] };
const base = ['-O3', '-fPIC', '-std=gnu11', '-pthread'];
// Per file: SiLU and sin/cos with -ffast-math (vectorised expf/sinf/cosf of libmvec); Adam without fused
// multiply-adds (the same floats on every set), and with 256-bit vectors even in the AVX-512 set (512-bit sqrt and
// division measured 3× slower on a Zen 4); the products with IEEE semantics.
const perIsa = { 'fv_gemm.c': ['-fno-math-errno'], 'fv_act.c': ['-ffast-math'], 'fv_adam.c': ['-fno-math-errno', '-ffp-contract=off'], 'fv_sinkhorn.c': ['-fno-math-errno', '-ffp-contract=off'] };
const perFileIsa = { 'fv_adam.c/avx512': ['-mprefer-vector-width=256'] };
const tag = `${process.pid}`;
const jobs = [];
for (const [isa, flags] of Object.entries(isas)) {
  for (const [file, extra] of Object.entries(perIsa)) {
    const obj = path.join(outDir, `${path.basename(file, '.c')}.${isa}.${tag}.o`);
    const more = perFileIsa[`${file}/${isa}`] ?? [];
    jobs.push({ obj, args: [...base, ...flags, ...extra, ...more, `-DFV_ISA=${isa}`, '-c', path.join(nativeDir, file), '-o', obj] });
  }
}
const baseTarget = x86 ? isas.generic : [];
// The rest: every other .c file of native/, for the baseline (the model, the training step, the Node-API glue).
const perIsaFiles = new Set(Object.keys(perIsa));
const baseFiles = readdirSync(nativeDir).filter((f) => f.endsWith('.c') && !perIsaFiles.has(f)).sort();
for (const file of baseFiles) {
  const obj = path.join(outDir, `${path.basename(file, '.c')}.${tag}.o`);
  jobs.push({ obj, args: [...base, ...baseTarget, '-fno-math-errno', `-I${includes[0]}`, '-c', path.join(nativeDir, file), '-o', obj] });
}

mkdirSync(outDir, { recursive: true });
const tmp = `${out}.${tag}.tmp`;
const cleanup = () => jobs.forEach((j) => rmSync(j.obj, { force: true }));
const run = (args) =>
  new Promise((resolve) => {
    const p = spawn(cc, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    p.stdout.on('data', (d) => (err += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('error', (e) => resolve({ status: 1, err: e.message }));
    p.on('close', (status) => resolve({ status, err }));
  });
// Compile two at a time (the objects are independent), then link.
const results = [];
for (let i = 0; i < jobs.length; i += 2) results.push(...(await Promise.all(jobs.slice(i, i + 2).map((j) => run(j.args)))));
const failed = results.find((r) => r.status !== 0) ?? (await run([...base, '-shared', ...jobs.map((j) => j.obj), '-o', tmp, '-lm']));
if (failed.status !== 0) {
  rmSync(tmp, { force: true });
  cleanup();
  const lines = failed.err.trim().split('\n');
  notBuilt('compile-error', `${cc} failed:\n${lines.slice(0, 12).join('\n')}`, { compiler: cc, firstLines: lines.slice(0, 12) });
}
cleanup();
renameSync(tmp, out);
rmSync(statusFile, { force: true });
// What the addon is for: the loader refuses another OS or architecture with a clear reason.
const version = spawnSync(cc, ['--version'], { encoding: 'utf8' }).stdout?.split('\n')[0] ?? cc;
writeFileSync(path.join(outDir, 'build.json'), JSON.stringify({ platform: process.platform, arch: process.arch, kernels: Object.keys(isas), compiler: version, builtAt: new Date().toISOString() }, null, 2) + '\n');
console.log(`native backend built: ${path.relative(pkg, out)} (${cc}; kernels: ${Object.keys(isas).join(', ')}, chosen at load)`);
