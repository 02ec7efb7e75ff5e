/**
 * The page script of report.html: src/report/client/page.ts, bundled at build time into dist/report-client.js
 * (scripts/bundle-report-client.mjs). Found from here both in src/ (tests) and in dist/: two folders up is the
 * package's root either way.
 */
import { readFileSync } from 'node:fs';
import { FvError, errorMessage } from '@flow-visualizer/core';

const BUNDLE = new URL('../../dist/report-client.js', import.meta.url);

let cache: string | undefined;

/** The bundled script's text (read once per process). */
export function clientScript(): string {
  if (cache !== undefined) return cache;
  try {
    cache = readFileSync(BUNDLE, 'utf8');
  } catch (e) {
    throw new FvError('RENDER_FAILED', `The report's page script (${BUNDLE.pathname}) is missing: ${errorMessage(e)}`, {
      hint: 'Build the renderers package: npm run build -w packages/renderers (npm ci does it).',
      cause: e,
    });
  }
  return cache;
}
