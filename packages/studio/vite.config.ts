import { defineConfig } from 'vite';

export default defineConfig({
  // Relative URLs: dist/ works from any static path (a sub-folder of a host, `fv studio`, a file server).
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2500 },
  worker: {
    // Module workers, so that each tfjs backend the worker imports lazily is its own chunk, loaded only when probed.
    format: 'es',
    // Not minified: tfjs-backend-wasm starts its threads from the source text of its module factory
    // (`factory.toString()` in a Blob), which minification breaks (its names then point outside the Blob).
    rolldownOptions: { output: { minify: false } },
  },
});
