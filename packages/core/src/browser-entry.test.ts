import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForBrowser, describeBrowserEntries } from './testing/browser-bundle.js';

const PKG = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// The main entry runs in a browser (the studio imports it); the Node-only parts are in '@flow-visualizer/core/node'.
describeBrowserEntries(PKG, ['.']);

describe('bundleForBrowser', () => {
  it('names every Node import of the Node entry with the chain that brings it in (so a violation would fail)', async () => {
    const b = await bundleForBrowser('@flow-visualizer/core/node', { resolveDir: PKG });
    expect(b.errors).toEqual([]);
    expect(b.nodeImports).toContain('node:worker_threads  ←  src/node/pairing-threads.ts  ←  src/node/index.ts  ←  <entry>');
    // A builtin several imports deep: checkpoint.ts → io/atomic-write.ts (fs) is one of the chains.
    expect(b.nodeImports.some((l) => /^node:fs\/promises {2}← {2}src\/io\/atomic-write\.ts {2}← {2}.*src\/node\/index\.ts {2}← {2}<entry>$/.test(l))).toBe(true);
  });
});
