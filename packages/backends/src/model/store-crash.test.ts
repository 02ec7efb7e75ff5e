import { cpSync, mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cpuBackend } from '../backends/tfjs-backends.js';
import { SMALL_SPEC } from '@flow-visualizer/core/testing';
import { WEIGHTS_FILE } from './store.js';

/**
 * saveMlp swaps a model in by two renames (current → .old-*, new .tmp-* → current). A crash between them leaves
 * no folder under the model's name; loading must then find the newest complete copy, not say "no model".
 */
describe('a crash between the two renames of a model save loses nothing', () => {
  const backend = cpuBackend();
  const x = new Float32Array([0.3, -0.2, 1, 0.5]);

  it('loads the previous model from <dir>.old-* when the new one was never complete, and the new one from a complete <dir>.tmp-*', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'fv-store-crash-'));
    const dir = path.join(root, 'velocity_net');
    const a = await backend.createModel(SMALL_SPEC);
    await a.save(dir);
    const want = await a.predict(x, 0.5);
    // Killed after the first rename, with the new model only half written.
    renameSync(dir, `${dir}.old-4242-1`);
    mkdirSync(`${dir}.tmp-4242-0`);
    writeFileSync(path.join(`${dir}.tmp-4242-0`, WEIGHTS_FILE), Buffer.alloc(12));
    const loaded = await backend.loadModel(dir);
    expect(Array.from(await loaded.predict(x, 0.5))).toEqual(Array.from(want));

    // Killed after the first rename, with the new model complete: the newer one is loaded.
    const b = await backend.createModel({ ...SMALL_SPEC, seed: SMALL_SPEC.seed + 1 });
    const newer = path.join(root, 'newer');
    await b.save(newer);
    cpSync(newer, `${dir}.tmp-4242-2`, { recursive: true });
    const again = await backend.loadModel(dir);
    expect(Array.from(await again.predict(x, 0.5))).toEqual(Array.from(await b.predict(x, 0.5)));
    for (const m of [a, b, loaded, again]) m.dispose();
  });
});
