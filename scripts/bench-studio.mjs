#!/usr/bin/env node
// Flow Studio benchmark (issue 12): epochs/s of the default workload (T-Rex, 10000 points, MLP [128,256,256,128],
// batch 256, no pairing) in headless Chromium for each browser backend that loads (webgpu, webgl, wasm, cpu; each
// forced by name, in a Web Worker of its own), against the CLI's backends (native, wasm, cpu) on the same machine,
// timed as scripts/bench.mjs times them (its --child mode: core's train(), median epoch after warm-up); then, when
// packages/studio/dist is built, the app's load size (bytes of dist; bytes served on first load, and gzipped) and
// the main thread's frame times (requestAnimationFrame deltas, 95th percentile) idle and while it trains, driven
// through `window.fvStudio`.
//
//   npm run build && npm run bench:studio [-- --epochs 2 --warmup 1 --backends webgpu,webgl,wasm,cpu
//                                           --cli native,wasm,wasm@1,cpu --no-cli --app-seconds 20 --no-app --n 10000
//                                           --app-dist <a built studio, default packages/studio/dist>]
//
// Chromium is Debian's /usr/bin/chromium (FV_CHROMIUM), never a downloaded one. With no GPU, its WebGL2 and
// WebGPU run on SwiftShader (software): `--enable-unsafe-swiftshader` keeps WebGL on it, `--enable-unsafe-webgpu
// --enable-features=Vulkan` gives WebGPU a SwiftShader adapter. On a machine with a GPU, run with
// FV_CHROMIUM_GPU=1 to drop those flags so Chromium takes the real GPU (Chromium still needs a display or
// `--headless` with GPU access; the probe's reason names the GPU it got).
// The cores may be shared: read single figures as ±20% and compare figures taken in the same run.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const CHROMIUM = process.env.FV_CHROMIUM ?? '/usr/bin/chromium';
const SOFTWARE_GPU_FLAGS = ['--enable-unsafe-swiftshader', '--enable-unsafe-webgpu', '--enable-features=Vulkan'];
const ARGS = ['--headless', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ...(process.env.FV_CHROMIUM_GPU ? ['--enable-unsafe-webgpu', '--ignore-gpu-blocklist'] : SOFTWARE_GPU_FLAGS)];
const HEADERS = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cross-Origin-Resource-Policy': 'same-origin' };
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png' };
const args = parseArgs(process.argv.slice(2));
const STUDIO_DIST = path.resolve(args.appDist ?? path.join(root, 'packages', 'studio', 'dist'));

function parseArgs(argv) {
  // WebGPU on SwiftShader took ~100 s an epoch here (2 cores): named with --backends it runs, by default only on a GPU.
  const a = { epochs: 2, warmup: 1, n: 10000, backends: process.env.FV_CHROMIUM_GPU ? ['webgpu', 'webgl', 'wasm-c', 'wasm', 'cpu'] : ['webgl', 'wasm-c', 'wasm', 'cpu'], cli: ['native', 'wasm', 'wasm@1', 'cpu'], appSeconds: 20, app: true };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const val = () => argv[++i];
    if (k === '--epochs') a.epochs = Number(val());
    else if (k === '--warmup') a.warmup = Number(val());
    else if (k === '--n') a.n = Number(val());
    else if (k === '--backends') a.backends = val().split(',').filter((b) => b && b !== 'none');
    else if (k === '--cli') a.cli = val().split(',').filter((b) => b && b !== 'none');
    else if (k === '--no-cli') a.cli = [];
    else if (k === '--app-seconds') a.appSeconds = Number(val());
    else if (k === '--no-app') a.app = false;
    else if (k === '--app-dist') a.appDist = val();
    else if (k === '--help' || k === '-h') {
      console.log('node scripts/bench-studio.mjs [--epochs 2] [--warmup 1] [--n 10000] [--backends webgpu,webgl,wasm,cpu] [--cli native,wasm,wasm@1,cpu | --no-cli] (id@n: FV_THREADS=n) [--app-seconds 20] [--no-app] [--app-dist packages/studio/dist]');
      process.exit(0);
    } else {
      console.error(`bench-studio: unknown argument ${k} (--help lists them)`);
      process.exit(2);
    }
  }
  return a;
}

