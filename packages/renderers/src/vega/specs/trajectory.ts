/** One panel per snapshot time: where the generated points are at t, over the faded target. */
import type { FlowResult } from '@flow-visualizer/core';
import { theme } from '../../plot/theme.js';
import { defaultColumns, figure, formatT, panel, scatterLayer, toRows, type SpecContext, type VlSpec } from './common.js';
import { conditionNote } from '../../plot/conditions.js';
import { condRows, condScatterLayer, guidanceNote, SHARED_COLOR } from './condition-layers.js';

export function trajectorySpec(result: FlowResult, ctx: SpecContext & { columns?: number }): VlSpec {
  const b = result.bounds;
  const snaps = result.trajectory;
  if (result.conditions) return conditionalTrajectory(result, ctx);
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

/** A run with conditions: each snapshot's points coloured by the condition they are sampled with (the same order as result.generated). */
function conditionalTrajectory(result: FlowResult, ctx: SpecContext & { columns?: number }): VlSpec {
  const b = result.bounds, cf = result.conditions!;
  const snaps = result.trajectory;
  const datasets: Record<string, unknown[]> = { target: toRows(result.target, ctx.maxPoints) };
  const panels = snaps.map((s, i) => {
    datasets[`t${i}`] = condRows(s.x, cf.generated, cf, ctx.maxPoints);
    return panel(ctx, `t = ${formatT(s.t)}`, [
      scatterLayer(b, ctx, 'target', theme.colors.targetFaded, { opacity: theme.point.fadedOpacity }),
      condScatterLayer(b, ctx, `t${i}`, cf),
    ]);
  });
  return figure(
    'Trajectory: generated points carried from noise (t = 0) to data (t = 1), by condition',
    `target in light blue; ${snaps.length} snapshots at t = ${snaps.map((s) => formatT(s.t)).join(', ')}; ${conditionNote(cf)}${guidanceNote(cf)}`,
    { concat: panels, columns: ctx.columns ?? defaultColumns(panels.length), resolve: SHARED_COLOR },
    datasets,
  );
}
