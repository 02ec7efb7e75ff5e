import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runFv, tmpDir } from './test-utils/run-fv.js';

/**
 * OT pairing may run on worker threads ahead of training (flow.pairing_workers); the batches it pairs and so the
 * whole training must be the same as pairing on the training thread.
 */
function lossesOf(extra: string[]): number[] {
  const out = path.join(tmpDir(), 'pairing');
  const r = runFv([
    'train', '--config', 'configs/quick.yaml', `output.dir=${out}`,
    'training.n_epochs=4', 'data.n_samples=1200', 'model.hidden_dims=[32,32]', 'training.device=cpu', ...extra,
  ]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(readFileSync(path.join(out, 'models/checkpoint/training_state.json'), 'utf8')).lossHistory;
}

describe('flow.pairing_workers', () => {
  it('pairing on worker threads trains exactly as pairing on the training thread', () => {
    const inline = lossesOf(['flow.pairing=ot', 'flow.pairing_workers=0']);
    const pooled = lossesOf(['flow.pairing=ot', 'flow.pairing_workers=2']);
    const unpaired = lossesOf(['flow.pairing=none']);
    expect(inline).toHaveLength(4);
    expect(pooled).toEqual(inline);
    // OT pairing shortens the regression targets |x1 − x0|, so its loss is far below the unpaired one's.
    expect(inline[3]).toBeLessThan(0.5 * unpaired[3]);
  });

  it('rejects a worker count that is not a number or auto', () => {
    const r = runFv(['train', '--config', 'configs/quick.yaml', 'flow.pairing_workers=many', `output.dir=${tmpDir()}`]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/flow\.pairing_workers/);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
});
