/**
 * `fv studio` as a user runs it: the built fv binary in a child process, asked over real HTTP (and by a real
 * headless Chromium, which must see the page cross-origin isolated).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { FV_BIN, REPO_ROOT, STACK_LINE, runFv, tmpDir } from './test-utils/run-fv.js';

const CHROMIUM = process.env.FV_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SECRET = 'token-7f3a9c: never served';

let root: string;
let app: string;
const children: ChildProcess[] = [];

/** Starts `fv studio` and resolves with its URL and everything it printed by then. */
function startStudio(args: string[], env: Record<string, string> = {}): Promise<{ url: string; child: ChildProcess; out: () => string }> {
  const child = spawn(process.execPath, [FV_BIN, 'studio', ...args], { cwd: REPO_ROOT, env: { ...process.env, FORCE_COLOR: '0', ...env } });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const url = /Flow Studio: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1];
      if (url && out.includes('Ctrl-C')) resolve({ url, child, out: () => out });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`fv studio exited (${code}): ${out}`)));
  });
}

/** A raw GET: the path goes out as written (fetch would resolve `..` before sending it). */
function get(url: string, rawPath: string, method = 'GET', hostHeader?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path: rawPath, method, headers: hostHeader === undefined ? undefined : { Host: hostHeader } }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(() => {
  root = tmpDir('fv-studio-');
  app = path.join(root, 'dist');
  mkdirSync(path.join(app, 'assets'), { recursive: true });
  writeFileSync(path.join(app, 'index.html'), '<!doctype html><html><head><meta charset="utf-8"><script type="module" src="./assets/app.mjs"></script></head><body>studio</body></html>');
  writeFileSync(path.join(app, 'assets', 'app.mjs'), 'globalThis.loaded = true;\n');
  writeFileSync(path.join(app, 'assets', 'main.js'), 'export {};\n');
  // The smallest valid wasm module: magic number and version.
  writeFileSync(path.join(app, 'assets', 'tfjs-backend-wasm-simd.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  writeFileSync(path.join(root, 'secret.txt'), SECRET);
  symlinkSync(path.join(root, 'secret.txt'), path.join(app, 'link.txt'));
});

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

describe('fv studio', () => {
  it('serves the app on 127.0.0.1 with the isolation headers and the right types, and refuses paths out of it', async () => {
    const { url, child, out } = await startStudio(['--port', '0', '--dir', app]);
    expect(url).not.toMatch(/:0\/$/);
    const index = await get(url, '/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('studio');
    expect(index.headers).toMatchObject({
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
      'content-type': 'text/html; charset=utf-8',
    });
    expect((await get(url, '/assets/tfjs-backend-wasm-simd.wasm')).headers['content-type']).toBe('application/wasm');
    expect((await get(url, '/assets/app.mjs')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get(url, '/assets/main.js?v=1')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get(url, '/nothing-here.js')).status).toBe(404);
    for (const escape of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%5c..%5csecret.txt', '/link.txt']) {
      const r = await get(url, escape);
      expect([escape, r.status, r.body.includes(SECRET)]).toEqual([escape, 403, false]);
      expect(r.headers['cross-origin-embedder-policy']).toBe('require-corp');
    }
    expect((await get(url, '/%E0%A4%A')).status).toBe(400);
    expect((await get(url, '/', 'POST')).status).toBe(405);
    // DNS rebinding: a page of another site whose name resolves to 127.0.0.1 sends its own name as Host.
    const port = new URL(url).port;
    for (const foreign of [`evil.example:${port}`, 'evil.example', `127.0.0.1:${Number(port) + 1}`, `127.0.0.1.evil.example:${port}`]) {
      const r = await get(url, '/', 'GET', foreign);
      expect([foreign, r.status, r.body.includes('studio')]).toEqual([foreign, 421, false]);
    }
    for (const own of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) expect([own, (await get(url, '/', 'GET', own)).status]).toEqual([own, 200]);

    // A real browser sees the page cross-origin isolated (SharedArrayBuffer, wasm threads), its module loaded.
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (set FV_CHROMIUM); this test never downloads a browser.`);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
      const page = await browser.newPage();
      await page.goto(url);
      await page.waitForFunction(() => (globalThis as { loaded?: boolean }).loaded === true, undefined, { timeout: 30_000 });
      expect(await page.evaluate(() => [(globalThis as unknown as { crossOriginIsolated: boolean }).crossOriginIsolated, typeof SharedArrayBuffer])).toEqual([true, 'function']);
    } finally {
      await browser.close();
    }

    child.kill('SIGINT');
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).toBe(0);
    expect(out()).toMatch(/Stopped\./);
  });

  it('--open starts the system browser with the URL, or says that there is none', async () => {
    const bin = path.join(root, 'bin');
    mkdirSync(bin);
    const opened = path.join(root, 'opened.txt');
    writeFileSync(path.join(bin, 'xdg-open'), `#!/bin/sh\necho "$1" > '${opened}'\n`);
    chmodSync(path.join(bin, 'xdg-open'), 0o755);
    const a = await startStudio(['--port', '0', '--dir', app, '--open'], { PATH: bin, BROWSER: '' });
    for (let i = 0; i < 100 && !existsSync(opened); i++) await new Promise((r) => setTimeout(r, 50));
    expect(readFileSync(opened, 'utf8').trim()).toBe(a.url);
    a.child.kill('SIGINT');
    const none = await startStudio(['--port', '0', '--dir', app, '--open'], { PATH: path.join(root, 'no-such-dir'), BROWSER: '' });
    for (let i = 0; i < 100 && !/No system browser/.test(none.out()); i++) await new Promise((r) => setTimeout(r, 50));
    expect(none.out()).toMatch(/No system browser found to open it .*: open http:\/\/127\.0\.0\.1:\d+\/ yourself\./);
    expect((await get(none.url, '/')).status).toBe(200); // still serving
    none.child.kill('SIGINT');
  });

  it('exit 2 with what to run when the app is not built, for a bad port and for a port in use', async () => {
    const empty = path.join(root, 'empty');
    mkdirSync(empty);
    const r = runFv(['studio', '--dir', empty]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/fv: error: The studio app is not built: .*empty\/index\.html is missing\./);
    expect(r.stderr).toMatch(/hint: .*npm run build -w @flow-visualizer\/studio/);
    expect(r.stderr).not.toMatch(STACK_LINE);
    const bad = runFv(['studio', '--port', '80x', '--dir', app]);
    expect([bad.status, bad.stderr]).toEqual([2, expect.stringMatching(/--port must be a whole number from 0 to 65535, got '80x'/)]);
    const first = await startStudio(['--port', '0', '--dir', app]);
    const port = new URL(first.url).port;
    const taken = runFv(['studio', '--port', port, '--dir', app]);
    expect([taken.status, taken.stderr]).toEqual([2, expect.stringMatching(new RegExp(`Port ${port} on 127.0.0.1 is already in use\\.[\\s\\S]*--port 0`))]);
    first.child.kill('SIGINT');
  });
});
