/** Sample quality (sliced W1, log) against velocity evaluations (log), one line per integrator, floor as a rule. */
import type { SolversChart } from '@flow-visualizer/core';
import { theme } from '../../plot/theme.js';
import type { VlSpec } from './common.js';
import { figure } from './common.js';

export function solversSpec(chart: SolversChart): VlSpec {
  const rows = chart.rows.filter((r) => r.nfe > 0 && r.sliced_w1 > 0).map((r) => ({
    integrator: r.integrator,
    nfe: r.nfe,
    sliced_w1: r.sliced_w1,
    // ± one standard deviation over the noise draws (a log axis cannot go to 0 or below: clipped just above it).
    lo: r.sliced_w1_sd ? Math.max(r.sliced_w1 - r.sliced_w1_sd, r.sliced_w1 * 0.05) : r.sliced_w1,
    hi: r.sliced_w1_sd ? r.sliced_w1 + r.sliced_w1_sd : r.sliced_w1,
    setting: r.rtol === null ? `${r.steps} step${r.steps === 1 ? '' : 's'}` : `rtol ${r.rtol}`,
  }));
  const draws = Math.max(1, ...chart.rows.map((r) => r.draws ?? 1));
  const layers: VlSpec[] = [
    {
      data: { name: 'rows' },
      mark: { type: 'line', point: { size: 40, filled: true }, strokeWidth: 2 },
      encoding: {
        x: { field: 'nfe', type: 'quantitative', scale: { type: 'log' }, title: 'velocity evaluations (NFE)' },
        y: { field: 'sliced_w1', type: 'quantitative', scale: { type: 'log' }, title: 'sliced W1 to held-out data (lower is better)' },
        color: { field: 'integrator', type: 'nominal', title: 'integrator' },
        order: { field: 'nfe', type: 'quantitative' },
        tooltip: [{ field: 'integrator' }, { field: 'setting' }, { field: 'nfe' }, { field: 'sliced_w1', format: '.4f' }],
      },
    },
    ...(draws > 1
      ? [{
        data: { name: 'rows' },
        mark: { type: 'rule', strokeWidth: 1.5, opacity: 0.7 },
        encoding: {
          x: { field: 'nfe', type: 'quantitative', scale: { type: 'log' } },
          y: { field: 'lo', type: 'quantitative', scale: { type: 'log' } },
          y2: { field: 'hi' },
          color: { field: 'integrator', type: 'nominal', title: 'integrator' },
        },
      }]
      : []),
  ];
  if (chart.floor !== null && chart.floor > 0) {
    layers.push(
      { data: { values: [{ floor: chart.floor }] }, mark: { type: 'rule', strokeDash: [4, 4], color: theme.colors.domain }, encoding: { y: { field: 'floor', type: 'quantitative' } } },
      {
        data: { values: [{ floor: chart.floor, label: 'noise floor (two target draws)' }] },
        mark: { type: 'text', align: 'left', dy: -6, x: 4, fontSize: 11, color: theme.colors.subtleText },
        encoding: { y: { field: 'floor', type: 'quantitative' }, text: { field: 'label' } },
      },
    );
  }
  return figure(chart.title, draws > 1 ? `each point: one integrator at one step count (or tolerance), the mean over ${draws} noise draws (the same for all), bars ± 1 standard deviation` : 'each point: one integrator at one step count (or tolerance); same noise for all', { width: chart.size * 1.6, height: chart.size, layer: layers }, { rows });
}
