/**
 * Sweeps as a user runs them: `fv run -m` starts real `fv run` child processes on tiny workloads; the summary,
 * grid and page are read back from disk, the page is opened in Debian's Chromium; `fv compare` gathers runs.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { FV_BIN, REPO_ROOT, STACK_LINE, runFv, tmpDir } from './test-utils/run-fv.js';

/** native where its addon is built (the fast one), else wasm: a machine without gcc runs these too. */
const DEVICE = existsSync(path.join(REPO_ROOT, 'packages/backends/dist/native/fv_mlp.node')) ? 'native' : 'wasm';
/** A run of a few seconds: few points, a tiny network, two epochs, only the report drawn. */
const TINY_OVERRIDES = [
  'data.n_samples=600', 'training.n_epochs=2', `training.device=${DEVICE}`,
  'visualization.n_metric_samples=600', 'visualization.n_generated=300', 'visualization.renderers=[report]', 'visualization.n_sampling_steps=10',
];
const TINY = ['--config', 'configs/quick.yaml', ...TINY_OVERRIDES];
const CHROMIUM = process.env.FV_CHROMIUM ?? '/usr/bin/chromium';
const json = (f: string) => JSON.parse(readFileSync(f, 'utf8'));

describe('fv run -m: a 2×2 sweep over model size and seed', () => {
  const out = path.join(tmpDir('fv-sweep-'), 'sweep');
  const root = path.join(out, 'multirun');
  let r: ReturnType<typeof runFv>;
  beforeAll(() => {
    r = runFv(['run', '-m', ...TINY, `output.dir=${out}`, 'model.hidden_dims=[8],[16,16]', 'training.seed=range(1,3)', '--jobs', '2'], { timeoutMs: 600_000 });
  }, 600_000);

  it('makes 4 run folders, each a complete run with its overrides', () => {
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Sweep of 4 runs over model.hidden_dims \(2: \[8\], \[16,16\]\) × training.seed \(2: 1, 2\)/);
    for (const k of [0, 1, 2, 3]) {
      for (const f of ['config.yaml', 'overrides.txt', 'metrics.json', 'samples/generated.csv', 'visualizations/report.html']) expect(existsSync(path.join(root, String(k), f))).toBe(true);
    }
    expect(readFileSync(path.join(root, '3/overrides.txt'), 'utf8')).toMatch(/^model.hidden_dims=\[16,16\]\ntraining.seed=2\n$/m);
    expect(readFileSync(path.join(root, '3/config.yaml'), 'utf8')).toMatch(/hidden_dims:\s*\n\s*- 16\n\s*- 16/);
  });

  it('a run of the sweep has the metrics of the same single run', () => {
    const single = path.join(tmpDir('fv-single-'), 'one');
    const s = runFv(['run', ...TINY, 'model.hidden_dims=[16,16]', 'training.seed=2', `output.dir=${single}`]);
    expect(s.status).toBe(0);
    const a = json(path.join(root, '3/metrics.json')), b = json(path.join(single, 'metrics.json'));
    expect(a.loss_history).toEqual(b.loss_history);
    for (const k of ['sliced_w1', 'energy_distance', 'mmd_rbf', 'sliced_w1_vs_training', 'straightness']) expect(a[k]).toBe(b[k]);
    expect(readFileSync(path.join(root, '3/samples/generated.csv'), 'utf8')).toBe(readFileSync(path.join(single, 'samples/generated.csv'), 'utf8'));
  });

  it('summary.csv and summary.json have one row per run; seed groups give mean ± sd of the runs\' figures', () => {
    const csv = readFileSync(path.join(root, 'summary.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(5);
    expect(csv[0]).toMatch(/^run,dir,model.hidden_dims,training.seed,status,seconds,peak_rss_mb,backend,sliced_w1_ratio,sliced_w1,/);
    expect(csv[4]).toMatch(/^3,3,"\[16,16\]",2,completed,/);
    const s = json(path.join(root, 'summary.json'));
    expect(s.runs).toHaveLength(4);
    expect(s.grouped_by_seed).toBe(true);
    expect(s.groups).toHaveLength(2);
    for (const g of s.groups) {
      const xs = g.runs.map((k: number) => s.runs[k].metrics.sliced_w1);
      expect(xs).toEqual(g.runs.map((k: number) => json(path.join(root, String(k), 'metrics.json')).sliced_w1));
      const mean = (xs[0] + xs[1]) / 2;
      expect(g.stats.sliced_w1.mean).toBeCloseTo(mean, 12);
      expect(g.stats.sliced_w1.sd).toBeCloseTo(Math.abs(xs[0] - xs[1]) / Math.SQRT2, 12);
      expect(g.stats.sliced_w1.n).toBe(2);
    }
    expect(r.stdout).toMatch(/model.hidden_dims=\[8\]: sliced W1 [\d.]+ ± [\d.e-]+ \(n=2\)/);
  });

  it('grid and metrics pictures: one panel per seed group, titled with its value and sliced W1 ± sd', () => {
    for (const f of ['grid.png', 'grid.svg', 'grid.vl.json', 'metrics.png', 'metrics.svg', 'metrics.vl.json']) expect(statSync(path.join(root, f)).size).toBeGreaterThan(1000);
    const spec = json(path.join(root, 'grid.vl.json'));
    const titles = spec.vconcat.flatMap((row: { hconcat: { title: { text: string[] } }[] }) => row.hconcat.map((p) => p.title.text));
    expect(titles).toHaveLength(2);
    const s = json(path.join(root, 'summary.json'));
    const w1 = (g: number) => s.groups[g].stats.sliced_w1;
    const f3 = (v: number) => String(Number(v.toPrecision(3)));
    expect(titles[0][0]).toBe('hidden_dims=[8]  (seed=1 shown)');
    expect(titles[0][1]).toBe(`sliced W1 ${f3(w1(0).mean)} ± ${f3(w1(0).sd)} (n=2)`);
    expect(titles[1][0]).toBe('hidden_dims=[16,16]  (seed=1 shown)');
    expect(readFileSync(path.join(root, 'grid.svg'), 'utf8')).toContain(`sliced W1 ${f3(w1(1).mean)} ± ${f3(w1(1).sd)} (n=2)`);
  });

  it('summary.html opens in Chromium with no console error, sorts, and links each run\'s report', async () => {
    const html = path.join(root, 'summary.html');
    expect(existsSync(CHROMIUM)).toBe(true);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'] });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(pathToFileURL(html).href);
      expect(await page.locator('#runs tbody tr').count()).toBe(4);
      expect(await page.locator('img').count()).toBe(2);
      expect(await page.locator('img').first().evaluate((i) => (i as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(100);
      const links = await page.locator('#runs a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(links.sort()).toEqual([0, 1, 2, 3].map((k) => `${k}/visualizations/report.html`));
      for (const l of links) expect(existsSync(path.join(root, l!))).toBe(true);
      // Sort by sliced_w1, descending on the second click.
      const col = await page.locator('#runs th', { hasText: /^sliced_w1$/ });
      await col.click();
      await col.click();
      const values = await page.locator('#runs tbody tr').evaluateAll((rows) => rows.map((tr) => Number((tr.children[5] as unknown as { dataset: { sort: string } }).dataset.sort)));
      expect(values).toEqual([...values].sort((a, b) => b - a));
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('fv compare gathers two of the runs: the same summary, and compare.gif', () => {
    const cmp = path.join(tmpDir('fv-compare-'), 'cmp');
    const c = runFv(['compare', path.join(root, '0'), path.join(root, '3'), '--out', cmp, '-n', '300']);
    expect(c.stderr).toBe('');
    expect(c.status).toBe(0);
    expect(c.stdout).toMatch(/their configs differ in model.hidden_dims, training.seed/);
    const s = json(path.join(cmp, 'summary.json'));
    expect(s.runs.map((x: { values: unknown }) => x.values)).toEqual([{ 'model.hidden_dims': '[8]', 'training.seed': '1' }, { 'model.hidden_dims': '[16,16]', 'training.seed': '2' }]);
    expect(s.runs[1].metrics.sliced_w1).toBe(json(path.join(root, '3/metrics.json')).sliced_w1);
    const gif = readFileSync(path.join(cmp, 'compare.gif'));
    expect(gif.subarray(0, 6).toString()).toBe('GIF89a');
    for (const f of ['grid.png', 'summary.html', 'summary.csv']) expect(existsSync(path.join(cmp, f))).toBe(true);
  });
});

describe('fv run -m: failures and interruptions', () => {
  it('a failing run is recorded, the others go on, the sweep exits non-zero naming it', () => {
    const out = path.join(tmpDir('fv-sweep-fail-'), 's');
    const r = runFv(['run', '-m', ...TINY, `output.dir=${out}`, `training.device=nosuchdevice,${DEVICE}`, '--jobs', '1']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/fv: error: 1 of 2 runs failed: #0 \(training.device=nosuchdevice\): fv: error: .*nosuchdevice/);
    expect(r.stderr).toMatch(/hint: Each failed run's output is in .*run.log/);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(existsSync(path.join(out, 'multirun/1/metrics.json'))).toBe(true);
    const s = json(path.join(out, 'multirun/summary.json'));
    expect(s.runs.map((x: { status: string }) => x.status)).toEqual(['failed', 'completed']);
    expect(s.runs[0].error).toMatch(/nosuchdevice/);
  });

  it('Ctrl-C stops the children cleanly; --resume finishes without redoing completed runs', async () => {
    const out = path.join(tmpDir('fv-sweep-int-'), 's');
    const root = path.join(out, 'multirun');
    // Two runs of a few seconds each, one at a time: Ctrl-C arrives while the second one trains.
    const args = ['run', '-m', ...TINY, `output.dir=${out}`, 'training.n_epochs=400', 'training.log_interval=1', 'training.seed=1,2', '--jobs', '1'];
    const stopped = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [FV_BIN, ...args], { cwd: REPO_ROOT });
      let stdout = '', stderr = '', sent = false;
      const poll = setInterval(() => {
        const log = path.join(root, '1/run.log');
        const text = existsSync(log) ? readFileSync(log, 'utf8') : '';
        if (!sent && /^epoch (2\d|[3-9]\d|1\d\d)\/400/m.test(text)) {
          sent = true;
          child.kill('SIGINT');
        }
      }, 50);
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (status) => {
        clearInterval(poll);
        resolve({ status, stdout, stderr });
      });
    });
    expect(stopped.status).toBe(130);
    expect(stopped.stderr).toMatch(/Sweep stopped: 1 of 2 runs completed, 1 left/);
    expect(stopped.stderr).toMatch(/hint: Finish it with: fv run -m .* --resume/);
    expect(stopped.stderr).not.toMatch(STACK_LINE);
    const state = json(path.join(root, 'sweep.json'));
    expect(state.runs.map((x: { status: string }) => x.status)).toEqual(['completed', 'interrupted']);
    expect(readFileSync(path.join(root, '1/run.log'), 'utf8')).toMatch(/Training stopped at epoch \d+ of 400; checkpoint saved/);
    const ckpt = json(path.join(root, '1/models/checkpoint/training_state.json'));
    expect(ckpt.epochsDone).toBeGreaterThanOrEqual(20);
    expect(ckpt.epochsDone).toBeLessThan(400);
    const mtime = statSync(path.join(root, '0/metrics.json')).mtimeMs;

    const resumed = runFv([...args, '--resume']);
    expect(resumed.stderr).toBe('');
    expect(resumed.status).toBe(0);
    expect(resumed.stdout).toMatch(/Resuming: 1 run\(s\) completed before are kept; 1 to go/);
    expect(resumed.stdout).not.toMatch(/start #0/);
    expect(readFileSync(path.join(root, '1/run.log'), 'utf8')).toContain(`Resuming from the checkpoint at epoch ${ckpt.epochsDone}`);
    expect(statSync(path.join(root, '0/metrics.json')).mtimeMs).toBe(mtime);
    expect(json(path.join(root, '1/metrics.json')).loss_history).toHaveLength(400);
    expect(json(path.join(root, 'summary.json')).runs.map((x: { status: string }) => x.status)).toEqual(['completed', 'completed']);
  }, 600_000);
});

describe('fv run -m --launcher: a launcher plugin written as a third party would', () => {
  it('hands each run to the plugin (here: a job script per run, run with sh as a scheduler would)', () => {
    const dir = tmpDir('fv-launcher-');
    writeFileSync(path.join(dir, 'launcher.mjs'), LAUNCHER_PLUGIN);
    writeFileSync(path.join(dir, 'sweep.yaml'), `extends: ${path.join(REPO_ROOT, 'configs/quick.yaml')}\nplugins: [./launcher.mjs]\nsweep:\n  training.seed: [1, 2]\n`);
    const out = path.join(dir, 'out');
    const r = runFv(['run', '-m', '--config', path.join(dir, 'sweep.yaml'), ...TINY_OVERRIDES, `output.dir=${out}`, '--launcher', 'script']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Launcher: script\./);
    expect(r.stdout).toMatch(/Sweep of 2 runs over training.seed \(2: 1, 2\)/);
    for (const k of [0, 1]) {
      expect(readFileSync(path.join(out, `multirun/${k}/job.sh`), 'utf8')).toContain(`'training.seed=${k + 1}' 'output.dir=${path.join(out, 'multirun', String(k))}'`);
      expect(existsSync(path.join(out, `multirun/${k}/metrics.json`))).toBe(true);
    }
    expect(json(path.join(out, 'multirun/summary.json')).runs.map((x: { status: string }) => x.status)).toEqual(['completed', 'completed']);
  });
});

/** A launcher plugin as a user would write one for a cluster: a job script per run, submitted (here: sh). */
const LAUNCHER_PLUGIN = `
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
const q = (a) => "'" + String(a).replace(/'/g, "'\\\\''") + "'";
export default {
  name: 'test:launcher-script', kind: 'launcher', id: 'script',
  description: 'Writes a job script per run and runs it with sh, as a cluster scheduler would.',
  create: () => ({
    id: 'script',
    launch(spec, signal) {
      mkdirSync(spec.outDir, { recursive: true });
      const job = path.join(spec.outDir, 'job.sh');
      writeFileSync(job, ['#!/bin/sh', 'cd ' + q(spec.cwd), ['exec', q(process.execPath), q(process.argv[1]), ...spec.argv.map(q), '>', q(spec.logFile), '2>&1'].join(' ')].join('\\n') + '\\n');
      const t0 = Date.now();
      return new Promise((resolve) => {
        const child = spawn('sh', [job], { stdio: 'ignore' });
        signal.addEventListener('abort', () => child.kill('SIGINT'));
        child.on('exit', (code) => resolve({ status: code === 0 ? 'completed' : code === 130 ? 'interrupted' : 'failed', exitCode: code, seconds: (Date.now() - t0) / 1000, error: code ? 'job exited ' + code : undefined }));
      });
    },
  }),
};
`;

describe('fv run -m: bad input starts nothing', () => {
  it.each([
    [['model.hidden_dims=[8],[16'], /Cannot read the sweep override 'model.hidden_dims=\[8\],\[16': '\[' at position 5 .* is never closed/],
    [['flow.pairing=choice()'], /'flow.pairing=choice\(\)': choice\(\) is empty/],
    [['training.seed=range(1,9,0)'], /range step is 0/],
    [['training.seed=range(3,1)'], /yields no value/],
    [['training.sed=1,2'], /Run 0 of the sweep \(training.sed=1, from 'training.sed=1,2'\) is not valid: Unknown key 'training.sed'/],
    [['flow.pairing=none,nosuch'], /Run 1 of the sweep .* Unknown pairing 'nosuch'/],
    [['training.seed=range(100)'], /This sweep has 100 runs .* more than 64/],
    [['training.n_epochs=3'], /Nothing to sweep/],
  ])('%j', (overrides, message) => {
    const out = path.join(tmpDir('fv-sweep-bad-'), 's');
    const r = runFv(['run', '-m', ...TINY, `output.dir=${out}`, ...overrides]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/hint: /);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(existsSync(out)).toBe(false);
  });

  it('fv compare refuses a folder that is not a finished run, and a single folder', () => {
    const dir = tmpDir('fv-compare-bad-');
    const r = runFv(['compare', dir, path.join(dir, 'missing'), '--out', path.join(dir, 'cmp')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/is not a finished run: it has no config.yaml and no metrics.json\.\n\s+hint: Give folders written by fv run/);
    expect(runFv(['compare', dir]).stderr).toMatch(/needs at least two run folders, got 1/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('without -m, a sweep expression says to add -m; --dry-run lists the runs and writes nothing', () => {
    const out = path.join(tmpDir('fv-sweep-dry-'), 's');
    const single = runFv(['run', ...TINY, `output.dir=${out}`, 'training.seed=1,2']);
    expect(single.status).toBe(2);
    expect(single.stderr).toMatch(/'training.seed=1,2' has several values.*\n.*hint: Add -m/);
    const dry = runFv(['run', '-m', ...TINY, `output.dir=${out}`, 'flow.pairing=none,ot', 'training.seed=range(1,4)', '--dry-run']);
    expect(dry.status).toBe(0);
    expect(dry.stdout.match(/^ {2}#\d+ {2}fv run /gm)).toHaveLength(6);
    expect(dry.stdout).toMatch(/#5 {2}fv run .* flow.pairing=ot training.seed=3 output.dir=\S+multirun\/5/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(path.dirname(out))).toEqual([]);
  });
});
