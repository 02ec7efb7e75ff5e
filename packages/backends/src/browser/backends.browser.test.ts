/**
 * The browser backends in a real headless Chromium (Debian's `chromium`, driven by playwright-core; never a
 * downloaded browser), in a Web Worker as the studio trains, on a page served from 127.0.0.1 with the
 * cross-origin isolation headers (a secure, isolated page: WebGPU may be offered, wasm gets threads).
 *
 * Chromium here has no GPU: WebGL2 and WebGPU run on SwiftShader, its software Vulkan. `--enable-unsafe-swiftshader`
 * keeps WebGL on it (Chromium is retiring the automatic fallback), and `--enable-unsafe-webgpu
 * --enable-features=Vulkan` gives WebGPU a SwiftShader adapter (without them: no adapter, and the probe says so).
 * `auto` passes both over as software; forced by name (training.device) they load. Here all four load when forced
 * (Chromium 156), and each trains 15 Adam steps from the same state on the same batches as cpu and must agree with
 * it (losses, weights, predictions; tolerances below); the test's log lists which loaded and how close each came.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { bundleForBrowser } from '@flow-visualizer/core/testing';
import type { BackendRun, WorkerResult } from './__fixtures__/backends-page.js';
import { fvWasmMissing } from '../wasm/fv-wasm.js';

/** Whether this build has the wasm-c kernels (clang and wasm-ld were there): without, wasm-c says why and tfjs-wasm is taken. */
const WASM_C = fvWasmMissing() === undefined;

const CHROMIUM = process.env.FV_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = [
  '--headless', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--enable-unsafe-swiftshader', '--enable-unsafe-webgpu', '--enable-features=Vulkan',
];
const HERE = path.dirname(fileURLToPath(import.meta.url));
const PKG = path.resolve(HERE, '../..');
const WASM_DIR = path.dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));

// Tolerances against cpu after 15 steps. Measured here: every backend within ~1e-7 of cpu (float32 sums in another
// order), wasm-c within ~2e-6 (its batch in 2 parts summed as the CLI's, SiLU's exp its own polynomial); a hundredfold margin still fails on a real difference of maths (a wrong transpose, a missing term, a
// sync read that returns zeros, as WebGPU's does in a worker).
const LOSS_RTOL = 1e-5;
const PARAM_ATOL = 1e-5;
const PRED_ATOL = 1e-5;

const HEADERS = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cross-Origin-Resource-Policy': 'same-origin' };

