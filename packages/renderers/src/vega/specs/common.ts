/**
 * Pieces every spec shares: points as Vega rows, the x/y encodings that pin every panel to `result.bounds`, the
 * theme as a Vega-Lite config, and how panels are laid out. Specs are plain JSON objects (typed loosely: the
 * full Vega-Lite TopLevelSpec type is huge and slows tsc for no safety we need here; vega-lite validates).
 */
import type { Bounds } from '@flow-visualizer/core';
import { theme, fontFamily } from '../../plot/theme.js';

/** A Vega-Lite spec (top level or unit) as plain JSON. */
export type VlSpec = Record<string, any>;

/** Settings every spec builder reads. */
export interface SpecContext {
  /** Width and height of one square panel, CSS pixels. */
  panel: number;
  /** Most points of one set drawn in a panel (SVG size and render time grow with it). Default: all. */
  maxPoints?: number;
}

export interface Row {
  x: number;
  y: number;
}

/** 4 decimals: far below a pixel at any panel size, and keeps the .vl.json files small. */
export const round = (v: number) => Math.round(v * 1e4) / 1e4;

/**
 * Interleaved points to Vega rows, skipping non-finite ones (JSON has no NaN; Vega would draw them at 0). At most
 * `limit` of them: the first ones, which are a random sample since targets are a random subset and generated
 * points come from i.i.d. noise (core keeps both in random order).
 */
export function toRows(points: Float32Array, limit = Infinity): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i + 1 < points.length && rows.length < limit; i += 2) {
    const x = points[i], y = points[i + 1];
    if (Number.isFinite(x) && Number.isFinite(y)) rows.push({ x: round(x), y: round(y) });
  }
  return rows;
}

/** "2000 points", or "20000 points, 5000 drawn" when a panel shows a sample of them. */
export function countLabel(points: Float32Array, ctx: SpecContext): string {
  const n = points.length >> 1;
  return n > (ctx.maxPoints ?? Infinity) ? `${n} points, ${ctx.maxPoints} drawn` : `${n} points`;
}

/** "0", "0.2", "0.33", "1": times as titles show them. */
export function formatT(t: number): string {
  return String(Math.round(t * 100) / 100);
}

/** x/y encodings pinned to the shared box: no "nice" rounding, no zero, so every panel has exactly these axes. */
export function xyEncoding(b: Bounds, fields: { x: string; y: string } = { x: 'x', y: 'y' }) {
  return {
    x: { field: fields.x, type: 'quantitative', title: 'x', scale: { domain: [b.xmin, b.xmax], nice: false, zero: false } },
    y: { field: fields.y, type: 'quantitative', title: 'y', scale: { domain: [b.ymin, b.ymax], nice: false, zero: false } },
  };
}

/** Area (px²) of a point mark: the theme's radius, grown with the panel so dots keep their weight. */
export function pointSize(ctx: SpecContext): number {
  const r = theme.point.radius * Math.sqrt(ctx.panel / 320);
  return Math.PI * r * r;
}

/** A scatter layer of a named dataset in one colour; `legend` puts it in the shared colour legend. */
export function scatterLayer(b: Bounds, ctx: SpecContext, data: string, color: string, opts: { opacity?: number; legend?: string } = {}): VlSpec {
  const enc: VlSpec = { ...xyEncoding(b) };
  if (opts.legend) enc.color = { datum: opts.legend, type: 'nominal', scale: legendScale(), legend: { title: null, orient: 'right' } };
  return {
    data: { name: data },
    mark: { type: 'circle', size: pointSize(ctx), opacity: opts.opacity ?? theme.point.opacity, ...(opts.legend ? {} : { color }), clip: true },
    encoding: enc,
  };
}

/** The target/generated colour scale shared by every layer that shows a legend. */
export function legendScale() {
  return { domain: ['target', 'generated'], range: [theme.colors.target, theme.colors.generated] };
}

/** A square panel of `ctx.panel` pixels with a title. */
export function panel(ctx: SpecContext, title: string, layers: VlSpec[]): VlSpec {
  return { title: panelTitle(title), width: ctx.panel, height: ctx.panel, layer: layers };
}

/** A panel's own title: smaller than the figure's, centred over its panel. */
export function panelTitle(text: string): VlSpec {
  return { text, fontSize: theme.font.panelTitleSize, anchor: 'middle', offset: 6 };
}

/** Panels per row: all in one row up to 4, else balanced rows (6 → 3 + 3, 8 → 4 + 4). */
export function defaultColumns(n: number): number {
  return n <= 4 ? n : Math.ceil(n / Math.ceil(n / 4));
}

/** The theme as a Vega-Lite config: one font, title style and colours for every plot. */
export function vlConfig(): VlSpec {
  // The theme's list, no file lookup (specs are built in browsers too): a browser takes the first family it has,
  // and resvg (render-spec.ts) maps the closing sans-serif to the font found on this machine.
  const font = fontFamily();
  const f = theme.font;
  return {
    background: theme.colors.background,
    font,
    // No aria labels per mark: they double the SVG size (one label per point) and nobody reads 4000 of them.
    aria: false,
    padding: 12,
    concat: { spacing: theme.panelGap },
    title: { fontSize: f.titleSize, fontWeight: f.titleWeight, color: theme.colors.text, anchor: 'start', subtitleColor: theme.colors.subtleText, subtitleFontSize: f.labelSize + 1, offset: 10 },
    header: { titleFontSize: f.panelTitleSize, labelFontSize: f.labelSize },
    axis: {
      labelFontSize: f.labelSize,
      titleFontSize: f.axisTitleSize,
      titleFontWeight: 'normal',
      titleColor: theme.colors.subtleText,
      labelColor: theme.colors.subtleText,
      gridColor: theme.colors.grid,
      domainColor: theme.colors.domain,
      tickColor: theme.colors.domain,
      labelFlush: true,
    },
    legend: { labelFontSize: f.labelSize, titleFontSize: f.labelSize, titleFontWeight: 'normal', symbolOpacity: 1 },
    view: { stroke: theme.colors.domain, strokeWidth: 0.5 },
  };
}

/** Wraps the panels into one figure with a title (what is shown) and the shared config. */
export function figure(title: string, subtitle: string | string[] | undefined, body: VlSpec, datasets: Record<string, unknown[]>): VlSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: subtitle ? { text: title, subtitle } : title,
    datasets,
    ...body,
    config: vlConfig(),
  };
}
