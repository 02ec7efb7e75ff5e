/**
 * The probability path of a run with classes: in every panel (target, then each trajectory time) each class's
 * density drawn as iso-lines in its colour, over the density of all points in light grey. Overlaid lines, not one
 * row per class: the classes' shares of the same space are what the picture is about (at t = 0 every class is
 * the same noise; by t = 1 each has found its own part of the data), and rows would make 8 × 6 panels for 8 modes.
 */
import { pointCount, type FlowResult } from '@flow-visualizer/core';
import { kde2d, KDE_BANDWIDTH, type DensityGrid } from '../../kde.js';
import { classNames, conditionNote } from '../../plot/conditions.js';
import { defaultColumns, figure, panelTitle, round, xyEncoding, type SpecContext, type VlSpec } from './common.js';
import { contourRows, densityCells, noGrid, scaleTop } from './density.js';
import { condColor, guidanceNote, SHARED_COLOR } from './condition-layers.js';

/** Iso-lines of each class at these shares of the classes' shared top: wide, middle, core. */
const CLASS_LEVELS = [0.2, 0.6];

/** All points' density, relative to the panel's top (0…1), in light greys: where the mass is, under the lines. */
const GREY = { field: 'shade', type: 'quantitative', scale: { range: ['#ffffff', '#e3e3e3', '#b5b5b5'], interpolate: 'rgb', domain: [0, 1], clamp: true }, legend: null };

export function classDensitySpec(result: FlowResult, ctx: SpecContext, sets: { title: string; points: Float32Array }[], size: number): VlSpec {
  const b = result.bounds, cf = result.conditions!;
  const names = classNames(cf);
  // The target's labels for the first set, the asked classes (result.generated's order) for every snapshot.
  const labelsOf = (i: number) => (i === 0 ? cf.target : cf.generated);
  const totals = sets.map((s) => kde2d(s.points, b, size));
  // p(x, class k): each class's kernel density weighed by its share, so that the lines of a panel's classes
  // stand on one scale (a rare class is not blown up to the size of a common one).
  const perClass: DensityGrid[][] = sets.map((s, i) => names.map((_, k) => {
    const pts = pointsOfClass(s.points, labelsOf(i), k);
    // Wider kernels for fewer points (Scott's n^(−1/6), against the 2,000 the default width suits): a class of
    // 100 points otherwise breaks into specks, and eight such classes into a tangle.
    const g = kde2d(pts, b, size, KDE_BANDWIDTH * Math.max(1, (2000 / Math.max(1, pointCount(pts))) ** (1 / 6)));
    const share = pointCount(pts) / Math.max(1, pointCount(s.points));
    return { ...g, values: g.values.map((v) => v * share) };
  }));
  // Levels per panel (the panel's own top): the data's sharp peaks on one shared scale would leave the spread
  // noise of early times without a single line. The grey is relative per panel too: it shows where, not how much.
  const color = condColor(cf, { field: 'c' });
  const datasets: Record<string, unknown[]> = {};
  const panels = sets.map((s, i) => {
    const totalTop = scaleTop([totals[i]]).top;
    const levels = CLASS_LEVELS.map((u) => u * scaleTop(perClass[i]).top);
    // Its own field name: the grey's scale must not merge with the classes' colour scale.
    datasets[`cells${i}`] = densityCells(totals[i], totalTop, 0.03 * totalTop).map((c) => ({ ...c, shade: round(c.density / totalTop) }));
    datasets[`lines${i}`] = perClass[i].flatMap((g, k) => contourRows(g, levels).map((r) => ({ ...r, ring: `${k}-${r.ring}`, c: names[k] })));
    return {
      title: panelTitle(`${s.title} (${pointCount(s.points)} points)`),
      width: ctx.panel,
      height: ctx.panel,
      layer: [
        { data: { name: `cells${i}` }, mark: { type: 'rect', clip: true }, encoding: { ...noGrid(xyEncoding(b)), x2: { field: 'x2' }, y2: { field: 'y2' }, fill: GREY } },
        { data: { name: `lines${i}` }, mark: { type: 'line', strokeWidth: 1.1, opacity: 0.9, clip: true }, encoding: { ...noGrid(xyEncoding(b)), detail: { field: 'ring', type: 'nominal' }, order: { field: 'k', type: 'quantitative' }, color } },
      ],
    };
  });
  return figure(
    'Density over time by class: each class\'s share of p_t, from noise to data',
    [
      `kernel density on a ${size}×${size} grid; grey: all points; lines: each class at ${CLASS_LEVELS.map((u) => `${u * 100}%`).join(' and ')} of the highest class density in the panel (scales per panel)`,
      `${conditionNote(cf)}${guidanceNote(cf)}`,
    ],
    { concat: panels, columns: defaultColumns(panels.length), resolve: SHARED_COLOR },
    datasets,
  );
}

function pointsOfClass(points: Float32Array, labels: Float32Array, k: number): Float32Array {
  const n = Math.min(pointCount(points), labels.length);
  let m = 0;
  for (let i = 0; i < n; i++) if (Math.round(labels[i]) === k) m++;
  const out = new Float32Array(2 * m);
  for (let i = 0, j = 0; i < n; i++) if (Math.round(labels[i]) === k) out[j++] = points[2 * i], out[j++] = points[2 * i + 1];
  return out;
}