function serve(bundle: string): Promise<Server> {
  const server = createServer((req, res) => {
    const full = new URL(req.url ?? '/', 'http://x');
    // /plain/…: the same files without the isolation headers (no SharedArrayBuffer: wasm gets no threads).
    const plain = full.pathname.startsWith('/plain/');
    const headers = plain ? {} : HEADERS;
    const url = { pathname: plain ? full.pathname.slice('/plain'.length) : full.pathname };
    const send = (type: string, body: string | Buffer) => {
      res.writeHead(200, { 'Content-Type': type, ...headers });
      res.end(body);
    };
    if (url.pathname === '/') return send('text/html', '<!doctype html><html><head><meta charset="utf-8"><script type="module" src="bundle.js"></script></head><body></body></html>');
    if (url.pathname === '/favicon.ico') return void res.writeHead(204, headers).end();
    if (url.pathname === '/bundle.js') return send('text/javascript', bundle);
    const wasm = /^\/wasm\/(tfjs-backend-wasm[a-z-]*\.wasm)$/.exec(url.pathname);
    if (wasm && existsSync(path.join(WASM_DIR, wasm[1]))) return send('application/wasm', readFileSync(path.join(WASM_DIR, wasm[1])));
    res.writeHead(404, headers);
    res.end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const maxAbsDiff = (a: number[], b: number[]) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe('browser backends in Chromium, in a Web Worker', () => {
  type Probes = Record<string, { ok: boolean; reason: string; hint?: string }>;
  let browser: Browser, server: Server, result: WorkerResult, origin: string, plainProbes: Probes, missingProbes: Probes, noGpuProbes: Probes, plainIsolated: boolean;
  const errors: string[] = [];
  const foreign: string[] = [];
  const run = (id: string) => result.runs.find((r) => r.id === id) as BackendRun;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's browser with \`apt-get install -y chromium\` (or set FV_CHROMIUM). This test never downloads a browser.`);
    }
    const bundle = await bundleForBrowser(path.join(HERE, '__fixtures__', 'backends-page.ts'), { resolveDir: PKG, minify: true });
    expect({ nodeImports: bundle.nodeImports, errors: bundle.errors }).toEqual({ nodeImports: [], errors: [] });
    server = await serve(bundle.code);
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    const page = await browser.newPage();
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.context().on('request', (r) => !r.url().startsWith(origin) && !r.url().startsWith('blob:') && foreign.push(r.url()));
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => 'fvBackends' in globalThis, undefined, { timeout: 30_000 });
    type Api = { fvBackends: { run(wasmFolder?: string): Promise<unknown> } };
    result = (await page.evaluate(() => (globalThis as unknown as Api).fvBackends.run())) as WorkerResult;
    // A page that is not cross-origin isolated: wasm loads on one thread and says why; a wrong folder: the URL and status.
    const plainPage = await browser.newPage();
    await plainPage.goto(`${origin}/plain/`);
    await plainPage.waitForFunction(() => 'fvBackends' in globalThis, undefined, { timeout: 30_000 });
    plainIsolated = await plainPage.evaluate(() => (globalThis as unknown as { crossOriginIsolated: boolean }).crossOriginIsolated);
    plainProbes = (await plainPage.evaluate(() => (globalThis as unknown as Api).fvBackends.run('wasm/'))) as Probes;
    missingProbes = (await plainPage.evaluate(() => (globalThis as unknown as Api).fvBackends.run('missing/'))) as Probes;
    // Chromium without the WebGPU flags, as most users' browsers on a machine with no usable GPU: no adapter.
    const noGpu = await chromium.launch({ executablePath: CHROMIUM, args: ARGS.filter((a) => !/webgpu|Vulkan/.test(a)) });
    try {
      const p = await noGpu.newPage();
      await p.goto(`${origin}/`);
      await p.waitForFunction(() => 'fvBackends' in globalThis, undefined, { timeout: 30_000 });
      noGpuProbes = (await p.evaluate(() => (globalThis as unknown as Api).fvBackends.run('wasm/'))) as Probes;
    } finally {
      await noGpu.close();
    }
    // Which loaded, and why the others did not: the test's log is where a reader learns what this machine offers.
    const cpu = run('cpu');
    const agreement = (r: BackendRun) =>
      r.ok && r.losses && cpu.losses ? `; against cpu: losses ${r.losses.map((l, i) => ((l - cpu.losses![i]) / cpu.losses![i]).toExponential(1)).join(' ')}, weights ±${maxAbsDiff(r.params!, cpu.params!).toExponential(1)}, v ±${maxAbsDiff(r.predicted!, cpu.predicted!).toExponential(1)}` : '';
    console.log(result.runs.map((r) => `${r.id}: ${r.ok ? 'loaded' : 'passed over'} (${r.reason})${agreement(r)}${r.error ? `\n${r.error}` : ''}`).join('\n'));
  });

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it('runs in a Web Worker, with no console error and no request leaving the origin', () => {
    expect(result.inWorker).toBe(true);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });

  it('cpu, wasm-c, wasm (served .wasm files) and webgl (forced: SwiftShader) load; webgpu loads or says why not', () => {
    for (const id of ['cpu', ...(WASM_C ? ['wasm-c'] : []), 'wasm', 'webgl']) expect([id, run(id).ok, run(id).error]).toEqual([id, true, undefined]);
    if (!WASM_C) expect(run('wasm-c')).toMatchObject({ ok: false, reason: expect.stringMatching(/WebAssembly kernels were not built/) });
    expect(run('wasm').reason).toMatch(/SIMD/);
    if (WASM_C) expect(run('wasm-c').reason).toMatch(/C kernels .* WebAssembly \+ SIMD128/);
    expect(run('webgl').reason).toMatch(/WebGL2 on .*SwiftShader.*software/);
    const gpu = run('webgpu');
    if (!gpu.ok) expect(gpu.reason).toMatch(/navigator\.gpu|adapter/);
  });

  it('auto passes the software GPUs over with their reasons and takes wasm-c (the C kernels), tfjs-wasm next', () => {
    expect(result.auto.taken).toBe(WASM_C ? 'wasm-c' : 'wasm');
    expect(result.auto.report[0]).toMatch(/^webgpu: passed over \(.+\)/);
    expect(result.auto.report[1]).toMatch(/^webgl: passed over \(WebGL2 is software-rendered here .*SwiftShader/);
    expect(result.auto.report[2]).toMatch(WASM_C ? /^wasm-c: taken \(Flow Visualizer's C kernels/ : /^wasm-c: passed over \(the WebAssembly kernels were not built/);
  });

  it('wasm-c runs a pool of Web Workers on a cross-origin isolated page, with the same numbers as its one-thread module, and one thread elsewhere saying why', () => {
    if (!WASM_C) return; // checked above: passed over, saying why
    expect(run('wasm-c').reason).toMatch(/a pool of \d+ threads on Web Workers|one thread \(one logical core\)/);
    expect(result.wasmC1.reason).toMatch(/one thread \(threads: 1 asked for\)/);
    expect({ losses: result.wasmC1.losses, params: result.wasmC1.params, predicted: result.wasmC1.predicted }).toEqual({
      losses: run('wasm-c').losses, params: run('wasm-c').params, predicted: run('wasm-c').predicted,
    });
    expect(plainProbes['wasm-c']).toEqual({ ok: true, reason: expect.stringMatching(/one thread \(threads need SharedArrayBuffer: a cross-origin isolated page/) });
  });

  it('wasm without the .wasm files\' location is passed over, saying what to give', () => {
    expect(result.noWasmPaths.ok).toBe(false);
    expect(result.noWasmPaths.reason).toMatch(/wasmPaths/);
    expect(result.noWasmPaths.hint).toMatch(/browserBackendPlugins\(\{ wasmPaths \}\)/);
  });

  it('webgpu with no adapter (Chromium without its WebGPU flags here) is passed over, saying so', () => {
    expect(noGpuProbes.webgpu).toEqual({ ok: false, reason: 'navigator.gpu gives no adapter: no usable GPU, or the browser blocklists it.', hint: expect.stringMatching(/chrome:\/\/gpu/) });
    expect(noGpuProbes.wasm.ok).toBe(true);
  });

  it('wasm on a page that is not cross-origin isolated: one thread, saying that threads need COOP/COEP', () => {
    expect(plainIsolated).toBe(false);
    expect(plainProbes.wasm).toEqual({ ok: true, reason: expect.stringMatching(/^WebAssembly \+ SIMD, one thread \(threads need a cross-origin isolated page: COOP\/COEP headers\)/) });
    expect(plainProbes.cpu.ok).toBe(true);
  });

  it('wasm whose .wasm files are not where wasmPaths says: passed over, naming the URL and the HTTP status', () => {
    expect(missingProbes.wasm).toEqual({
      ok: false,
      reason: `its .wasm file did not load (${origin}/plain/missing/tfjs-backend-wasm-simd.wasm: HTTP 404 Not Found).`,
      hint: expect.stringMatching(/wasmPaths/),
    });
  });

  it('every backend that loads trains like cpu from the same state (losses, weights, predictions)', () => {
    const cpu = run('cpu');
    expect(cpu.losses!.every(Number.isFinite)).toBe(true);
    expect(cpu.losses!.at(-1)!).toBeLessThan(cpu.losses![0]);
    expect(cpu.step).toBe(15);
    for (const r of result.runs.filter((x) => x.ok && x.id !== 'cpu')) {
      const lossRel = Math.max(...r.losses!.map((l, i) => Math.abs(l - cpu.losses![i]) / cpu.losses![i]));
      const report = { id: r.id, step: r.step, lossRelOk: lossRel < LOSS_RTOL, paramsOk: maxAbsDiff(r.params!, cpu.params!) < PARAM_ATOL, predOk: maxAbsDiff(r.predicted!, cpu.predicted!) < PRED_ATOL };
      expect([report, { lossRel, params: maxAbsDiff(r.params!, cpu.params!), pred: maxAbsDiff(r.predicted!, cpu.predicted!) }]).toEqual([
        { id: r.id, step: 15, lossRelOk: true, paramsOk: true, predOk: true },
        expect.anything(),
      ]);
    }
  });

  it('no backend leaks tensors: as many live after the last step and two predictions as after the first step', () => {
    for (const r of result.runs.filter((x) => x.ok)) expect([r.id, new Set(r.tensors)]).toEqual([r.id, new Set([r.tensors![0]])]);
  });

  it('the residual MLP trains like cpu on every backend but webgpu, which refuses it with a clear message', () => {
    const cpu = run('cpu').res!;
    expect(cpu.losses).toHaveLength(5);
    for (const r of result.runs.filter((x) => x.ok && x.id !== 'cpu')) {
      if (r.id === 'webgpu') {
        expect(r.res).toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringMatching(/resmlp.*webgpu/) });
        continue;
      }
      const rel = Math.max(...r.res!.losses!.map((l, i) => Math.abs(l - cpu.losses![i]) / cpu.losses![i]));
      expect([r.id, rel < LOSS_RTOL, rel]).toEqual([r.id, true, expect.any(Number)]);
    }
  });
});

