/** One panel per snapshot time: where the generated points are at t, over the faded target. */
import type { FlowResult } from '@flow-visualizer/core';
import { theme } from '../../plot/theme.js';
import { defaultColumns, figure, formatT, panel, scatterLayer, toRows, type SpecContext, type VlSpec } from './common.js';

export function trajectorySpec(result: FlowResult, ctx: SpecContext & { columns?: number }): VlSpec {
  const b = result.bounds;
  const snaps = result.trajectory;
  const datasets: Record<string, unknown[]> = { target: toRows(result.target, ctx.maxPoints) };
  const panels = snaps.map((s, i) => {
    datasets[`t${i}`] = toRows(s.x, ctx.maxPoints);
    return panel(ctx, `t = ${formatT(s.t)}`, [
      scatterLayer(b, ctx, 'target', theme.colors.targetFaded, { opacity: theme.point.fadedOpacity }),
      scatterLayer(b, ctx, `t${i}`, theme.colors.generated),
    ]);
  });
  return figure(
    'Trajectory: generated points carried from noise (t = 0) to data (t = 1)',
    `target in light blue; ${snaps.length} snapshots at t = ${snaps.map((s) => formatT(s.t)).join(', ')}`,
    { concat: panels, columns: ctx.columns ?? defaultColumns(panels.length) },
    datasets,
  );
}
