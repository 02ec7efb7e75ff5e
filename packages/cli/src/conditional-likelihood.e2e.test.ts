/**
 * `fv likelihood` of a conditional model through the real binary: log p(x | class) is a density (it integrates to
 * one over the plane, its mass where its class is), the marginal column is the class mixture of the two, guidance 0
 * forgets the class, and a label the model does not know is refused.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRng } from '@flow-visualizer/core';
import { runFv, tmpDir, STACK_LINE } from './test-utils/run-fv.js';

const ENV = { FV_THREADS: '1' };
const dir = tmpDir('fv-cond-likelihood-');
const out = path.join(dir, 'run');
const RUN = [
  'data.name=points', `data.options.file=${path.join(dir, 'blobs.csv')}`, 'data.options.normalize=false', 'data.noise=0', 'data.n_samples=2000',
  'model.conditional=true', 'training.cond_dropout=0.2', 'model.hidden_dims=[64,64]', 'training.device=native',
  'training.n_epochs=60', 'training.batch_size=250', 'training.learning_rate=0.003', 'training.evolution_snapshots=0',
  'visualization.renderers=[]', `output.dir=${out}`,
];
/** Cells of the grid over [−4, 4]² that the density is summed on. */
const G = 60, LO = -4, CELL = 8 / G;

beforeAll(() => {
  const rng = createRng(3, 'blobs');
  const rows = ['x,y,label'];
  for (let i = 0; i < 2000; i++) rows.push(`${(i % 2 ? 1.5 : -1.5) + 0.3 * rng.normal()},${0.3 * rng.normal()},${i % 2}`);
  writeFileSync(path.join(dir, 'blobs.csv'), rows.join('\n') + '\n');
  const grid = ['x,y,label'];
  for (let j = 0; j < G; j++) for (let i = 0; i < G; i++) grid.push(`${LO + (i + 0.5) * CELL},${LO + (j + 0.5) * CELL},0`);
  writeFileSync(path.join(dir, 'grid.csv'), grid.join('\n') + '\n');
  const r = runFv(['train', ...RUN], { env: ENV });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
}, 180_000);

/** The rows of a likelihood CSV as objects. */
function likelihood(extra: string[], file: string): Record<string, number>[] {
  const r = runFv(['likelihood', ...RUN, '--points', path.join(dir, 'grid.csv'), '--out', file, ...extra], { env: ENV });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const [head, ...rows] = readFileSync(file, 'utf8').trim().split('\n');
  const keys = head.split(',');
  return rows.map((l) => Object.fromEntries(l.split(',').map((v, i) => [keys[i], Number(v)])));
}

it('log p(x | class) integrates to one with its mass on its own blob, and log_p_marginal is the mixture of both classes in the training shares', () => {
  const own = likelihood([], path.join(dir, 'own.csv'));
  const one = likelihood(['sampling.class=1'], path.join(dir, 'one.csv'));
  expect(Object.keys(own[0])).toEqual(['x', 'y', 'label', 'log_p', 'log_p_marginal']);
  const mass = (rows: Record<string, number>[], where: (r: Record<string, number>) => boolean) =>
    rows.filter(where).reduce((s, r) => s + Math.exp(r.log_p) * CELL * CELL, 0);
  expect(Math.abs(mass(own, () => true) - 1)).toBeLessThan(0.05);
  expect(Math.abs(mass(one, () => true) - 1)).toBeLessThan(0.05);
  expect(mass(own, (r) => r.x < 0)).toBeGreaterThan(0.9);
  expect(mass(one, (r) => r.x > 0)).toBeGreaterThan(0.9);
  expect(one.every((r) => r.label === 1)).toBe(true);
  // p(x) = π₀ p(x | 0) + π₁ p(x | 1), π the classes' shares of the training draw (about half each, drawn from the
  // file with replacement): one π₀, read off the row where the classes differ most, fits every row.
  const lse = (a: number, b: number, p0: number) => {
    const top = Math.max(a, b);
    return top + Math.log(p0 * Math.exp(a - top) + (1 - p0) * Math.exp(b - top));
  };
  const k = own.reduce((best, r, i) => (Math.abs(r.log_p - one[i].log_p) > Math.abs(own[best].log_p - one[best].log_p) ? i : best), 0);
  const [a, b, m] = [own[k].log_p, one[k].log_p, own[k].log_p_marginal];
  const p0 = (Math.exp(m - a) - Math.exp(b - a)) / (1 - Math.exp(b - a));
  expect(Math.abs(p0 - 0.5)).toBeLessThan(0.05);
  for (let i = 0; i < own.length; i += 37) {
    expect(Math.abs(own[i].log_p_marginal - lse(own[i].log_p, one[i].log_p, p0))).toBeLessThan(1e-4 * (1 + Math.abs(own[i].log_p_marginal)));
    expect(one[i].log_p_marginal).toBe(own[i].log_p_marginal);
  }
}, 180_000);

it('with guidance 0 the class asked for makes no difference: the unconditional velocity alone', () => {
  const zero = likelihood(['sampling.class=0', 'sampling.guidance=0'], path.join(dir, 'g0a.csv'));
  const one = likelihood(['sampling.class=1', 'sampling.guidance=0'], path.join(dir, 'g0b.csv'));
  expect(one.map((r) => r.log_p)).toEqual(zero.map((r) => r.log_p));
  const guided = likelihood(['sampling.class=1'], path.join(dir, 'g1.csv'));
  expect(guided.some((r, i) => Math.abs(r.log_p - zero[i].log_p) > 0.1)).toBe(true);
}, 180_000);

it('refuses a label the model does not know (exit 2, the row named), and leaves the CSV it wrote before', () => {
  const file = path.join(dir, 'own.csv');
  const before = readFileSync(file, 'utf8');
  writeFileSync(path.join(dir, 'bad.csv'), 'x,y,label\n0,0,0\n1,0,5\n');
  const r = runFv(['likelihood', ...RUN, '--points', path.join(dir, 'bad.csv'), '--out', file], { env: ENV });
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/Row 2 of .*bad\.csv has label 5, but the model knows 2 classes/);
  expect(r.stderr).not.toMatch(STACK_LINE);
  expect(readFileSync(file, 'utf8')).toBe(before);
}, 60_000);

it('a run of the conditional model scores its density of x as the class mixture: on two blobs apart, knowing the class is worth log 2', () => {
  const r = runFv(['visualize', ...RUN, 'visualization.renderers=[vega]', 'likelihood.n_points=1000', 'likelihood.grid_size=24'], { env: ENV });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const m = JSON.parse(readFileSync(path.join(out, 'metrics.json'), 'utf8'));
  // p(x) = ½ p(x | 0) + ½ p(x | 1) with the blobs' densities apart: log p(x | own class) − log p(x) = log 2.
  expect(Math.abs(m.nll - m.nll_given_class - Math.log(2))).toBeLessThan(0.05);
  expect(readFileSync(path.join(out, 'visualizations/likelihood.vl.json'), 'utf8')).toContain('the mixture of its classes');
}, 180_000);
