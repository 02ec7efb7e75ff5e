/**
 * The browser builds of vega, vega-lite and vega-embed, read from node_modules to be inlined into report.html so
 * that it works offline from file://. Their packages do not export the build files, so each is found beside the
 * package's main entry (build/), which Node resolution does find.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { FvError, errorMessage } from '@flow-visualizer/core';

const require = createRequire(import.meta.url);

/** Package, and the minified UMD file beside its main entry; in load order (vega-lite and embed need vega). */
export const VENDOR_SCRIPTS = [
  { pkg: 'vega', file: 'vega.min.js' },
  { pkg: 'vega-lite', file: 'vega-lite.min.js' },
  { pkg: 'vega-embed', file: 'vega-embed.min.js' },
] as const;

let cache: { pkg: string; source: string }[] | undefined;

/** The three scripts' sources (read once per process). */
export function vendorScripts(): { pkg: string; source: string }[] {
  if (cache) return cache;
  cache = VENDOR_SCRIPTS.map(({ pkg, file }) => {
    try {
      const main = require.resolve(pkg);
      let dir = path.dirname(main);
      // vega-lite's main is build/index.js, vega's build/vega.module.js: the browser build sits in build/.
      if (path.basename(dir) !== 'build') dir = path.join(dir, 'build');
      return { pkg, source: readFileSync(path.join(dir, file), 'utf8') };
    } catch (e) {
      throw new FvError('RENDER_FAILED', `The report renderer cannot read the browser build of ${pkg} (${file}): ${errorMessage(e)}`, {
        hint: 'Reinstall the dependencies with `npm ci`; report.html inlines vega, vega-lite and vega-embed from node_modules.',
        cause: e,
      });
    }
  });
  return cache;
}

/** A script's text made safe inside <script>…</script>: no early close tag, no comment opener. */
export function scriptSafe(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}
