/** metrics.png: each metric per group, every run as a dot, the mean as a tick with ± one standard deviation. */
import { theme } from '../plot/theme.js';
import { figure, type VlSpec } from '../vega/specs/common.js';
import type { SweepMetricsChart } from './types.js';

export function metricsSpec(chart: SweepMetricsChart): VlSpec {
  const panels = Object.entries(chart.values).map(([metric, perGroup]) => {
    const runs: VlSpec[] = [];
    const stats: VlSpec[] = [];
    perGroup.forEach((vals, g) => {
      const group = chart.groups[g];
      for (const v of vals) runs.push({ group, value: v });
      if (!vals.length) return;
      const mean = vals.reduce((a, b) => a + b, 0) / vals.length;
      const sd = vals.length > 1 ? Math.sqrt(vals.reduce((a, b) => a + (b - mean) ** 2, 0) / (vals.length - 1)) : 0;
      stats.push({ group, mean, lo: mean - sd, hi: mean + sd, n: vals.length, sd });
    });
    const x = { field: 'group', type: 'nominal', sort: chart.groups, title: chart.groupTitle, axis: { labelAngle: chart.groups.some((g) => g.length > 8) ? -30 : 0, labelLimit: 400 } };
    const y = { type: 'quantitative', scale: { zero: false, padding: 10 }, title: metric };
    return {
      title: { text: metric, fontSize: theme.font.panelTitleSize, anchor: 'middle' },
      width: Math.max(chart.panelSize * 0.6, 36 * chart.groups.length),
      height: chart.panelSize * 0.75,
      layer: [
        { data: { values: stats }, mark: { type: 'rule', strokeWidth: 2, color: theme.colors.target }, encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' } } },
        { data: { values: stats }, mark: { type: 'tick', thickness: 2, size: 18, color: theme.colors.target }, encoding: { x, y: { ...y, field: 'mean' }, tooltip: [{ field: 'group' }, { field: 'mean', format: '.4g' }, { field: 'sd', format: '.2g' }, { field: 'n' }] } },
        { data: { values: runs }, mark: { type: 'circle', size: 28, opacity: 0.7, color: theme.colors.generated, xOffset: 9 }, encoding: { x, y: { ...y, field: 'value' } } },
      ],
      resolve: { scale: { y: 'shared' } },
    };
  });
  const rows: VlSpec[] = [];
  for (let i = 0; i < panels.length; i += 3) rows.push({ hconcat: panels.slice(i, i + 3), spacing: 30 });
  return figure(chart.title, chart.subtitle, { vconcat: rows, spacing: 24 }, {});
}
