import path from 'node:path';
import { Command } from 'commander';
import { FvError, boundsOf, classLabel, drawsWith, squareBounds, sampleTargetLabelled } from '@flow-visualizer/core';
import { checkOutputFile, writePointsCsv } from '@flow-visualizer/core/node';
import type { Compose } from '../composition/root.js';
import { allOptions, makeLogger, type ConfigCommandOptions } from './shared.js';

/** `fv data <name> [overrides…] --out points.csv [--png preview.png]`: a dataset's points, without training. */
export function dataCommand(compose: Compose): Command {
  return new Command('data')
    .description('Write the points of a dataset (no training) and optionally a scatter preview')
    .argument('<name>', 'dataset name (fv list datasets)')
    .argument('[overrides...]', 'overrides, e.g. data.n_samples=5000 data.noise=0.05 data.options.file=shape.svg')
    .option('-c, --config <file>', 'YAML config file to start from')
    .requiredOption('-o, --out <file>', 'CSV file to write (header x,y; x,y,label when the dataset has classes)')
    .option('--png <file>', 'also draw the points to this PNG through the first configured renderer (coloured by class, with a legend, when the dataset has classes)')
    .addHelpText('after', `
Examples:
  fv data moons --out moons.csv --png moons.png
  fv data svg data.options.file=heart.svg data.options.fill=true --out heart.csv
  fv data image data.options.file=silhouette.png data.n_samples=20000 --out dino.csv --png dino.png`)
    .action(async (name: string, overrides: string[], _o: unknown, cmd: Command) => {
      const opts = allOptions<ConfigCommandOptions & { out: string; png?: string }>(cmd);
      const log = makeLogger(opts);
      // Both outputs are checked before anything is written: a refused --png leaves no new CSV behind.
      checkOutputFile(opts.out, 'the points');
      if (opts.png) checkOutputFile(opts.png, 'the preview');
      const c = await compose({ config: opts.config, overrides: [`data.name=${name}`, ...overrides] }, log);
      const only = opts.png ? (['dataset', 'renderers'] as const) : (['dataset'] as const);
      const plugins = await c.plugins(only);
      const { points, labels, classNames } = await sampleTargetLabelled(c.config, plugins.dataset);
      const out = path.resolve(opts.out);
      await writePointsCsv(out, points, labels);
      log(`Wrote ${points.length / 2} '${name}' points to ${opts.out}${classNames ? ` with their labels (${classNames.length} classes: ${classNames.map((c, k) => classLabel(k, c)).join(', ')})` : ''}.`);
      if (opts.png) {
        const renderer = plugins.renderers.find((r) => drawsWith(c.registry.get('renderer', r.id), 'points'));
        if (!renderer) {
          throw new FvError('USAGE', `None of the configured renderers (${c.config.visualization.renderers.join(', ')}) can draw a preview.`, {
            hint: 'Add a renderer that can, e.g. visualization.renderers=[vega].',
          });
        }
        const png = path.resolve(opts.png);
        const v = c.config.visualization;
        await renderer.renderPointsPng!({ points, ...(labels && classNames ? { labels, classNames } : {}), title: `${name}: ${points.length / 2} points`, bounds: squareBounds(boundsOf(points)), size: v.panel_size * 1.5, pixelRatio: v.pixel_ratio }, png);
        log(`Drew them to ${opts.png} (${renderer.id} renderer).`);
      }
    });
}
