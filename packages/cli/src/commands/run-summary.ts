import type { RunMetrics } from '@flow-visualizer/core';

/** One short line: which backend trains, and where to learn why (the full report is under --verbose). */
export function backendLine(backend: string, device: string): string {
  return device === 'auto'
    ? `Backend: ${backend} (fastest that loads; fv doctor for why)`
    : `Backend: ${backend} (training.device=${device})`;
}

const fig = (v: unknown) => (typeof v !== 'number' || !Number.isFinite(v) ? 'n/a' : Number.isInteger(v) ? String(v) : v.toPrecision(3));

/** The quality figures, each beside its noise floor, in a few short lines. */
export function qualityLines(m: RunMetrics): string[] {
  const lines = [
    `Quality of ${fig(m.metrics_n_sliced ?? m.n_generated)} generated points against fresh data (floor: two data draws, what a perfect model scores):`,
    `  sliced W1 ${fig(m.sliced_w1)} (floor ${fig(m.sliced_w1_floor)})   energy distance ${fig(m.energy_distance)} (floor ${fig(m.energy_distance_floor)})   MMD ${fig(m.mmd_rbf)} (floor ${fig(m.mmd_rbf_floor)})`,
    ...(typeof m.sliced_w1_ratio === 'number' ? [`  sliced W1 to 50,000 fresh points ÷ its floor ${m.sliced_w1_ratio.toFixed(2)} (1 = as good as that many points can be)`] : []),
    `  straightness ${fig(m.straightness)} mean, ${fig(m.straightness_median)} median (1 = straight paths)${typeof m.loss_fresh === 'number' ? `   loss on fresh pairs ${fig(m.loss_fresh)} (flow matching's loss never reaches 0)` : ''}`,
  ];
  return lines;
}
