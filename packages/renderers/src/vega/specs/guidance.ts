/**
 * guidance.png: the same noise and the same asked conditions sampled at several guidance weights (w = 0, 1, 2, 4
 * by default), each panel over the faded target and coloured by the asked class. w = 0 is the unconditional
 * model (colours mixed over the whole shape), w = 1 the conditional one, w > 1 pushes past it: points pile up
 * and leave the data, the overshoot classifier-free guidance is known for.
 */
import { nearestClasses, pointCount, type FlowResult } from '@flow-visualizer/core';
import { theme } from '../../plot/theme.js';
import { conditionNote } from '../../plot/conditions.js';
import { defaultColumns, figure, panel, scatterLayer, toRows, type SpecContext, type VlSpec } from './common.js';
import { condRows, condScatterLayer, SHARED_COLOR } from './condition-layers.js';

/** undefined for a run without a guidance figure (every unconditional run). */
export function guidanceSpec(result: FlowResult, ctx: SpecContext): VlSpec | undefined {
  const g = result.guidance, cf = result.conditions;
  if (!g || !cf || !g.weights.length) return undefined;
  const b = result.bounds;
  const datasets: Record<string, unknown[]> = { target: toRows(result.target, ctx.maxPoints) };
  const panels = g.weights.map((w, i) => {
    datasets[`w${i}`] = condRows(g.samples[i], g.conditions, cf, ctx.maxPoints);
    return panel(ctx, panelName(w, result, i), [
      scatterLayer(b, ctx, 'target', theme.colors.targetFaded, { opacity: theme.point.fadedOpacity }),
      condScatterLayer(b, ctx, `w${i}`, cf),
    ]);
  });
  const n = pointCount(g.samples[0] ?? new Float32Array());
  return figure(
    `Guidance: the same noise sampled at w = ${g.weights.join(', ')}`,
    [
      `v = v_uncond + w · (v_cond − v_uncond); ${n} points, the same noise and asked conditions in every panel`,
      'w = 0: the unconditional model; w = 1: the conditional one; w > 1: pushed further, points leave the data',
      `target in light blue; ${conditionNote(cf)}`,
    ],
    { concat: panels, columns: defaultColumns(panels.length), resolve: SHARED_COLOR },
    datasets,
  );
}

/** "w = 2 · 97% nearest own class" (classes, with labelled target points), else "w = 2". */
function panelName(w: number, result: FlowResult, i: number): string {
  const g = result.guidance!, cf = result.conditions!;
  const head = `w = ${w}`;
  if (cf.kind !== 'class' || cf.target.length < pointCount(result.target)) return head;
  const nearest = nearestClasses(g.samples[i], result.target, cf.target);
  let own = 0, total = 0;
  for (let j = 0; j < nearest.length; j++) {
    if (!Number.isFinite(g.conditions[j])) continue;
    total++;
    if (nearest[j] === Math.round(g.conditions[j])) own++;
  }
  return total ? `${head} · ${Math.round((100 * own) / total)}% nearest own class` : head;
}
