/**
 * The data report.html embeds, as compact JSON: flat coordinate arrays rounded to a few decimals (the page
 * interpolates between frames and between field samples, so a few dozen snapshots make a smooth slider).
 */
import { createRng, evolutionFloor, gatherPoints, gridPoints, pointCount, randomSubset, type FlowResult } from '@flow-visualizer/core';
import { interpolateFields } from '../canvas/field-at.js';
import { speedScale } from '../plot/field-stats.js';
import { smoothLoss } from '../loss-stats.js';
import type { ReportOptions } from './options.js';
import { classNames } from '../plot/conditions.js';

export interface ReportData {
  title: string;
  bounds: [number, number, number, number];
  /** Frame times (ascending) and, for each, the points as [x0, y0, x1, y1, …]; the same points in every frame. */
  times: number[];
  frames: number[][];
  target: number[];
  /** Field: grid positions once, then the velocity at each sample time. */
  grid: number[];
  gridSize: number;
  fieldTimes: number[];
  fields: number[][];
  /** Speed that fills the longest arrow: the PNGs' reference speed (field-stats speedScale); faster arrows are capped there. */
  vref: number;
  /** Whether some arrow on the slider is faster than vref (the legend then reads "≥ vref"). */
  vclipped: boolean;
  loss: number[];
  /** Smoothed loss (the PNG's moving median) and the trained model's loss on fresh pairs, when measured. */
  lossSmooth: number[];
  lossFresh: number | null;
  /** What the dashed loss line was measured on (metrics.json's loss_fresh_on). */
  lossFreshOn: string;
  /** Samples recorded during training (same noise each time): epochs, sliced W1 and points per snapshot. */
  evolution: { epochs: number[]; w1: number[]; floor: number | null; points: number[][]; conditions?: (string | number | null)[] } | null;
  colors: { target: string; generated: string };
  /** A conditional run: the condition of each drawn point of `frames` (a class name or the value), for colours. */
  conditions?: (string | number | null)[];
}

function rounder(decimals: number) {
  const k = 10 ** decimals;
  // NaN/Infinity are not JSON: keep them out as null, which the page skips.
  return (a: ArrayLike<number>): number[] => Array.from(a, (v) => (Number.isFinite(v) ? Math.round(v * k) / k : (null as unknown as number)));
}

export async function reportData(result: FlowResult, o: ReportOptions, colors: { target: string; generated: string }): Promise<ReportData> {
  const round = rounder(o.decimals);
  const seed = result.context.seed;
  const frames = [...(result.frames.length ? result.frames : [{ t: 1, x: result.generated }])].sort((a, b) => a.t - b.t);
  const n = pointCount(frames[0].x);
  const pick = n > o.max_points ? createRng(seed, 'report-points').permutation(n).slice(0, o.max_points) : null;

  const size = o.field_grid ?? result.context.gridSize;
  const fieldTimes = Array.from({ length: o.field_samples }, (_, i) => i / (o.field_samples - 1));
  let grid = gridPoints(result.bounds, size);
  const fields: Float32Array[] = [];
  if (result.velocity) {
    for (const t of fieldTimes) fields.push(Float32Array.from(await result.velocity(grid, t)));
  } else if (result.fields.length) {
    const sorted = [...result.fields].sort((a, b) => a.t - b.t);
    grid = sorted[0].grid;
    for (const t of fieldTimes) fields.push(interpolateFields(sorted, t).velocity);
  }
  // The same reference speed as the PNGs (from the field panels' times), so that the legends agree.
  let vref = speedScale(result.fields, result.target, result.bounds).vref;
  let vmax = 0;
  for (const v of fields) for (let i = 0; i + 1 < v.length; i += 2) {
    const s = Math.hypot(v[i], v[i + 1]);
    if (Number.isFinite(s) && s > vmax) vmax = s;
  }
  if (!(vref > 0)) vref = vmax;

  const b = result.bounds;
  return {
    title: result.context.dataset,
    bounds: [b.xmin, b.xmax, b.ymin, b.ymax].map((v) => Math.round(v * 1e4) / 1e4) as ReportData['bounds'],
    times: frames.map((f) => Math.round(f.t * 1e6) / 1e6),
    frames: frames.map((f) => round(pick ? gatherPoints(f.x, pick) : f.x)),
    target: round(pointCount(result.target) > o.max_target ? randomSubset(result.target, o.max_target, createRng(seed, 'report-target')) : result.target),
    grid: fields.length ? round(grid) : [],
    gridSize: fields.length ? Math.round(Math.sqrt(grid.length / 2)) : 0,
    fieldTimes: fields.length ? fieldTimes : [],
    fields: fields.map((v) => round(v)),
    vref,
    vclipped: vmax > vref * (1 + 1e-9),
    loss: result.lossHistory.map((v) => (Number.isFinite(v) ? Number(v.toPrecision(5)) : (null as unknown as number))),
    lossSmooth: smoothLoss(result.lossHistory).map((v) => (Number.isFinite(v) ? Number(v.toPrecision(5)) : (null as unknown as number))),
    lossFreshOn: typeof result.metrics?.loss_fresh_on === 'string' ? result.metrics.loss_fresh_on : 'fresh pairs',
    lossFresh: typeof result.metrics?.loss_fresh === 'number' && Number.isFinite(result.metrics.loss_fresh) ? Number(result.metrics.loss_fresh.toPrecision(5)) : null,
    evolution: result.evolution?.length
      ? { epochs: result.evolution.map((e) => e.epoch), w1: result.evolution.map((e) => Number(e.sliced_w1.toPrecision(3))), floor: evolutionFloor(result.evolution) ?? null, points: result.evolution.map((e) => round(e.x)), ...evolutionConditions(result) }
      : null,
    colors,
    ...(result.conditions ? { conditions: conditionValues(result, pick) } : {}),
  };
}

/** A conditional run whose training record kept the samples' conditions (the same points at every snapshot). */
function evolutionConditions(result: FlowResult): { conditions?: (string | number | null)[] } {
  const first = result.evolution?.[0]?.conditions;
  if (!result.conditions || !first) return {};
  return { conditions: conditionValues({ ...result, conditions: { ...result.conditions, generated: first } }, null) };
}

/** The drawn points' conditions, in the order of `frames` (the same subset `pick` when there is one). */
function conditionValues(result: FlowResult, pick: ArrayLike<number> | null): (string | number | null)[] {
  const cf = result.conditions!;
  const names = cf.kind === 'class' ? classNames(cf) : [];
  const n = pick ? pick.length : cf.generated.length;
  return Array.from({ length: n }, (_, i) => {
    const v = cf.generated[pick ? pick[i] : i];
    if (!Number.isFinite(v)) return null;
    return cf.kind === 'class' ? (names[Math.round(v)] ?? `class ${Math.round(v)}`) : Math.round(v * 1e4) / 1e4;
  });
}

/** JSON safe inside a <script> element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
