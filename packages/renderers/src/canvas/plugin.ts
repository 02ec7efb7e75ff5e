/** The `canvas` renderer plugin: every plot as PNG drawn with @napi-rs/canvas, and the animated flow.gif. */
import path from 'node:path';
import { definePlugin, type FlowResult, type RenderHooks, type Renderer } from '@flow-visualizer/core';
import { ensureWritableDir, writeFileAtomic } from '@flow-visualizer/core/node';
import { findFonts, FONT_HINT } from '../fonts.js';
import { renderFlowGif } from './gif/flow-gif.js';
import { EVOLUTION_GIF, renderEvolutionGif } from './gif/evolution-gif.js';
import { CanvasOptionsSchema, type CanvasOptions, type CanvasPlot } from './options.js';
import { canvasPlotFile, renderPlotPng } from './render-plot.js';

export const FLOW_GIF = 'flow.gif';

export interface CanvasRenderer extends Renderer {
  /** Seconds per output of the last render (each plot, and 'gif'), for logs and benchmarks. */
  readonly timings: Partial<Record<CanvasPlot | 'gif', number>>;
}

/** A canvas renderer with validated options; `log` receives one line per render with the time of each output. */
export function createCanvasRenderer(options: Partial<CanvasOptions> = {}, log: (m: string) => void = () => undefined): CanvasRenderer {
  const opts = CanvasOptionsSchema.parse(options);
  const timings: Partial<Record<CanvasPlot | 'gif', number>> = {};
  let warnedFonts = false;
  return {
    id: 'canvas',
    timings,
    async render(result: FlowResult, outDir: string, hooks?: RenderHooks): Promise<string[]> {
      if (!findFonts() && !warnedFonts) {
        warnedFonts = true;
        log(`canvas: no known font file found; text in the pictures may be missing. ${FONT_HINT}`);
      }
      // A folder that cannot be written fails now, with OUTPUT_UNWRITABLE, not after seconds of drawing.
      await ensureWritableDir(outDir);
      const c = result.context;
      const pc = { panel: c.panelSize, ratio: c.pixelRatio, columns: opts.columns, logLoss: opts.log_loss, densityBins: opts.density_bins };
      // Parts reported as they start: the progress line shows them, and the plugin guard names the one that fails.
      const parts = [...opts.plots.map(canvasPlotFile), ...(opts.gif ? [FLOW_GIF] : []), ...(opts.gif && opts.evolution_gif ? [EVOLUTION_GIF] : [])];
      const part = (name: string) => hooks?.onProgress?.(name, parts.indexOf(name), parts.length);
      // Draw everything first, write after: a plot that fails leaves no new file behind.
      const files: { name: string; data: Uint8Array }[] = [];
      for (const plot of opts.plots) {
        part(canvasPlotFile(plot));
        const t0 = performance.now();
        files.push({ name: canvasPlotFile(plot), data: await renderPlotPng(plot, result, pc) });
        timings[plot] = (performance.now() - t0) / 1000;
      }
      if (opts.gif) {
        part(FLOW_GIF);
        const t0 = performance.now();
        files.push({ name: FLOW_GIF, data: await renderFlowGif(result, opts) });
        timings.gif = (performance.now() - t0) / 1000;
      }
      if (opts.gif && opts.evolution_gif) {
        part(EVOLUTION_GIF);
        const gif = renderEvolutionGif(result, opts.gif_size);
        if (gif) files.push({ name: EVOLUTION_GIF, data: gif });
      }
      const written: string[] = [];
      for (const f of files) {
        const file = path.resolve(outDir, f.name);
        await writeFileAtomic(file, f.data);
        written.push(file);
      }
      const gif = files.find((f) => f.name === FLOW_GIF);
      const gifNote = gif ? ` (${FLOW_GIF} ${(gif.data.length / 1e6).toFixed(1)} MB${gif.data.length > 5e6 ? '; lower gif_size, gif_fps or gif_points for a smaller file' : ''})` : '';
      log(`canvas: ${Object.entries(timings).map(([k, s]) => `${k} ${s!.toFixed(2)} s`).join(', ')}${gifNote}.`);
      return written;
    },
  };
}

/** Plugin factory: `visualization.renderers: [canvas]`, options under `visualization.options.canvas`. */
export const canvasRenderer = () =>
  definePlugin({
    name: 'fv:renderer-canvas',
    kind: 'renderer',
    id: 'canvas',
    description: 'The animations: flow.gif (noise → data) and evolution.gif (samples during training); PNG plots (<plot>.canvas.png) when asked for.',
    optionsSchema: CanvasOptionsSchema,
    create: (options, ctx) => createCanvasRenderer(options, ctx.log),
  });
