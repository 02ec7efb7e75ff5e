/** The `vega` renderer plugin: every plot as a Vega-Lite spec, rendered headless to SVG and PNG. */
import { definePlugin, type FlowResult, type PointsPreview, type RenderHooks, type Renderer, type SolversChart } from '@flow-visualizer/core';
import { writeFileAtomic } from '@flow-visualizer/core/node';
import { findFonts, FONT_HINT } from '../fonts.js';
import { writeOutputs, type OutputFile } from '../write-outputs.js';
import { buildSpec } from './build-specs.js';
import { VegaOptionsSchema, type VegaOptions, type VegaPlot } from './options.js';
import { preloadVega, specToSvg, svgToPng } from './render-spec.js';
import { previewSpec } from './specs/preview.js';
import { solversSpec } from './specs/solvers.js';

export interface PlotTiming {
  /** Spec + SVG, seconds (main thread). */
  svg: number;
  /** PNG rasterization, seconds (thread pool, overlapping the next plot's SVG). */
  png: number;
}

export interface VegaRenderer extends Renderer {
  /** Seconds per plot of the last render, for logs and benchmarks. */
  readonly timings: Partial<Record<VegaPlot, PlotTiming>>;
}

/** A vega renderer with validated options; `log` receives one line per render with per-plot times. */
export function createVegaRenderer(options: Partial<VegaOptions> = {}, log: (m: string) => void = () => undefined): VegaRenderer {
  const opts = VegaOptionsSchema.parse(options);
  const want = (f: VegaOptions['formats'][number]) => opts.formats.includes(f);
  const timings: Partial<Record<VegaPlot, PlotTiming>> = {};
  let warnedFonts = false;

  /** Files of one plot; the PNG's bytes arrive when `png` resolves. */
  async function drawPlot(plot: VegaPlot, result: FlowResult, pixelRatio: number, files: OutputFile[]): Promise<Promise<void> | undefined> {
    const t0 = performance.now();
    const spec = buildSpec(plot, result, opts);
    if (!spec) return undefined; // a likelihood plot of a run without a likelihood
    if (want('vl.json')) files.push({ name: `${plot}.vl.json`, data: JSON.stringify(spec) + '\n' });
    if (!want('svg') && !want('png')) return undefined;
    const svg = await specToSvg(spec);
    if (want('svg')) files.push({ name: `${plot}.svg`, data: svg });
    const timing: PlotTiming = (timings[plot] = { svg: (performance.now() - t0) / 1000, png: 0 });
    if (!want('png')) return undefined;
    const entry: OutputFile = { name: `${plot}.png`, data: new Uint8Array() };
    files.push(entry);
    const t1 = performance.now();
    return svgToPng(svg, pixelRatio).then((png) => {
      entry.data = png;
      timing.png = (performance.now() - t1) / 1000;
    });
  }

  return {
    id: 'vega',
    timings,
    async renderPointsPng(preview: PointsPreview, file: string): Promise<void> {
      const png = await svgToPng(await specToSvg(previewSpec(preview, opts.max_points)), preview.pixelRatio);
      await writeFileAtomic(file, png);
    },
    async renderSolversPng(chart: SolversChart, file: string): Promise<string[]> {
      const spec = solversSpec(chart);
      const png = await svgToPng(await specToSvg(spec), chart.pixelRatio);
      const specFile = file.replace(/\.png$/, '') + '.vl.json';
      await writeFileAtomic(file, png);
      await writeFileAtomic(specFile, JSON.stringify(spec) + '\n');
      return [file, specFile];
    },
    async render(result: FlowResult, outDir: string, hooks?: RenderHooks): Promise<string[]> {
      if (want('png') && !findFonts() && !warnedFonts) {
        warnedFonts = true;
        log(`vega: no known font file found; PNG text may be missing. ${FONT_HINT}`);
      }
      for (const k of Object.keys(timings)) delete timings[k as VegaPlot];
      const pixelRatio = result.context.pixelRatio;
      const files: OutputFile[] = [];
      const pngs: { plot: VegaPlot; done: Promise<void> }[] = [];
      // Render everything first, write after: a plot that fails leaves no new file behind. PNGs rasterize on the
      // thread pool while the next plot's SVG is built on this thread. Each plot is reported as it starts (the
      // plugin guard names the part that fails).
      let error: unknown;
      for (const [k, plot] of opts.plots.entries()) {
        hooks?.onProgress?.(plot, k, opts.plots.length);
        try {
          const done = await drawPlot(plot, result, pixelRatio, files);
          if (done) pngs.push({ plot, done });
        } catch (e) {
          error = e;
          break;
        }
      }
      // Wait for every rasterization even after a failure: none may run on unobserved.
      const settled = await Promise.allSettled(pngs.map((p) => p.done));
      if (error) throw error;
      const failed = settled.findIndex((s) => s.status === 'rejected');
      if (failed >= 0) {
        // A PNG fails after later plots started: report it as the part that failed.
        hooks?.onProgress?.(`${pngs[failed].plot}.png`, opts.plots.indexOf(pngs[failed].plot), opts.plots.length);
        throw (settled[failed] as PromiseRejectedResult).reason;
      }
      const written = await writeOutputs(outDir, files);
      log(`vega: ${opts.plots.map((p) => `${p} ${((timings[p]?.svg ?? 0) + (timings[p]?.png ?? 0)).toFixed(2)} s`).join(', ')} (SVG + PNG each; PNGs overlap).`);
      return written;
    },
  };
}

/** Plugin factory: `visualization.renderers: [vega]`, options under `visualization.options.vega`. */
export const vegaRenderer = () =>
  definePlugin({
    name: 'fv:renderer-vega',
    kind: 'renderer',
    id: 'vega',
    description: 'Vega-Lite plots (comparison, trajectory, vector field, loss, density) as PNG, SVG and .vl.json.',
    optionsSchema: VegaOptionsSchema,
    capabilities: { draws: ['points', 'solvers'] },
    create: (options, ctx) => {
      // Created before training starts: load vega meanwhile rather than after it.
      preloadVega();
      return createVegaRenderer(options, ctx.log);
    },
  });
