import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runFv, tmpDir } from './test-utils/run-fv.js';

/** A path added as a schedule trains through the whole cli, and its option is checked like any other. */
describe('flow.path: polynomial', () => {
  it('trains with flow.path_options.exponent, lowering the loss', () => {
    const out = path.join(tmpDir(), 'poly');
    const r = runFv([
      'train', '--config', 'configs/quick.yaml', `output.dir=${out}`, 'flow.path=polynomial', 'flow.path_options.exponent=3',
      'training.n_epochs=6', 'data.n_samples=1200', 'model.hidden_dims=[32,32]', 'training.device=cpu',
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const losses: number[] = JSON.parse(readFileSync(path.join(out, 'models/checkpoint/training_state.json'), 'utf8')).lossHistory;
    expect(losses).toHaveLength(6);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses[5]).toBeLessThan(losses[0]);
  });

  it('a misspelt option is one message with a suggestion, exit 2', () => {
    const r = runFv(['train', '--config', 'configs/quick.yaml', 'flow.path=polynomial', 'flow.path_options.exponant=3', `output.dir=${tmpDir()}`]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Unknown key 'flow\.path_options\.exponant'.*Did you mean 'exponent'\?/);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('an older config\'s shared flow.options still trains, its key read as flow.path_options', () => {
    const out = path.join(tmpDir(), 'legacy');
    const r = runFv([
      'train', '--config', 'configs/quick.yaml', `output.dir=${out}`, 'flow.path=polynomial', 'flow.options.exponent=3',
      'training.n_epochs=1', 'data.n_samples=300', 'model.hidden_dims=[16]', 'training.device=cpu', '--verbose',
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout + r.stderr).toContain('flow.options is replaced by flow.path_options and flow.pairing_options: read it as flow.path_options.exponent.');
  });

  it('says so by default: one note on stderr naming the new keys, stdout untouched, nothing with --quiet', () => {
    const args = (out: string) => [
      'train', '--config', 'configs/quick.yaml', `output.dir=${out}`, 'flow.path=polynomial', 'flow.pairing=ot',
      'flow.options.exponent=3', 'flow.options.solver=sinkhorn', 'training.n_epochs=1', 'data.n_samples=300', 'model.hidden_dims=[16]', 'training.device=cpu',
    ];
    const r = runFv(args(path.join(tmpDir(), 'legacy-note')));
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      'fv: note: flow.options is replaced by flow.path_options and flow.pairing_options: read it as flow.path_options.exponent, flow.pairing_options.solver. ' +
        'Rename these keys in the config to silence this note.\n',
    );
    expect(r.stdout).not.toContain('is replaced by');
    expect(r.stdout).toMatch(/^Trained in [\d.]+ s/m);
    const quiet = runFv([...args(path.join(tmpDir(), 'legacy-quiet')), '--quiet']);
    expect(quiet.status).toBe(0);
    expect(quiet.stderr).toBe('');
  });
});