const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const quantile = (xs, q) => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN;
};
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** Serves the bench bundle, tfjs-backend-wasm's .wasm files and the built studio, counting the studio's bytes. */
function startServer(bundle, wasmDir) {
  const served = { bytes: 0, gzipBytes: 0, files: 0 };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (type, body) => {
      res.writeHead(200, { 'Content-Type': type, ...HEADERS });
      res.end(body);
    };
    if (url.pathname === '/') return send('text/html', '<!doctype html><html><head><meta charset="utf-8"><script type="module" src="/bundle.js"></script></head><body></body></html>');
    if (url.pathname === '/bundle.js') return send('text/javascript', bundle);
    const wasm = /^\/wasm\/(tfjs-backend-wasm[a-z-]*\.wasm)$/.exec(url.pathname);
    if (wasm) return send('application/wasm', readFileSync(path.join(wasmDir, wasm[1])));
    if (url.pathname.startsWith('/app/')) {
      const rel = decodeURIComponent(url.pathname.slice('/app/'.length)) || 'index.html';
      const file = path.resolve(STUDIO_DIST, rel);
      if (file.startsWith(STUDIO_DIST + path.sep) && existsSync(file) && statSync(file).isFile()) {
        const body = readFileSync(file);
        served.bytes += body.length;
        served.gzipBytes += gzipSync(body).length;
        served.files++;
        return send(TYPES[path.extname(file)] ?? 'application/octet-stream', body);
      }
    }
    res.writeHead(404, HEADERS);
    res.end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, served, origin: `http://127.0.0.1:${server.address().port}` })));
}

/**
 * One CLI backend through scripts/bench.mjs's child mode (its own process, as `npm run bench` times it). `wasm@1`:
 * with FV_THREADS=1, one thread as the page's wasm has on this machine (the CLI splits each batch over worker threads).
 */
function cliRun(spec) {
  const [id, threads] = spec.split('@');
  const env = { ...process.env, ...(threads ? { FV_THREADS: threads } : {}) };
  const r = spawnSync(process.execPath, [path.join(here, 'bench.mjs'), '--child', '--backend', id, '--dataset', 'trex', '--n', String(args.n),
    '--epochs', String(args.epochs), '--warmup', String(args.warmup), '--sample-steps', '1', '--no-profile'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26, env });
  const line = (r.stdout ?? '').split('\n').find((l) => l.startsWith('BENCH '));
  if (!line) return { skipped: `failed: ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}` };
  const res = JSON.parse(line.slice(6));
  return res.skipped ? res : { epochSeconds: res.epochSeconds, epochsPerSecond: 1 / res.epochSeconds, reason: res.probe, times: res.epochs };
}

function dirBytes(dir) {
  let raw = 0, gz = 0, files = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      const s = dirBytes(p);
      raw += s.raw;
      gz += s.gz;
      files += s.files;
    } else if (e.isFile()) {
      const body = readFileSync(p);
      raw += body.length;
      gz += gzipSync(body).length;
      files++;
    }
  }
  return { raw, gz, files };
}

/** The app's training settings, as it reports them (nested config values, or dotted keys). */
function workloadOf(values) {
  const get = (k) => values?.[k] ?? k.split('.').reduce((o, p) => o?.[p], values);
  const keys = ['data.name', 'data.n_samples', 'model.hidden_dims', 'training.batch_size', 'flow.pairing'];
  return keys.map((k) => `${k}=${JSON.stringify(get(k))}`).join(' ');
}

/** The built app: load it, wait for fvStudio.ready, then frame times idle and while training. */
async function benchApp(browser, origin, served) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  served.bytes = served.gzipBytes = served.files = 0;
  const t0 = Date.now();
  await page.goto(`${origin}/app/index.html`);
  await page.waitForFunction(() => 'fvStudio' in window, undefined, { timeout: 30_000 });
  await page.evaluate(() => window.fvStudio.ready);
  const readySeconds = (Date.now() - t0) / 1000;
  const firstLoad = { ...served };
  // requestAnimationFrame deltas on the page's thread: a frame that waits for the page's own work shows as a long delta.
  const frames = (seconds) =>
    page.evaluate((ms) => new Promise((resolve) => {
      const deltas = [];
      let last = performance.now();
      const end = last + ms;
      const tick = (now) => {
        deltas.push(now - last);
        last = now;
        if (now < end) requestAnimationFrame(tick);
        else resolve(deltas);
      };
      requestAnimationFrame(tick);
    }), seconds * 1000);
  const idle = await frames(3);
  const before = await page.evaluate(() => window.fvStudio.state());
  await page.evaluate(() => void window.fvStudio.train());
  const training = await frames(args.appSeconds);
  const after = await page.evaluate(() => window.fvStudio.state());
  await page.evaluate(() => window.fvStudio.pause());
  await context.close();
  return {
    workload: workloadOf(after.values), readySeconds, firstLoad, errors, backend: after.backend, epochs: after.epoch - before.epoch, epochsPerSecond: after.epochsPerSecond, running: after.running,
    idle: { p50: quantile(idle, 0.5), p95: quantile(idle, 0.95), max: Math.max(...idle), n: idle.length },
    training: { p50: quantile(training, 0.5), p95: quantile(training, 0.95), max: Math.max(...training), n: training.length, over50: training.filter((d) => d > 50).length },
  };
}

