// Microbench: addon.trainStep in a loop on fixed data. node scripts/ns-c.tmp.mjs [steps] [threads] [addonPath]
import { createRequire } from 'node:module';
const steps = Number(process.argv[2] ?? 2000), threads = Number(process.argv[3] ?? 2);
const file = process.argv[4] ?? new URL('../packages/backends/dist/native/fv_mlp.node', import.meta.url).pathname;
const addon = createRequire(import.meta.url)(file);
const dims = Int32Array.from([2, 5, 66, 128, 256, 256, 128, 2]);
const freqs = Float32Array.from({ length: 32 }, (_, i) => Math.exp((-Math.log(1000) * i) / 32));
let P = 0; for (let i = 0; i < 5; i++) P += dims[2 + i] * dims[3 + i] + dims[3 + i];
let s = 1; const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
const params = Float32Array.from({ length: P }, () => rnd() * 0.1), m = new Float32Array(P), v = new Float32Array(P), grad = new Float32Array(P), ema = params.slice();
const n = 256, x = Float32Array.from({ length: 2 * n }, rnd), t = Float32Array.from({ length: n }, () => (rnd() + 1) / 2), y = Float32Array.from({ length: 2 * n }, rnd);
const k = Float64Array.from([0.9, 0.999, 0.1, 0.001, 1e-4, 1, 1e-8]);
addon.setThreads(threads);
const times = [];
for (let i = 0; i < 300; i++) addon.trainStep(dims, freqs, params, x, t, y, 1 / 512, grad, 2, m, v, k, ema, 0.001);
addon.profile(true, true);
for (let i = 0; i < steps; i++) { const t0 = performance.now(); addon.trainStep(dims, freqs, params, x, t, y, 1 / 512, grad, 2, m, v, k, ema, 0.001); times.push(performance.now() - t0); }
const prof = addon.profile(false, true);
times.sort((a, b) => a - b);
const names = ['gemm', 'act', 'adam', 'embed', 'sync', 'other'];
console.log(`min ${times[0].toFixed(3)} p10 ${times[steps / 10 | 0].toFixed(3)} med ${times[steps >> 1].toFixed(3)} ms/step; profile ms/step: ` + names.map((nm, i) => `${nm} ${(1000 * prof[i] / steps).toFixed(3)}`).join(' '));
console.log('total wall', times.reduce((a, b) => a + b, 0) / steps, 'prof sum', [...prof].reduce((a, b) => a + b, 0) * 1000 / steps);
{ let h = 0; const u = new Uint32Array(params.buffer); for (let i = 0; i < u.length; i++) h = (Math.imul(h, 31) + u[i]) | 0; const ue = new Uint32Array(ema.buffer); for (let i = 0; i < ue.length; i++) h = (Math.imul(h, 31) + ue[i]) | 0; console.log('hash', h >>> 0); }
