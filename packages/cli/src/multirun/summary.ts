/**
 * A sweep's (or a comparison's) summary in one folder: summary.csv and summary.json (one row per run), the seed
 * groups' mean ± sd, grid.png/svg/vl.json, metrics.png/svg/vl.json and summary.html linking each run's report.
 */
import path from 'node:path';
import { boundsOf, squareBounds } from '@flow-visualizer/core';
import { writeFileAtomic } from '@flow-visualizer/core/node';
import { GRID_POINTS, renderSweepGrid, renderSweepMetrics, summaryHtml, type GridPanel, type SummaryPage } from '@flow-visualizer/renderers';
import { readPointsCsv, readRunFolder, type RunFolder } from './read-run.js';
import { groupRuns, SEED_KEY, type Group, type MetricStats } from './stats.js';

export type RunStatus = 'completed' | 'failed' | 'interrupted' | 'not run';

export interface SummaryRun {
  index: number;
  /** Absolute path of the run's folder. */
  dir: string;
  values: Record<string, string>;
  status: RunStatus;
  error?: string;
  seconds?: number | null;
  peakRssMb?: number | null;
}

export interface SummaryInput {
  title: string;
  subtitle: string;
  outDir: string;
  /** Swept (or differing) keys, in order. */
  keys: string[];
  runs: SummaryRun[];
  panelSize: number;
  pixelRatio: number;
  notes?: string[];
  log?: (m: string) => void;
}

export interface SummaryOutput {
  files: string[];
  groups: Group[];
  rows: (SummaryRun & { folder: RunFolder })[];
}

/** Metrics in the order tables and pictures show them; the rest follow alphabetically. */
const FIRST = ['sliced_w1_ratio', 'sliced_w1', 'sliced_w1_floor', 'w2_squared', 'nearest_class_share', 'npe', 'nfe', 'energy_distance', 'mmd_rbf', 'nll', 'sliced_w1_vs_training', 'straightness', 'final_loss', 'train_seconds', 'seconds_per_epoch', 'sample_seconds'];
const PLOTTED = ['sliced_w1_ratio', 'sliced_w1', 'energy_distance', 'mmd_rbf', 'nll', 'sliced_w1_vs_training', 'straightness', 'final_loss'];
const SHOWN = ['sliced_w1_ratio', 'sliced_w1', 'w2_squared', 'nearest_class_share', 'npe', 'energy_distance', 'mmd_rbf', 'nll', 'straightness', 'final_loss'];

function metricOrder(names: Iterable<string>): string[] {
  const set = new Set(names);
  return [...FIRST.filter((m) => set.has(m)), ...[...set].filter((m) => !FIRST.includes(m)).sort()];
}

/** `pairing` for flow.pairing, unless two swept keys end the same way. */
export function shortKeys(keys: readonly string[]): Record<string, string> {
  const last = (k: string) => k.split('.').at(-1)!;
  return Object.fromEntries(keys.map((k) => [k, keys.filter((o) => last(o) === last(k)).length > 1 ? k : last(k)]));
}

export function fmt(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toPrecision(3) : String(Number(v.toPrecision(3)));
}