/** The app's figures, printed and added to the `name: value` list. */
function reportApp(a, size, fig) {
  console.log(`app: dist ${(size.raw / 1e6).toFixed(2)} MB in ${size.files} files (${(size.gz / 1e6).toFixed(2)} MB gzipped); first load served ${(a.firstLoad.bytes / 1e6).toFixed(2)} MB in ${a.firstLoad.files} requests (${(a.firstLoad.gzipBytes / 1e6).toFixed(2)} MB if gzipped), ready in ${a.readySeconds.toFixed(1)} s`);
  console.log(`app: its own settings ${a.workload}; backend ${a.backend}; ${a.epochs} epochs in ${args.appSeconds} s of training (the app's own figure: ${a.epochsPerSecond?.toFixed(2) ?? '-'} epochs/s)`);
  console.log(`app: main-thread frame time idle p50 ${a.idle.p50.toFixed(1)} ms, p95 ${a.idle.p95.toFixed(1)} ms (${a.idle.n} frames); while training p50 ${a.training.p50.toFixed(1)} ms, p95 ${a.training.p95.toFixed(1)} ms, max ${a.training.max.toFixed(0)} ms, ${a.training.over50} of ${a.training.n} frames over 50 ms`);
  if (a.errors.length) console.log(`app: console errors: ${a.errors.join(' | ')}`);
  fig('app.dist_bytes', size.raw, 0);
  fig('app.dist_gzip_bytes', size.gz, 0);
  fig('app.first_load_bytes', a.firstLoad.bytes, 0);
  fig('app.first_load_gzip_bytes', a.firstLoad.gzipBytes, 0);
  fig('app.ready_s', a.readySeconds, 2);
  fig('app.frame_ms_p95_idle', a.idle.p95, 1);
  fig('app.frame_ms_p95_training', a.training.p95, 1);
  fig('app.frame_ms_max_training', a.training.max, 0);
  fig('app.epochs_per_s', a.epochsPerSecond, 3);
}


