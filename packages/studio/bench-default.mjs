import { chromium } from 'playwright-core';
import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
const base = path.resolve('dist');
const server = http.createServer(async (req, res) => {
  let file = path.join(base, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  try { if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
    const t = {'.html':'text/html','.js':'text/javascript','.css':'text/css','.wasm':'application/wasm'}[path.extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, {'Content-Type': t, 'Cross-Origin-Opener-Policy':'same-origin','Cross-Origin-Embedder-Policy':'require-corp'}); res.end(await readFile(file)); } catch { res.writeHead(404).end(); }
});
await new Promise(r => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/` + (process.argv[2] ?? '');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu','--enable-unsafe-swiftshader'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
page.on('console', m => console.log('console', m.type(), m.text()));
await page.goto(url);
const t0 = Date.now();
await page.waitForFunction(() => window.fvStudio, null, { timeout: 30000 });
await page.evaluate(() => window.fvStudio.ready);
console.log('ready', Date.now() - t0);
await page.evaluate(() => window.fvStudio.train());
for (let i = 0; i < 12; i++) {
  await page.waitForTimeout(10000);
  const s = await page.evaluate(() => { const s = window.fvStudio.state(); return { e: s.epoch, eps: s.epochsPerSecond, p: s.previews, pe: s.previewEpoch, w1: s.quality?.sliced_w1 }; });
  console.log(Date.now() - t0, JSON.stringify(s));
}
await browser.close(); server.close();
