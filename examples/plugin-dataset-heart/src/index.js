// A dataset plugin, written as a third party would: it depends only on @flow-visualizer/core (a peer
// dependency) and exports its plugin(s) as `plugins`. A config loads it with `plugins: ["fv-plugin-dataset-heart"]`
// (or a path to this file) and uses it with `data.name: heart`.
import { z } from 'zod';
import { LOG, addNoise, definePlugin, fitToBox, shufflePoints } from '@flow-visualizer/core';

const HeartOptions = z.strictObject({
  fill: z.boolean().default(true).describe('Fill the heart (true) or draw only its outline (false).'),
});

/** The classic heart curve: x = 16 sin³u, y = 13 cos u − 5 cos 2u − 2 cos 3u − cos 4u. */
function heartPoint(u) {
  return [16 * Math.sin(u) ** 3, 13 * Math.cos(u) - 5 * Math.cos(2 * u) - 2 * Math.cos(3 * u) - Math.cos(4 * u)];
}

export const heart = () =>
  definePlugin({
    name: 'fv-plugin-dataset-heart:heart',
    kind: 'dataset',
    id: 'heart',
    description: 'A heart (filled or outline), from the heart curve.',
    optionsSchema: HeartOptions,
    create(options, ctx) {
      const noise = ctx.run.dataNoise;
      // A service asked for by its token: the run's container holds the log (the cli's, the studio's); without
      // one, the context answers for the services it was given.
      const log = ctx.services?.get(LOG) ?? (() => undefined);
      log(`heart: ${options.fill ? 'filled' : 'outline only'}, noise ${noise}.`);
      return {
        id: 'heart',
        sample(n, rng) {
          const pts = new Float32Array(2 * n);
          for (let i = 0; i < n; i++) {
            const [x, y] = heartPoint(2 * Math.PI * rng.next());
            // sqrt(r) makes the fill uniform in area: the curve is star-shaped around its centre (0, 0.5).
            const r = options.fill ? Math.sqrt(rng.next()) : 1;
            pts[2 * i] = x * r;
            pts[2 * i + 1] = 0.5 + (y - 0.5) * r;
          }
          fitToBox(pts);
          addNoise(pts, noise, rng);
          return shufflePoints(pts, rng);
        },
      };
    },
  });

export const plugins = [heart()];
