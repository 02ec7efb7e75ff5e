/**
 * The `animate` renderer: probability_path.gif and curvature.gif. Not in the default renderers (each GIF takes
 * seconds to draw): add it with visualization.renderers=[vega,canvas,report,animate]. Its settings (frame rate,
 * particles, trails, density grid, …) are its options, visualization.options.animate.
 */
import path from 'node:path';
import { definePlugin, type FlowResult, type RenderHooks, type Renderer } from '@flow-visualizer/core';
import { ensureWritableDir, writeFileAtomic } from '@flow-visualizer/core/node';
import { renderCurvatureGif } from './curvature.js';
import { AnimateOptionsSchema, type AnimateOptions, type Animation } from './options.js';
import { renderProbabilityPathGif } from './probability-path.js';

export const ANIMATION_FILES: Record<Animation, string> = { probability_path: 'probability_path.gif', curvature: 'curvature.gif' };

export interface AnimateRenderer extends Renderer {
  /** Seconds each animation of the last render took. */
  readonly timings: Partial<Record<Animation, number>>;
}

export function createAnimateRenderer(options: Partial<AnimateOptions> = {}, log: (m: string) => void = () => undefined): AnimateRenderer {
  const opts = AnimateOptionsSchema.parse(options);
  const timings: Partial<Record<Animation, number>> = {};
  const draw = { probability_path: renderProbabilityPathGif, curvature: renderCurvatureGif };
  return {
    id: 'animate',
    timings,
    async render(result: FlowResult, outDir: string, hooks?: RenderHooks): Promise<string[]> {
      await ensureWritableDir(outDir);
      // Draw all first, write after: an animation that fails leaves no new file behind.
      const files: { name: string; data: Uint8Array }[] = [];
      for (const [k, a] of opts.animations.entries()) {
        hooks?.onProgress?.(ANIMATION_FILES[a], k, opts.animations.length);
        const t0 = performance.now();
        files.push({ name: ANIMATION_FILES[a], data: await draw[a](result, opts) });
        timings[a] = (performance.now() - t0) / 1000;
      }
      const written: string[] = [];
      for (const f of files) {
        const file = path.resolve(outDir, f.name);
        await writeFileAtomic(file, f.data);
        written.push(file);
      }
      log(`animate: ${files.map((f, i) => `${f.name} ${timings[opts.animations[i]]!.toFixed(2)} s, ${(f.data.length / 1e6).toFixed(1)} MB`).join('; ')}.`);
      return written;
    },
  };
}

/** Plugin factory: `visualization.renderers: [..., animate]`, options under `visualization.options.animate`. */
export const animateRenderer = () =>
  definePlugin({
    name: 'fv:renderer-animate',
    kind: 'renderer',
    id: 'animate',
    description: 'Animations (off by default, seconds each): probability_path.gif (noise → data, left to right, density contours) and curvature.gif (particles with trails coloured by path curvature).',
    optionsSchema: AnimateOptionsSchema,
    create: (options, ctx) => createAnimateRenderer(options, ctx.log),
  });
