#!/usr/bin/env node
// Bundles report.html's page script (src/report/client/page.ts, with the shared plotting code it imports) into one
// self-contained script, dist/report-client.js, that the report renderer inlines into every report.html (offline:
// no module loading, no network). Run by `npm run build` after tsc.
import { build } from 'esbuild';

await build({
  entryPoints: [new URL('../src/report/client/page.ts', import.meta.url).pathname],
  outfile: new URL('../dist/report-client.js', import.meta.url).pathname,
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2019',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