export function statText(s: MetricStats | undefined): string {
  if (!s) return '—';
  return s.sd === null ? fmt(s.mean) : `${fmt(s.mean)} ± ${fmt(s.sd)} (n=${s.n})`;
}

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export async function writeSummary(input: SummaryInput): Promise<SummaryOutput> {
  const { outDir, keys } = input;
  const log = input.log ?? (() => undefined);
  // A run that did not complete reports no figures: what its folder holds may be left from an earlier run.
  const rows = input.runs.map((r) => {
    const folder = readRunFolder(r.dir);
    return { ...r, folder: r.status === 'completed' ? folder : { ...folder, metrics: {}, backend: null, hasSamples: false, report: null } };
  });
  const metricNames = metricOrder(rows.flatMap((r) => Object.keys(r.folder.metrics)));
  const groups = groupRuns(keys, rows.map((r) => ({ index: r.index, values: r.values, metrics: r.status === 'completed' ? r.folder.metrics : null })));
  const rel = (p: string) => path.relative(outDir, p).split(path.sep).join('/') || '.';
  const files: string[] = [];

  // summary.csv and summary.json.
  const header = ['run', 'dir', ...keys, 'status', 'seconds', 'peak_rss_mb', 'backend', ...metricNames, 'error'];
  const csv = [header.map(csvCell).join(',')];
  for (const r of rows) {
    csv.push([r.index, rel(r.dir), ...keys.map((k) => r.values[k]), r.status, r.seconds?.toFixed(2), r.peakRssMb?.toFixed(0), r.folder.backend, ...metricNames.map((m) => r.folder.metrics[m]), r.error].map(csvCell).join(','));
  }
  const csvFile = path.join(outDir, 'summary.csv');
  await writeFileAtomic(csvFile, csv.join('\n') + '\n');
  const byIndex = new Map(rows.map((r) => [r.index, r]));
  const json = {
    title: input.title,
    keys,
    grouped_by_seed: keys.includes(SEED_KEY),
    runs: rows.map((r) => ({ run: r.index, dir: rel(r.dir), values: r.values, status: r.status, error: r.error ?? null, seconds: r.seconds ?? null, peak_rss_mb: r.peakRssMb ?? null, backend: r.folder.backend, metrics: r.folder.metrics })),
    groups: groups.map((g) => ({ values: g.values, runs: g.runs, stats: g.stats })),
  };
  const jsonFile = path.join(outDir, 'summary.json');
  await writeFileAtomic(jsonFile, JSON.stringify(json, null, 2) + '\n');
  files.push(csvFile, jsonFile);

  // Pictures: one grid panel per group (its first run that has samples), and the metrics per group.
  const short = shortKeys(keys);
  const groupKeys = keys.filter((k) => k !== SEED_KEY);
  const seeds = keys.includes(SEED_KEY);
  const label = (g: Group, sep: string) => groupKeys.map((k) => `${short[k]}=${g.values[k]}`).join(sep) || (seeds ? 'all seeds' : `run ${g.runs[0]}`);
  const pictures: SummaryPage['pictures'] = [];
  const withSamples = rows.filter((r) => r.folder.hasSamples);
  if (withSamples.length) {
    const panels: GridPanel[] = groups.map((g) => {
      const first = g.runs.map((i) => byIndex.get(i)!).find((r) => r.status === 'completed' && r.folder.hasSamples);
      const any = first ?? byIndex.get(g.runs[0])!;
      const w1 = g.stats.sliced_w1;
      const lines = groupKeys.length ? groupKeys.map((k) => `${short[k]}=${g.values[k]}`) : [label(g, ' ')];
      if (seeds && first) lines[lines.length - 1] += `  (${short[SEED_KEY]}=${first.values[SEED_KEY]} shown)`;
      lines.push(w1 ? `sliced W1 ${statText(w1)}` : 'sliced W1 —');
      return {
        title: lines,
        target: readPointsCsv(path.join(any.dir, 'samples', 'target.csv'), GRID_POINTS),
        generated: first ? readPointsCsv(path.join(first.dir, 'samples', 'generated.csv'), GRID_POINTS) : new Float32Array(),
        missing: first ? undefined : g.runs.map((i) => byIndex.get(i)!.status).join(', '),
      };
    });
    const full = groupKeys.length >= 1 && groups.length === groupKeys.reduce((n, k) => n * new Set(groups.map((g) => g.values[k])).size, 1);
    const lastValues = new Set(groups.map((g) => g.values[groupKeys.at(-1)!])).size;
    const columns = full && groupKeys.length >= 2 ? lastValues : Math.min(groups.length, groups.length <= 6 ? 6 : 4);
    const targets = panels.map((p) => p.target).filter((t) => t.length);
    const bounds = squareBounds(boundsOf(...(targets.length ? targets : [Float32Array.from([-2, -2, 2, 2])])));
    const grid = await renderSweepGrid({
      title: input.title,
      subtitle: ['generated points (orange) over the target (light blue)', ...(seeds ? ['one panel per seed group: its first seed drawn; sliced W1: mean ± sd over the seeds'] : [])],
      panels,
      columns,
      bounds,
      // At least 240 px: titles (values, W1 ± sd) wider than their panel would push it off the grid's columns.
      panelSize: Math.max(240, Math.round(input.panelSize * 0.75)),
      pixelRatio: input.pixelRatio,
    }, outDir);
    files.push(...grid.files);
    pictures.push({ alt: 'grid of generated samples', png: grid.png, width: grid.width });
  } else log('No run has samples (a training-only sweep, or none completed): no grid.png.');
  const plotted = PLOTTED.filter((m) => groups.some((g) => g.stats[m]));
  if (plotted.length) {
    const values: Record<string, number[][]> = {};
    for (const m of plotted) values[m] = groups.map((g) => g.runs.map((i) => byIndex.get(i)!).filter((r) => r.status === 'completed').map((r) => r.folder.metrics[m]).filter((v) => Number.isFinite(v)));
    const chart = await renderSweepMetrics({
      title: `Metrics per ${seeds ? 'group of seeds' : 'run'}`,
      subtitle: seeds ? 'dots: each run; bar: mean ± one standard deviation over the seeds' : 'one dot per run',
      groups: groups.map((g) => groupKeys.map((k) => g.values[k]).join(' · ') || label(g, ' ')),
      groupTitle: groupKeys.join(' · ') || (seeds ? 'all seeds' : 'run'),
      values,
      panelSize: input.panelSize,
      pixelRatio: input.pixelRatio,
    }, outDir);
    files.push(...chart.files);
    pictures.push({ alt: 'metrics per group', png: chart.png, width: chart.width });
  }

  // summary.html.
  const shown = SHOWN.filter((m) => metricNames.includes(m));
  const page: SummaryPage = {
    title: input.title,
    subtitle: input.subtitle,
    notes: [...(input.notes ?? []), ...nllNote(rows.map((r) => r.folder))],
    columns: ['run', ...keys, 'status', ...shown, 'seconds', 'backend', 'error'],
    rows: rows.map((r) => ({
      cells: [r.index, ...keys.map((k) => r.values[k]), r.status, ...shown.map((m) => r.folder.metrics[m] ?? null), r.seconds ?? null, r.folder.backend, r.error ?? ''],
      link: r.folder.report ? { column: 0, href: rel(r.folder.report) } : undefined,
      failed: r.status === 'failed',
    })),
    groups: seeds
      ? {
          columns: [...groupKeys, 'n', ...shown.flatMap((m) => [m, `${m} sd`])],
          rows: groups.map((g) => [...groupKeys.map((k) => g.values[k]), g.runs.length, ...shown.flatMap((m) => [g.stats[m]?.mean ?? null, g.stats[m]?.sd ?? null])]),
        }
      : undefined,
    pictures,
  };
  const html = path.join(outDir, 'summary.html');
  await writeFileAtomic(html, summaryHtml(page));
  files.push(html);
  return { files, groups, rows };
}

/** What the nll column means, with the solver and evaluations of the runs that have one. */
function nllNote(folders: readonly { metrics: Record<string, number>; config: Record<string, unknown> | null }[]): string[] {
  const solvers = new Set<string>();
  for (const f of folders) {
    if (!('nll' in f.metrics)) continue;
    const l = (f.config?.likelihood ?? {}) as { integrator?: unknown };
    solvers.add(`${String(l.integrator ?? '?')}, ${f.metrics.nll_steps ?? '?'} steps, ${f.metrics.nll_nfe ?? '?'} evaluations`);
  }
  if (!solvers.size) return [];
  return [`nll: mean negative log-likelihood of held-out data, nats per point (exact trace of the Jacobian; ${[...solvers].join('; ')}).`];
}
