/** The `vega` renderer plugin: every plot as a Vega-Lite spec, rendered headless to SVG and PNG. */
import { definePlugin, errorMessage, FvError, isFvError, type FlowResult, type Renderer } from '@flow-visualizer/core';
import { findFonts, FONT_HINT } from '../fonts.js';
import { writeOutputs, type OutputFile } from '../write-outputs.js';
import { buildSpec } from './build-specs.js';
import { VegaOptionsSchema, type VegaOptions, type VegaPlot } from './options.js';
import { specToSvg, svgToPng } from './render-spec.js';

export interface VegaRenderer extends Renderer {
  /** Seconds per plot of the last render (spec + SVG + PNG), for logs and benchmarks. */
  readonly timings: Partial<Record<VegaPlot, number>>;
}

/** A vega renderer with validated options; `log` receives one line per render with per-plot times. */
export function createVegaRenderer(options: Partial<VegaOptions> = {}, log: (m: string) => void = () => undefined): VegaRenderer {
  const opts = VegaOptionsSchema.parse(options);
  const timings: Partial<Record<VegaPlot, number>> = {};
  let warnedFonts = false;
  return {
    id: 'vega',
    timings,
    async render(result: FlowResult, outDir: string): Promise<string[]> {
      if (opts.formats.includes('png') && !findFonts() && !warnedFonts) {
        warnedFonts = true;
        log(`vega: no known font file found; PNG text may be missing. ${FONT_HINT}`);
      }
      const pixelRatio = result.config?.visualization?.pixel_ratio ?? 2;
      const files: OutputFile[] = [];
      // Render everything first, write after: a plot that fails leaves no new file behind.
      for (const plot of opts.plots) {
        const t0 = performance.now();
        try {
          const spec = buildSpec(plot, result, opts);
          if (opts.formats.includes('vl.json')) files.push({ name: `${plot}.vl.json`, data: JSON.stringify(spec) + '\n' });
          if (opts.formats.includes('svg') || opts.formats.includes('png')) {
            const svg = await specToSvg(spec);
            if (opts.formats.includes('svg')) files.push({ name: `${plot}.svg`, data: svg });
            if (opts.formats.includes('png')) files.push({ name: `${plot}.png`, data: svgToPng(svg, pixelRatio) });
          }
        } catch (e) {
          if (isFvError(e)) throw e;
          throw new FvError('RENDER_FAILED', `The vega renderer could not draw the ${plot} plot: ${errorMessage(e)}`, {
            hint: `Leave it out with visualization.options.vega.plots, or report the bug with the run's config.yaml.`,
            plugin: 'fv:renderer-vega',
            cause: e,
          });
        }
        timings[plot] = (performance.now() - t0) / 1000;
      }
      const written = await writeOutputs(outDir, files);
      log(`vega: ${opts.plots.map((p) => `${p} ${timings[p]!.toFixed(2)} s`).join(', ')}.`);
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
    create: (options, ctx) => createVegaRenderer(options, ctx.log),
  });
