#!/usr/bin/env node
// Builds the optional `native` backend (native/fv_mlp.c → dist/native/fv_mlp.node) with the C compiler and the
// Node-API headers found on this machine, for this machine's CPU (-march=native). Without a compiler or headers
// it prints why and exits 0: the native backend then reports itself unavailable and the tfjs backends remain.
//   node scripts/build-native.mjs            (run by `npm run build` of this package)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(pkg, 'native', 'fv_mlp.c');
const outDir = path.join(pkg, 'dist', 'native');
const out = path.join(outDir, 'fv_mlp.node');

const skip = (why) => {
  console.log(`native backend not built: ${why} (the wasm and cpu backends are unaffected)`);
  process.exit(0);
};

if (process.env.FV_NO_NATIVE) skip('FV_NO_NATIVE is set');
const cc = [process.env.CC, 'gcc', 'cc', 'clang'].filter(Boolean).find((c) => spawnSync(c, ['--version'], { stdio: 'ignore' }).status === 0);
if (!cc) skip('no C compiler (install gcc)');
const includes = [
  path.resolve(path.dirname(process.execPath), '..', 'include', 'node'),
  '/usr/include/node',
  '/usr/local/include/node',
].filter((d) => existsSync(path.join(d, 'node_api.h')));
if (!includes.length) skip('no Node-API headers (node_api.h; Debian: apt-get install libnode-dev)');

mkdirSync(outDir, { recursive: true });
const tmp = `${out}.${process.pid}.tmp`;
const common = ['-O3', '-march=native', '-fPIC', '-std=gnu11'];
// SiLU alone with -ffast-math (vectorised expf); the rest with IEEE semantics (-fno-math-errno only).
const objects = [
  ['fv_act.c', '-ffast-math'],
  ['fv_gemm.c', '-fno-math-errno'],
].map(([file, flag]) => ({ args: [...common, flag, '-c', path.join(pkg, 'native', file)], obj: `${out}.${process.pid}.${file}.o` }));
const steps = [
  ...objects.map((o) => [...o.args, '-o', o.obj]),
  [...common, '-fno-math-errno', '-shared', `-I${includes[0]}`, src, ...objects.map((o) => o.obj), '-o', tmp, '-lm'],
];
const cleanup = () => objects.forEach((o) => rmSync(o.obj, { force: true }));
for (const args of steps) {
  const r = spawnSync(cc, args, { encoding: 'utf8' });
  if (r.status !== 0) {
    rmSync(tmp, { force: true });
    cleanup();
    skip(`${cc} failed:\n${(r.stderr || r.stdout || '').trim()}`);
  }
}
cleanup();
renameSync(tmp, out);
// -march=native code dies with SIGILL on a CPU that lacks these: record them, the loader checks before loading.
writeFileSync(path.join(outDir, 'build.json'), JSON.stringify({ cpuFlags: cpuFlags(), builtAt: new Date().toISOString() }, null, 2) + '\n');
console.log(`native backend built: ${path.relative(pkg, out)} (${cc} ${common.slice(0, 2).join(' ')})`);

/** The instruction-set flags of this CPU that -march=native may use (Linux /proc/cpuinfo; [] elsewhere). */
function cpuFlags() {
  const relevant = ['sse4_1', 'sse4_2', 'avx', 'avx2', 'fma', 'bmi2', 'avx512f', 'avx512bw', 'avx512dq', 'avx512vl', 'avx512cd', 'avx512_vnni'];
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('flags'));
    const flags = new Set((line ?? '').split(':')[1]?.trim().split(/\s+/) ?? []);
    return relevant.filter((f) => flags.has(f));
  } catch {
    return [];
  }
}
