/**
 * The studio's io modules as the page uses them, bundled for the browser by io.browser.test.ts and run in
 * Chromium: `fvIo.importRun(files)` etc. on the page; bytes travel as plain number arrays.
 */
import { importRun, exportConfigYaml, hashToValues, valuesToHash, resolveValues, readPickedFiles } from '../index.js';
import { encodeModelFiles } from '@flow-visualizer/backends/browser';

function sum(arrays: Float32Array[]): number {
  let s = 0;
  for (const a of arrays) for (let i = 0; i < a.length; i++) s += a[i] * ((i % 7) + 1);
  return s;
}

(globalThis as { fvIo?: unknown }).fvIo = {
  importRun(files: { path: string; data: number[] }[]) {
    const run = importRun(files.map((f) => ({ path: f.path, data: Uint8Array.from(f.data) })));
    // Encoded again in the page: the same bytes as the CLI's files, or the page changed the model on the way.
    const again = encodeModelFiles(run.spec, run.state, run.backend);
    return { spec: run.spec, step: run.state.step, checksum: sum(run.state.params), weights: Array.from(again.weights), values: run.values, lossHistory: run.lossHistory };
  },
  async importZip(zip: number[]) {
    const run = importRun(await readPickedFiles([new File([Uint8Array.from(zip)], 'run.zip')]));
    return { spec: run.spec, weights: Array.from(encodeModelFiles(run.spec, run.state, run.backend).weights) };
  },
  exportConfigYaml: (values: unknown) => exportConfigYaml(values),
  roundTrip(values: unknown) {
    const hash = valuesToHash(values);
    const back = hashToValues(hash);
    return { hash, same: JSON.stringify(back.values) === JSON.stringify(resolveValues(values)), problems: back.problems };
  },
};
