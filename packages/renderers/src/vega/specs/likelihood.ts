/**
 * The model's own density, from its likelihood (core/likelihood): log p on a grid beside the target's kernel
 * density (likelihood), the density over time p_t by the continuity equation (density_model, the counterpart of
 * density's kernel estimates of samples), and how far the Hutchinson estimator strays from the exact trace
 * (estimator_spread). Each draws nothing when the run has no likelihood (turned off, or a model without a Jacobian).
 */
import { hutchinsonErrors, type FlowResult, type LogDensityGrid } from '@flow-visualizer/core';
import { kde2d, type DensityGrid } from '../../kde.js';
import { contourRows, densityCells, noGrid, scaleTop } from './density.js';
import { defaultColumns, figure, formatT, panelTitle, round, xyEncoding, type SpecContext, type VlSpec } from './common.js';

const WHITE_BELOW = 0.03;

function densityOf(g: LogDensityGrid): DensityGrid {
  return { size: g.size, bounds: g.bounds, values: g.logp.map((l) => Math.exp(l)) };
}

function colorScale(top: number, clipped: boolean, panel: number): VlSpec {
  const fmt = (v: number) => String(Number(v.toPrecision(2)));
  return {
    field: 'density',
    type: 'quantitative',
    title: 'density',
    scale: { range: ['#ffffff', '#c6dbef', '#6baed6', '#2171b5', '#08306b'], interpolate: 'rgb', domain: [0, round(top)], clamp: true },
    legend: {
      orient: 'right', gradientLength: Math.min(panel, 200), values: [0, round(top / 2), round(top)],
      labelExpr: `datum.value >= ${round(top)} ? '${clipped ? '≥ ' : ''}${fmt(top)}' : format(datum.value, '.2~f')`,
    },
  };
}

/** Panels of density cells with contour lines at `levels` (densities), one shared colour scale. */
function densityPanels(grids: { title: string; grid: DensityGrid }[], levels: number[], ctx: SpecContext, datasets: Record<string, unknown[]>, lineColor = '#08306b'): VlSpec[] {
  const { top, clipped } = scaleTop(grids.map((g) => g.grid));
  const color = colorScale(top, clipped, ctx.panel);
  return grids.map(({ title, grid }, i) => {
    datasets[`cells${i}`] = densityCells(grid, top, WHITE_BELOW * top);
    datasets[`lines${i}`] = contourRows(grid, levels);
    const b = grid.bounds;
    return {
      title: panelTitle(title),
      width: ctx.panel,
      height: ctx.panel,
      layer: [
        { data: { name: `cells${i}` }, mark: { type: 'rect', clip: true }, encoding: { ...noGrid(xyEncoding(b)), x2: { field: 'x2' }, y2: { field: 'y2' }, color } },
        { data: { name: `lines${i}` }, mark: { type: 'line', color: lineColor, strokeWidth: 0.8, opacity: 0.75, clip: true }, encoding: { ...noGrid(xyEncoding(b)), detail: { field: 'ring', type: 'nominal' }, order: { field: 'k', type: 'quantitative' } } },
      ],
    };
  });
}

/** The largest log p on the grid. */
function maxLog(g: LogDensityGrid): number {
  let m = -Infinity;
  for (const v of g.logp) if (v > m) m = v;
  return m;
}

/** likelihood.png: the model's exact density beside the target's kernel density, with log-density contours. */
export function likelihoodSpec(result: FlowResult, ctx: SpecContext): VlSpec | undefined {
  const lk = result.likelihood;
  if (!lk) return undefined;
  const model = densityOf(lk.grid);
  const target = kde2d(result.target, lk.grid.bounds, lk.grid.size);
  // Lines where log p is 1, 2, 4 and 6 nats below the model's peak: the same levels on both panels.
  const peak = maxLog(lk.grid);
  const drops = [1, 2, 4, 6];
  const levels = drops.map((k) => Math.exp(peak - k));
  const datasets: Record<string, unknown[]> = {};
  const panels = densityPanels(
    [
      { title: `Model: exact p(x) (${lk.grid.size}×${lk.grid.size} grid)`, grid: model },
      { title: `Target: kernel density (${result.target.length / 2} points)`, grid: target },
    ],
    levels,
    ctx,
    datasets,
  );
  return figure(
    `Likelihood: NLL ${lk.nll.toFixed(3)} nats per point on ${lk.nllPoints} held-out points`,
    [
      `exact trace, ${lk.integrator} ${lk.steps} steps (${lk.nfe} evaluations) back to the Gaussian; one linear colour scale`,
      ...(lk.nllGivenClass !== undefined ? [`a conditional model: p(x) is the mixture of its classes in the data's shares; given each point's own class, NLL ${lk.nllGivenClass.toFixed(3)}`] : []),
      `lines on both panels: log p = ${drops.map((k) => (peak - k).toFixed(1)).join(', ')} (1, 2, 4, 6 nats below the model's peak)`,
    ],
    { hconcat: panels, resolve: { scale: { color: 'shared' }, legend: { color: 'shared' } } },
    datasets,
  );
}

