/** The `report` renderer plugin: report.html, an interactive offline page of the run. */
import path from 'node:path';
import { definePlugin, type FlowResult, type Renderer } from '@flow-visualizer/core';
import { ensureWritableDir, writeFileAtomic } from '@flow-visualizer/core/node';
import { theme } from '../plot/theme.js';
import { reportData } from './data.js';
import { reportHtml } from './html.js';
import { ReportOptionsSchema, type ReportOptions } from './options.js';
import { flowSpec, lossSpec, scatterSpec, type VlSpec } from './specs.js';
import { buildSpec } from '../vega/build-specs.js';
import { existsSync, readFileSync } from 'node:fs';
import { vendorScripts } from './vendor.js';

export const REPORT_HTML = 'report.html';

export interface ReportRenderer extends Renderer {
  /** Seconds of the last render, and the size of the page in bytes. */
  readonly stats: { seconds?: number; bytes?: number };
}

function subtitleOf(result: FlowResult): string {
  const m = result.metrics ?? ({} as FlowResult['metrics']);
  const parts = [
    m.backend && `backend ${m.backend}`,
    Number.isFinite(m.n_epochs) && `${m.n_epochs} epochs`,
    m.integrator && `${m.integrator}, ${m.n_sampling_steps} steps`,
    Number.isFinite(m.sliced_w1) && `sliced W1 ${m.sliced_w1.toFixed(3)}${Number.isFinite(m.sliced_w1_floor) ? ` (floor ${m.sliced_w1_floor.toFixed(3)})` : ''}`,
  ].filter(Boolean);
  return parts.join(' · ');
}

/** The chart of `fv compare-solvers`, when one was made into this folder (it writes solvers.vl.json beside solvers.png). */
function solversView(outDir: string): { solvers?: Record<string, unknown> } {
  const file = path.join(outDir, 'solvers.vl.json');
  if (!existsSync(file)) return {};
  try {
    return { solvers: JSON.parse(readFileSync(file, 'utf8')) };
  } catch {
    return {};
  }
}

/** A report renderer with validated options. */
export function createReportRenderer(options: Partial<ReportOptions> = {}, log: (m: string) => void = () => undefined): ReportRenderer {
  const opts = ReportOptionsSchema.parse(options);
  const stats: ReportRenderer['stats'] = {};
  return {
    id: 'report',
    stats,
    async render(result: FlowResult, outDir: string): Promise<string[]> {
      await ensureWritableDir(outDir);
      const t0 = performance.now();
      const data = await reportData(result, opts, { target: theme.colors.target, generated: theme.colors.generated });
      const size = Math.min(720, Math.max(420, Math.round(result.context.panelSize * 1.6)));
      const html = reportHtml({
        data,
        specs: {
          flow: flowSpec(data, size, result.conditions),
          loss: lossSpec(data, 420),
          ...(data.evolution ? { evolution: scatterSpec(data, size, result.conditions) } : {}),
          // The static views, as the vega renderer draws them (fewer paths and a coarser grid keep the page small).
          // A conditional run adds the class-coloured comparison and the guidance figure.
          ...(result.conditions ? { comparison: buildSpec('comparison', result, { max_points: opts.max_target }) } : {}),
          ...(result.guidance ? { guidance: buildSpec('guidance', result, { max_points: opts.max_target }) } : {}),
          ...(result.frames.length > 1 ? { paths: buildSpec('paths', result, { paths: 150, max_points: opts.max_target }) } : {}),
          ...(result.trajectory.length ? { density: buildSpec('density', result, { density_bins: 48 }) } : {}),
          ...likelihoodViews(result),
          ...solversView(outDir),
          size,
          playSeconds: opts.play_seconds,
        },
        metrics: (result.metrics ?? {}) as Record<string, unknown>,
        configYaml: result.context.configYaml,
        subtitle: subtitleOf(result),
        scripts: vendorScripts(),
      });
      const file = path.resolve(outDir, REPORT_HTML);
      await writeFileAtomic(file, html);
      stats.seconds = (performance.now() - t0) / 1000;
      stats.bytes = Buffer.byteLength(html);
      log(`report: ${REPORT_HTML} (${(stats.bytes / 1e6).toFixed(2)} MB) in ${stats.seconds.toFixed(2)} s.`);
      return [file];
    },
  };
}

/** Plugin factory: `visualization.renderers: [report]`, options under `visualization.options.report`. */
export const reportRenderer = () =>
  definePlugin({
    name: 'fv:renderer-report',
    kind: 'renderer',
    id: 'report',
    description: 'report.html: one offline page (down to phone width) with a time slider and play button over the flow, a training slider, the loss, paths, density over time, the metrics explained and the config.',
    optionsSchema: ReportOptionsSchema,
    create: (options, ctx) => createReportRenderer(options, ctx.log),
  });

/** The likelihood views (when the run has a likelihood), as the vega renderer draws them. */
function likelihoodViews(result: FlowResult): Record<string, VlSpec> {
  const out: Record<string, VlSpec> = {};
  for (const plot of ['likelihood', 'density_model', 'estimator_spread'] as const) {
    const spec = buildSpec(plot, result);
    if (spec) out[plot] = spec;
  }
  return out;
}
