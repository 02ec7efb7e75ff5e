import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRng } from '@flow-visualizer/core';
import { runFv, tmpDir, STACK_LINE } from './test-utils/run-fv.js';
import { snapshotDir } from './test-utils/tiny-run.js';

// Likelihood from the command line, checked against a target whose density is known: a flow trained from the
// standard normal to N(μ, Σ) must give log p close to the Gaussian's own, integrate to 1, and refuse bad points.

const MU = [0.5, -0.3];
const COV = [[0.3, 0.1], [0.1, 0.2]];
const dir = tmpDir('fv-likelihood-');
const out = path.join(dir, 'run');
const overrides = [
  'data.name=gaussian', `data.options.mean=[${MU}]`, `data.options.cov=[[${COV[0]}],[${COV[1]}]]`, 'data.noise=0', 'data.n_samples=4000',
  'model.hidden_dims=[64,64]', 'model.time_embed_dim=16', 'training.n_epochs=60', 'training.evolution_snapshots=0',
  'visualization.n_metric_samples=2000', 'visualization.n_generated=500', 'visualization.renderers=[vega]',
  'visualization.options.vega.plots=[likelihood,density_model,estimator_spread]', 'visualization.options.vega.formats=[png]',
  `output.dir=${out}`,
];

/** log N(x; μ, Σ). */
function trueLogp(x: number, y: number): number {
  const [[a, b], [, c]] = COV, det = a * c - b * b, dx = x - MU[0], dy = y - MU[1];
  return -Math.log(2 * Math.PI) - 0.5 * Math.log(det) - 0.5 * (c * dx * dx - 2 * b * dx * dy + a * dy * dy) / det;
}

function readLogp(file: string): { x: number; y: number; logp: number }[] {
  const [head, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  expect(head).toBe('x,y,log_p');
  return lines.map((l) => {
    const [x, y, logp] = l.split(',').map(Number);
    return { x, y, logp };
  });
}

function writePoints(name: string, pts: number[][]): string {
  const f = path.join(dir, name);
  writeFileSync(f, 'x,y\n' + pts.map((p) => p.join(',')).join('\n') + '\n');
  return f;
}

beforeAll(() => {
  const r = runFv(['run', ...overrides]);
  if (r.status !== 0) throw new Error(`fv run failed: ${r.stderr}`);
}, 300_000);

it('a run writes nll with its solver and evaluations into metrics.json, and the likelihood pictures', () => {
  const m = JSON.parse(readFileSync(path.join(out, 'metrics.json'), 'utf8'));
  expect(m.nll).toBeGreaterThan(0.5);
  expect(m).toMatchObject({ nll_points: 2000, nll_estimator: 'exact trace', nll_integrator: 'rk4', nll_steps: 25, nll_nfe: 100 });
  for (const f of ['likelihood.png', 'density_model.png', 'estimator_spread.png']) expect(existsSync(path.join(out, 'visualizations', f))).toBe(true);
});

it('gives the Gaussian\'s log p: NLL of fresh points within 0.02 nats of the true one, its density within 10% of the peak on a grid', () => {
  const rng = createRng(11, 'fresh');
  const [[a, b], [, c]] = COV, l11 = Math.sqrt(a), l21 = b / l11, l22 = Math.sqrt(c - l21 * l21);
  const pts = Array.from({ length: 2000 }, () => {
    const z1 = rng.normal(), z2 = rng.normal();
    return [MU[0] + l11 * z1, MU[1] + l21 * z1 + l22 * z2];
  });
  const logp = path.join(dir, 'fresh-logp.csv');
  const r = runFv(['likelihood', ...overrides, '--points', writePoints('fresh.csv', pts), '--out', logp]);
  expect(r.status).toBe(0);
  const rows = readLogp(logp);
  expect(rows).toHaveLength(2000);
  const modelNll = -rows.reduce((s, p) => s + p.logp, 0) / rows.length;
  const trueNll = -rows.reduce((s, p) => s + trueLogp(p.x, p.y), 0) / rows.length;
  expect(Math.abs(modelNll - trueNll)).toBeLessThan(0.02);
  expect(r.stdout).toMatch(new RegExp(`Mean NLL ${modelNll.toFixed(4).slice(0, -1)}\\d nats per point`));

  // A grid over ±4.5 standard deviations: the density sums to 1 and matches the Gaussian's.
  const n = 50, lo = [MU[0] - 2.5, MU[1] - 2.1], w = [5, 4.2];
  const grid: number[][] = [];
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) grid.push([lo[0] + ((i + 0.5) * w[0]) / n, lo[1] + ((j + 0.5) * w[1]) / n]);
  const gridOut = path.join(dir, 'grid-logp.csv');
  expect(runFv(['likelihood', ...overrides, '--points', writePoints('grid.csv', grid), '--out', gridOut]).status).toBe(0);
  const g = readLogp(gridOut);
  const cell = (w[0] / n) * (w[1] / n);
  let mass = 0, worst = 0, peak = 0;
  for (const p of g) {
    const q = Math.exp(trueLogp(p.x, p.y));
    mass += Math.exp(p.logp) * cell;
    worst = Math.max(worst, Math.abs(Math.exp(p.logp) - q));
    peak = Math.max(peak, q);
  }
  expect(Math.abs(mass - 1)).toBeLessThan(0.01);
  expect(worst / peak).toBeLessThan(0.1);
}, 120_000);

it('Hutchinson gives its standard error, and the exact figure beside it', () => {
  const r = runFv(['likelihood', ...overrides, '--estimator', 'hutchinson', '--probes', '8', '--n', '300', '--json', '--out', path.join(dir, 'h.csv')]);
  expect(r.status).toBe(0);
  const j = JSON.parse(r.stdout);
  expect(j.estimator).toBe('hutchinson (8 probes)');
  expect(j.nll_std_error).toBeGreaterThan(0);
  expect(Math.abs(j.nll - j.nll_exact)).toBeLessThan(4 * j.nll_std_error);
}, 60_000);

it.each([
  ['a NaN row', 'x,y\n0,0\nNaN,1\n', /line 3: 'NaN' is not a finite number/],
  ['a point far outside any sensible range', 'x,y\n0,0\n1e6,0\n', /Point 2 of .* lies outside any sensible range/],
])('refuses %s: one message, exit 2, nothing written', (_, text, message) => {
  const before = snapshotDir(out);
  const f = path.join(dir, 'bad.csv');
  writeFileSync(f, text);
  const r = runFv(['likelihood', ...overrides, '--points', f]);
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(STACK_LINE);
  expect(snapshotDir(out)).toEqual(before);
}, 60_000);

it('refuses a flow whose source is a dataset: its density has no closed form', () => {
  const r = runFv(['likelihood', ...overrides, 'source.name=moons']);
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/starts from the dataset 'moons' \(source\.name\), whose density has no closed form/);
  expect(r.stderr).not.toMatch(STACK_LINE);
}, 60_000);
