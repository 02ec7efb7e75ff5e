import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type CheckpointStep } from '@flow-visualizer/core/node';
import { loadCheckpoint } from '@flow-visualizer/core/node';
import { cpuBackend } from '@flow-visualizer/backends';
import { REPO_ROOT, tmpDir } from '../test-utils/run-fv.js';

/**
 * At every instant of a checkpoint swap there is a loadable checkpoint. A child process saves checkpoint 1, then
 * starts saving checkpoint 2 and is killed (SIGKILL, no clean-up) at one step of the swap; the parent then loads
 * what is there: checkpoint 1 or 2, complete, never "no checkpoint". Then a third save over the leftovers must work.
 */
const STEPS: CheckpointStep[] = ['written', 'old-moved-aside', 'new-in-place', 'done'];
const mod = (pkg: string) => pathToFileURL(path.join(REPO_ROOT, 'packages', pkg, 'dist/index.js')).href;

function childScript(dir: string): string {
  return `
import { saveCheckpoint } from '${mod('core').replace('/dist/index.js', '/dist/node/index.js')}';
import { cpuBackend } from '${mod('backends')}';
const [dir, killAt, epochs] = [process.argv[2], process.argv[3], Number(process.argv[4])];
const spec = { dataDim: 2, timeEmbedDim: 4, hiddenDims: [8], learningRate: 0.01, seed: 1 };
const model = await cpuBackend().createModel(spec);
const state = (n) => ({ epochsDone: n, nEpochs: 9, lossHistory: Array.from({ length: n }, (_, i) => 1 / (i + 1)), trainSeconds: n, backend: 'cpu', savedAt: new Date().toISOString() });
for (let n = 1; n <= epochs; n++) {
  await saveCheckpoint(model, state(n), dir, (step) => {
    if (n === epochs && step === killAt) process.kill(process.pid, 'SIGKILL');
  });
}
process.exit(0);
`;
}

describe('checkpoint swap: killed at each step, a complete checkpoint is always there', () => {
  const root = tmpDir('fv-ckpt-crash-');
  const script = path.join(root, 'child.mjs');
  writeFileSync(script, childScript(root));

  it.each(STEPS)('killed at %s', async (step) => {
    const dir = path.join(root, step, 'models', 'checkpoint');
    const r = spawnSync(process.execPath, [script, dir, step, '2'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.signal).toBe('SIGKILL');
    const { model, state } = await loadCheckpoint(cpuBackend(), dir);
    expect([1, 2]).toContain(state.epochsDone);
    // Once the new one is in place (or about to be, from its complete temp copy), it is the one loaded.
    if (step !== 'written') expect(state.epochsDone).toBe(2);
    expect(state.lossHistory).toHaveLength(state.epochsDone);
    expect((await model.predict(new Float32Array([0, 0]), 0.5)).length).toBe(2);
    model.dispose();

    // The next save (a resumed run) recovers the leftovers and swaps cleanly.
    const again = spawnSync(process.execPath, [script, dir, 'never', '3'], { encoding: 'utf8', timeout: 60_000 });
    expect(again.status).toBe(0);
    const after = await loadCheckpoint(cpuBackend(), dir);
    expect(after.state.epochsDone).toBe(3);
    after.model.dispose();
    // The previous checkpoint stays as <dir>.old: what a resume falls back to when <dir> fails its checksums.
    expect(existsSync(`${dir}.old`)).toBe(true);
    expect(existsSync(`${dir}.tmp-${again.pid}`)).toBe(false);
  });
});
