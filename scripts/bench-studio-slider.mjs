#!/usr/bin/env node
// Flow Studio's time-slider latency: from the pointer event that moves the slider to the next animation frame
// after the app's input handler (the flow views redraw synchronously in it), over N moves of a real mouse drag,
// first with the worker idle, then while it trains. A figure, not a test: the tests only check that the drag
// reaches the views (studio.browser.test.ts), since wall-clock limits fail on shared machines.
//
//   npx nx run @flow-visualizer/studio:build && node scripts/bench-studio-slider.mjs [--moves 60] [--dist packages/studio/dist]
//
// The built studio is served by the real `fv studio --port 0` (cross-origin isolated, as users get it) and opened
// in Debian's Chromium (/usr/bin/chromium, or FV_CHROMIUM) through playwright-core, never a downloaded browser.
// The cores may be shared: the load average is printed beside the figures; compare figures of the same run.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.FV_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-unsafe-swiftshader'];
const FV_BIN = path.join(root, 'packages', 'cli', 'bin', 'fv.js');
// The studio test's workload: two moons, epochs big enough that the drag falls inside training.
const WORKLOAD = 'data.name=moons&data.n_samples=4000&model.hidden_dims=[64,64]&model.time_embed_dim=16&training.n_epochs=1000&training.batch_size=64&training.learning_rate=0.01&visualization.n_sampling_steps=20';
// Slider stops (PREVIEW_TIMES in packages/studio/src/config/view-box.ts: 21 times from 0 to 1).
const STOPS = 21;
// Pause between moves (ms), so that one move's frame lands before the next move is sent.
const GAP_MS = 30;

class UsageError extends Error {}

function parseArgs(argv) {
  const a = { moves: 60, dist: path.join(root, 'packages', 'studio', 'dist') };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--help' || k === '-h') {
      console.log('node scripts/bench-studio-slider.mjs [--moves 60] [--dist packages/studio/dist]');
      process.exit(0);
    } else if (k === '--moves') {
      const v = argv[++i];
      if (!/^\d+$/.test(v ?? '') || Number(v) < 3 || Number(v) > 10000) throw new UsageError(`--moves takes a whole number from 3 to 10000, got '${v ?? ''}'.`);
      a.moves = Number(v);
    } else if (k === '--dist') {
      const v = argv[++i];
      if (!v) throw new UsageError('--dist takes the folder of a built studio, e.g. packages/studio/dist.');
      a.dist = path.resolve(v);
    } else throw new UsageError(`unknown argument ${k} (--help lists them)`);
  }
  if (!existsSync(path.join(a.dist, 'index.html'))) throw new UsageError(`no built studio at ${a.dist}: run \`npx nx run @flow-visualizer/studio:build\` first, or name one with --dist.`);
  if (!existsSync(CHROMIUM)) throw new UsageError(`Chromium not found at ${CHROMIUM}: install Debian's browser (\`apt-get install -y chromium\`) or set FV_CHROMIUM.`);
  return a;
}

/** `fv studio --port 0 --dir <dist>`: resolves with its URL once it listens. */
function startFvStudio(dist) {
  const child = spawn(process.execPath, [FV_BIN, 'studio', '--port', '0', '--dir', dist], { env: { ...process.env, FORCE_COLOR: '0' } });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (d) => {
      out += d.toString();
      const url = /Flow Studio: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1];
      if (url) resolve({ url, close: () => new Promise((done) => (child.exitCode !== null ? done() : (child.once('exit', () => done()), child.kill('SIGINT')))) });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`fv studio exited (${code}) before it listened: ${out.trim()}`)));
  });
}

const quantile = (xs, q) => {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** Records, in the page, each input's latency: its pointer event's time to the next frame after the app's handler. */
function installProbe(page) {
  return page.evaluate(() => {
    const slider = document.querySelector('.time input');
    let pointerAt = 0;
    window.sliderLatencies = [];
    slider.addEventListener('pointermove', (e) => (pointerAt = e.timeStamp));
    slider.addEventListener('pointerdown', (e) => (pointerAt = e.timeStamp));
    // Added after the app's listener: the frame it waits for comes after the views were redrawn.
    slider.addEventListener('input', () => {
      const from = pointerAt;
      requestAnimationFrame(() => window.sliderLatencies.push(performance.now() - from));
    });
  });
}

/** One drag of `moves` moves, each to another stop, sweeping the slider back and forth; the latencies recorded. */
async function drag(page, moves) {
  await page.evaluate(() => (window.sliderLatencies = []));
  const box = await page.locator('.time input').boundingBox();
  const y = box.y + box.height / 2;
  // Stop i sits at about i/(STOPS-1) of the track; the thumb's half width is kept clear of either end.
  const xAt = (i) => box.x + 8 + ((box.width - 16) * i) / (STOPS - 1);
  await page.mouse.move(xAt(STOPS - 1), y);
  await page.mouse.down();
  for (let k = 1; k <= moves; k++) {
    const sweep = k % (2 * (STOPS - 1));
    const stop = sweep <= STOPS - 1 ? STOPS - 1 - sweep : sweep - (STOPS - 1);
    await page.mouse.move(xAt(stop), y);
    await page.waitForTimeout(GAP_MS);
  }
  await page.mouse.up();
  await page.waitForTimeout(100);
  return page.evaluate(() => window.sliderLatencies);
}

function line(name, lat, extra = '') {
  if (!lat.length) return `${name}: no input events reached the slider${extra}`;
  const f = (v) => v.toFixed(1);
  return `${name}: ${lat.length} inputs, median ${f(quantile(lat, 0.5))} ms, p90 ${f(quantile(lat, 0.9))} ms, max ${f(Math.max(...lat))} ms${extra}`;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const server = await startFvStudio(args.dist);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${server.url}#${WORKLOAD}`);
    await page.waitForFunction(() => 'fvStudio' in window, undefined, { timeout: 60_000 });
    await page.evaluate(() => window.fvStudio.ready);
    await installProbe(page);
    const backend = await page.evaluate(() => window.fvStudio.state().backend);
    console.log(`time-slider latency: pointer event -> next frame after the input handler; ${args.moves} moves a drag, 1280x900, Chromium ${browser.version()}, backend ${backend}`);
    console.log(`machine: ${cpus().length} cores, load average ${loadavg()} (shared cores: read single figures as rough)`);
    console.log(line('idle          ', await drag(page, args.moves)));
    await page.evaluate(() => window.fvStudio.train());
    await page.waitForFunction(() => window.fvStudio.state().epoch >= 1, undefined, { timeout: 120_000 });
    const from = await page.evaluate(() => window.fvStudio.state().epoch);
    const lat = await drag(page, args.moves);
    const st = await page.evaluate(() => window.fvStudio.state());
    await page.evaluate(() => window.fvStudio.pause());
    console.log(line('while training', lat, `; epochs ${from} -> ${st.epoch}${st.running ? '' : ', TRAINING HAD ENDED before the drag did: the figure is partly idle'}`));
    console.log(`load average after: ${loadavg()}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(`bench-studio-slider: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(e instanceof UsageError ? 2 : 1);
});