async function main() {
  let testing, playwright;
  try {
    testing = await import('@flow-visualizer/core/testing');
    playwright = await import('playwright-core');
  } catch (e) {
    console.error(`Build first (npm run build): ${e.message}`);
    process.exit(1);
  }
  if (!existsSync(CHROMIUM)) {
    console.error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set FV_CHROMIUM). This script never downloads a browser.`);
    process.exit(1);
  }
  const figures = [];
  const fig = (name, value, digits = 3) => value !== undefined && Number.isFinite(value) && figures.push([name, Number(value.toFixed(digits))]);
  console.log(`Flow Studio benchmark: the default workload (T-Rex, ${args.n} points, MLP [128,256,256,128], batch 256), ${args.epochs} timed epochs after ${args.warmup} warm-up, median`);
  console.log(`${cpus().length} cores (${cpus()[0]?.model}), load average at start: ${loadavg()}; Chromium ${spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).stdout.trim()}`);
  console.log(`Chromium flags: ${ARGS.join(' ')}`);
  if (!args.backends.includes('webgpu')) console.log('webgpu: not run (on SwiftShader, software, an epoch took ~100 s here; --backends webgpu,webgl,wasm,cpu to include it, or FV_CHROMIUM_GPU=1 on a GPU)');
  console.log('');

  const bundle = await testing.bundleForBrowser(path.join(here, 'bench-studio-page.mjs'), { resolveDir: root, minify: true });
  if (bundle.errors.length || bundle.nodeImports.length) throw new Error(`bundle: ${[...bundle.errors, ...bundle.nodeImports].join('; ')}`);
  const wasmDir = path.join(root, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
  const { server, served, origin } = await startServer(bundle.code, wasmDir);
  const browser = await playwright.chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const rows = [];
  try {
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => 'fvBench' in globalThis, undefined, { timeout: 30_000 });
    // The page's WebAssembly SIMD FP32 peak (one thread, a Web Worker as training runs in): what wasm-c is held to.
    process.stderr.write('browser wasm SIMD peak…\n');
    const peak = await page.evaluate(() => globalThis.fvBench.run({ peak: true }));
    // …and on every logical core at once (one worker each, summed): the bound for a pool of that many threads.
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const peaks = await page.evaluate((n) => Promise.all(Array.from({ length: n }, () => globalThis.fvBench.run({ peak: true }))), cores);
    const peakAll = peaks.reduce((s, p) => s + (p.gflops ?? 0), 0);
    for (const device of args.backends) {
      process.stderr.write(`browser ${device}…\n`);
      const r = await page.evaluate((o) => globalThis.fvBench.run(o), { device, epochs: args.epochs, warmup: args.warmup, n: args.n, wasmPaths: `${origin}/wasm/` });
      rows.push([`browser ${device}`, r]);
    }
    await page.close();
    for (const id of args.cli) {
      process.stderr.write(`cli ${id}…\n`);
      rows.push([`cli ${id}`, cliRun(id)]);
    }

    const pad = (s, w) => String(s).padEnd(w);
    const ref = (name) => rows.find(([n, r]) => n === name && !r.skipped)?.[1];
    const native = ref('cli native'), cliWasm = ref('cli wasm');
    console.log(pad('where', 16) + pad('s/epoch', 10) + pad('epochs/s', 10) + pad('÷ cli native', 14) + pad('÷ cli wasm', 12) + 'backend');
    for (const [name, r] of rows) {
      if (r.skipped) {
        console.log(pad(name, 16) + `skipped: ${r.skipped}`);
        continue;
      }
      const vs = (b) => (b ? `${(r.epochsPerSecond / b.epochsPerSecond).toFixed(2)}×` : '-');
      console.log(pad(name, 16) + pad(r.epochSeconds.toFixed(3), 10) + pad(r.epochsPerSecond.toFixed(2), 10) + pad(vs(native), 14) + pad(vs(cliWasm), 12) + (r.reason ?? ''));
      const key = name.replace(' ', '.').replace('@', '_threads');
      fig(`${key}.epoch_s`, r.epochSeconds);
      fig(`${key}.epochs_per_s`, r.epochsPerSecond);
      if (native) fig(`ratio.${key}.vs_cli_native`, r.epochsPerSecond / native.epochsPerSecond, 3);
      if (cliWasm) fig(`ratio.${key}.vs_cli_wasm`, r.epochsPerSecond / cliWasm.epochsPerSecond, 3);
    }
    console.log('(epochs/s ÷ the CLI backend\'s epochs/s: above 1× is faster than the CLI)\n');
    if (peak?.gflops) {
      console.log(`page: WebAssembly SIMD FP32 peak ${peak.gflops.toFixed(1)} GFLOP/s on one thread, ${peakAll.toFixed(1)} on ${cores} at once (12 independent f32x4 multiply-add chains in each Web Worker; the best of 60 runs of ~10 ms)`);
      fig('browser.wasm_simd_peak_gflops', peak.gflops, 2);
      fig('browser.wasm_simd_peak_all_threads_gflops', peakAll, 2);
      for (const [name, r] of rows) {
        if (r.skipped || !r.matmulFlopsPerEpoch || !name.startsWith('browser')) continue;
        const g = r.matmulFlopsPerEpoch / r.epochSeconds / 1e9;
        // A pool of threads is held to the all-threads peak; tfjs-wasm runs one thread here (its probe says how many).
        const pool = /pool of (\d+) threads/.exec(r.reason ?? '')?.[1];
        const bound = pool ? peakAll : peak.gflops;
        console.log(`${name}: matrix products at ${g.toFixed(2)} GFLOP/s = ${((100 * g) / bound).toFixed(0)}% of the ${pool ? `${cores}-thread` : 'one-thread'} peak (whole epoch's wall time)`);
        fig(`ratio.${name.replace(' ', '.')}.vs_wasm_simd_peak`, g / bound, 3);
      }
      console.log('');
    } else console.log(`page: WebAssembly SIMD peak not measured (${peak?.skipped ?? 'no answer'})\n`);

    if (!args.app) console.log('app: skipped (--no-app)');
    else if (!existsSync(path.join(STUDIO_DIST, 'index.html'))) console.log(`app: skipped (${path.relative(root, STUDIO_DIST)} is not built: npm run build)`);
    else {
      process.stderr.write('app…\n');
      const size = dirBytes(STUDIO_DIST);
      const a = await benchApp(browser, origin, served).catch((e) => ({ failed: e.message.split('\n')[0] }));
      if (a.failed) console.log(`app: dist ${(size.raw / 1e6).toFixed(2)} MB in ${size.files} files; not measured: ${a.failed} (a build without window.fvStudio?)`);
      else reportApp(a, size, fig);
    }
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`\nload average at end: ${loadavg()}`);
  for (const [k, v] of figures) console.log(`${k}: ${v}`);
}

await main();
