import { Command } from 'commander';
import { FvError } from '@flow-visualizer/core';
import { studioDist } from '../studio/dist-dir.js';
import { openBrowser } from '../studio/open-browser.js';
import { serveStudio } from '../studio/server.js';
import { allOptions, makeLogger, type GlobalOptions } from './shared.js';

interface StudioOptions extends GlobalOptions {
  port: string;
  open?: boolean;
  dir?: string;
}

/** The port Flow Studio takes unless told otherwise (Vite's 5173 neighbourhood, rarely taken). */
export const STUDIO_PORT = 5178;

/** `fv studio`: serve the built Flow Studio on this machine, cross-origin isolated, until Ctrl-C. */
export function studioCommand(): Command {
  return new Command('studio')
    .description('Serve Flow Studio (train and watch a flow live in the browser) on http://127.0.0.1, until Ctrl-C')
    .option('-p, --port <n>', `port to listen on (0: a free one)`, String(STUDIO_PORT))
    .option('--open', 'open the page in the system browser')
    .option('--dir <folder>', 'serve this built app instead of packages/studio/dist')
    .addHelpText('after', `
Examples:
  fv studio                   http://127.0.0.1:${STUDIO_PORT}/
  fv studio --port 0 --open   a free port, opened in the system browser

The page is cross-origin isolated (COOP/COEP headers), so TensorFlow.js' wasm backend can use threads.`)
    .action(async (_o: unknown, cmd: Command) => {
      const opts = allOptions<StudioOptions>(cmd);
      const port = Number(opts.port);
      if (!/^\d+$/.test(String(opts.port).trim()) || port > 65535) {
        throw new FvError('USAGE', `--port must be a whole number from 0 to 65535, got '${opts.port}'.`, { hint: `e.g. --port ${STUDIO_PORT}, or --port 0 for a free one.` });
      }
      const root = studioDist(opts.dir);
      const served = await serveStudio({ root, port });
      // The URL is printed even with --quiet: it is what the command is for.
      process.stdout.write(`Flow Studio: ${served.url}\n`);
      const log = makeLogger(opts);
      log(`Serving ${root} (cross-origin isolated; only this machine can connect). Ctrl-C stops it.`);
      if (opts.open) log(await openBrowser(served.url));
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await served.close();
      log('Stopped.');
    });
}