/** density_model.png: the model's p_t at the trajectory times, solved by the continuity equation (no samples). */
export function densityModelSpec(result: FlowResult, ctx: SpecContext): VlSpec | undefined {
  const lk = result.likelihood;
  if (!lk) return undefined;
  const grids = lk.overTime.map((g) => ({ title: `t = ${formatT(g.t)}`, grid: densityOf(g) }));
  const { top } = scaleTop(grids.map((g) => g.grid));
  const datasets: Record<string, unknown[]> = {};
  const panels = densityPanels(grids, [0.2, 0.4, 0.6, 0.8].map((u) => u * top), ctx, datasets);
  return figure(
    'Model density over time: p_t(x) by the continuity equation, from noise to data',
    [
      `exact log p_t on a grid (${lk.integrator} back to the Gaussian at t = 0, no sampling); lines at 20/40/60/80% of the scale's top`,
      'compare density.png: kernel estimates of samples at the same times',
      ...(lk.nllGivenClass !== undefined ? ["a conditional model: each panel is the mixture of its classes' p_t in the data's shares"] : []),
    ],
    { concat: panels, columns: defaultColumns(panels.length), resolve: { scale: { color: 'shared' }, legend: { color: 'shared' } } },
    datasets,
  );
}

const PROBES = [1, 4, 16] as const;

function std(a: Float64Array): number {
  let m = 0;
  for (const v of a) m += v / a.length;
  let s = 0;
  for (const v of a) s += (v - m) ** 2;
  return Math.sqrt(s / Math.max(1, a.length - 1));
}

/** estimator_spread.png: Hutchinson's log p minus the exact one at held-out points, with 1, 4 and 16 probes. */
export function estimatorSpreadSpec(result: FlowResult, ctx: SpecContext): VlSpec | undefined {
  const lk = result.likelihood;
  if (!lk) return undefined;
  const rows: { probes: string; error: number }[] = [];
  const stds: string[] = [];
  for (const k of PROBES) {
    const errs = hutchinsonErrors(lk.spread, k);
    const label = `${k} probe${k === 1 ? '' : 's'}`;
    for (const e of errs) rows.push({ probes: label, error: round(e) });
    stds.push(`${label} ${std(errs).toFixed(3)}`);
  }
  const order = PROBES.map((k) => `${k} probe${k === 1 ? '' : 's'}`);
  const body = {
    width: Math.round(ctx.panel * 1.6),
    height: Math.round(ctx.panel * 0.6),
    layer: [
      {
        data: { name: 'errors' },
        mark: { type: 'boxplot', extent: 'min-max', size: 18, median: { color: '#08306b' }, color: '#6baed6' },
        encoding: {
          y: { field: 'probes', type: 'nominal', sort: order, title: null },
          x: { field: 'error', type: 'quantitative', title: 'Hutchinson log p − exact log p (nats)' },
        },
      },
      { data: { values: [{}] }, mark: { type: 'rule', color: '#d62728', strokeWidth: 1.5 }, encoding: { x: { datum: 0 } } },
    ],
  };
  return figure(
    `Estimator spread at ${lk.spread.exact.length} held-out points: exact trace (red line) vs Hutchinson`,
    [
      `${lk.spread.probe} probes fixed along each path, ${lk.integrator} ${lk.steps} steps; in 2D the exact trace costs no more`,
      `standard deviation: ${stds.join(', ')} (falls as 1/√probes)`,
    ],
    body,
    { errors: rows },
  );
}
