import { writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { runFv, tmpDir, STACK_LINE, REPO_ROOT } from './test-utils/run-fv.js';

/**
 * The bad-input table: each case is one clear message on stderr, exit status 2, no stack trace. These fail before
 * any training starts, so each costs only the start-up of the cli.
 */
const dir = tmpDir('fv-bad-');
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};
const yamlError = file('syntax.yaml', 'training:\n  n_epochs: 10\n   batch_size: [1, 2\n');
const typo = file('typo.yaml', 'training:\n  n_epoch: 10\n');
const cycleA = file('cycle-a.yaml', 'extends: cycle-b.yaml\n');
file('cycle-b.yaml', 'extends: cycle-a.yaml\n');
const missingParent = file('orphan.yaml', 'extends: does-not-exist.yaml\n');

const cases: [string, string[], RegExp][] = [
  ['a missing config file', ['run', '--config', 'configs/nope.yaml'], /Config file not found: configs\/nope\.yaml/],
  ['a YAML syntax error, with its line', ['run', '--config', yamlError], /YAML syntax error in .*syntax\.yaml:\d+:\d+/],
  ['an unknown key, with a did-you-mean', ['run', '--config', typo], /Unknown key 'training\.n_epoch'.*Did you mean 'n_epochs'\?/],
  ['an unknown key in an override', ['run', 'trainng.n_epochs=5'], /Unknown key 'trainng'.*Did you mean 'training'\?/],
  ['a wrong type', ['run', 'training.n_epochs=abc'], /'training\.n_epochs' must be a number, got 'abc'/],
  ['zero epochs', ['run', 'training.n_epochs=0'], /'training\.n_epochs' must be > 0, got 0/],
  ['negative epochs', ['run', 'training.n_epochs=-3'], /'training\.n_epochs' must be > 0, got -3/],
  ['zero batch size', ['run', 'training.batch_size=0'], /'training\.batch_size' must be > 0/],
  ['a negative learning rate', ['run', 'training.learning_rate=-0.1'], /'training\.learning_rate' must be > 0/],
  ['zero samples', ['run', 'data.n_samples=0'], /'data\.n_samples' must be > 0/],
  ['an unknown dataset, listing the valid ones', ['run', 'data.name=trexx'], /Unknown dataset 'trexx' \(data\.name\)\. Did you mean 'trex'\?[\s\S]*Valid dataset names: .*trex/],
  ['an unknown backend, listing the valid ones', ['run', 'training.device=tpu'], /Unknown device 'tpu' \(training\.device\)[\s\S]*Valid devices: auto, .*wasm.*cpu/],
  ['an unknown integrator, listing the valid ones', ['run', 'visualization.integrator=eulr'], /Unknown integrator 'eulr'.*Did you mean 'euler'\?[\s\S]*Valid integrator names: .*euler/],
  ['an unknown renderer', ['run', 'visualization.renderers=[vega,matplotlib]'], /Unknown renderer 'matplotlib'/],
  ['a misspelt path option', ['run', 'flow.path=polynomial', 'flow.path_options.exponant=3'], /Unknown key 'flow\.path_options\.exponant'.*Did you mean 'exponent'\?/],
  ['a misspelt pairing option', ['run', 'flow.pairing=ot', 'flow.pairing_options.solvr=sinkhorn'], /Unknown key 'flow\.pairing_options\.solvr'.*Did you mean 'solver'\?/],
  ['a key of the older shared flow.options that neither the path nor the pairing takes', ['run', 'flow.pairing=ot', '+flow.options.solvr=sinkhorn'], /Unknown option 'flow\.options\.solvr': neither the path 'linear' nor the pairing 'ot' takes it\. Did you mean 'solver'\?/],
  ['a coupling that needs a path it does not have (SB-CFM\'s ε = 2σ² without the bridge)', ['run', 'flow.pairing=entropic_ot', 'flow.pairing_options.reg=bridge'], /flow\.pairing_options\.reg='bridge' .*the path 'linear' has no sigma[\s\S]*flow\.path=brownian_bridge/],
  ['a pairing worker count that is not a number', ['run', 'flow.pairing_workers=-1'], /'flow\.pairing_workers'/],
  ['a moving-average decay of 1 or more', ['run', 'training.ema_decay=1'], /'training\.ema_decay' must be/],
  ['a cyclic extends chain', ['run', '--config', cycleA], /extend each other in a cycle: .*cycle-a\.yaml → .*cycle-b\.yaml → .*cycle-a\.yaml/],
  ['a missing extends parent', ['run', '--config', missingParent], /Config file not found: .*does-not-exist\.yaml \(named in 'extends' of .*orphan\.yaml\)/],
  ['an override without =', ['run', 'training.n_epochs'], /Cannot read the override 'training\.n_epochs': expected key=value/],
  ['an unknown option', ['run', '--epochs', '5'], /unknown option '--epochs'/],
  ['an unknown command', ['trian'], /unknown command 'trian'/],
  ['a source that is no dataset, listing the valid ones', ['run', 'source.name=eight_gausians'], /Unknown dataset 'eight_gausians' \(source\.name\)\. Did you mean 'eight_gaussians'\?/],
  ['a source option its dataset does not take', ['run', 'source.name=moons', 'source.options.layuot=torchdyn'], /Unknown key 'source\.options\.layuot'.*Did you mean 'layout'\?/],
  ['an exact W2 on more points than the limit', ['run', 'visualization.n_w2_points=20000'], /'visualization\.n_w2_points' must be ≤ 10000/],
  ['fv sample --w2 on more points than the limit', ['sample', '--w2', '--n', '20000'], /--n 20000 with --w2: the exact W2 takes at most 10000 points/],
  ['a pairing batch that is not whole gradient batches', ['run', 'flow.pairing_batch=300'], /'flow\.pairing_batch': must be a multiple of training\.batch_size \(256\)/],
];

describe('bad input: one clear message, exit 2, no stack trace', () => {
  it.each(cases)('%s', (_name, args, pattern) => {
    const r = runFv(args, { timeoutMs: 60_000 });
    expect(r.stderr).toMatch(pattern);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stdout).not.toMatch(/^epoch /m);
  });

  it('shows the stack trace with --verbose', () => {
    const r = runFv(['run', 'training.n_epochs=abc', '--verbose']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(STACK_LINE);
  });

  it('a file where the output folder should be: clear message, and the file is left untouched', () => {
    const blocker = file('not-a-folder', 'precious\n');
    const r = runFv(['run', '--config', 'configs/quick.yaml', `output.dir=${blocker}`], { timeoutMs: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Cannot write .*not-a-folder: a file stands where a folder should be/);
    expect(readFileSync(blocker, 'utf8')).toBe('precious\n');
  });

  it('an output folder inside a file: clear message', () => {
    const blocker = file('blocker', 'x');
    const r = runFv(['run', '--config', 'configs/quick.yaml', `output.dir=${path.join(blocker, 'sub')}`], { timeoutMs: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Cannot write .*blocker\/sub/);
  });

  it('--help lists the commands with examples, --version prints the version', () => {
    const h = runFv(['--help']);
    expect(h.status).toBe(0);
    for (const c of ['run', 'train', 'visualize', 'list', 'doctor', 'schema']) expect(h.stdout).toContain(c);
    expect(h.stdout).toContain('fv run --config configs/trex.yaml');
    const rh = runFv(['run', '--help']);
    expect(rh.stdout).toMatch(/Examples:[\s\S]*training\.n_epochs=500/);
    const v = runFv(['--version']);
    expect(v.status).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('npm links fv, fv-train, fv-visualize, fv-reflow, rf-train, rf-visualize and flow-visualizer at the repository root (what `npx fv` runs)', () => {
    for (const bin of ['fv', 'fv-train', 'fv-visualize', 'fv-reflow', 'rf-train', 'rf-visualize', 'flow-visualizer']) {
      const r = spawnSync(path.join(REPO_ROOT, 'node_modules/.bin', bin), ['--help'], { encoding: 'utf8' });
      expect([bin, r.status]).toEqual([bin, 0]);
    }
    const t = spawnSync(path.join(REPO_ROOT, 'node_modules/.bin/fv-train'), ['--help'], { encoding: 'utf8' });
    expect(t.stdout).toMatch(/^Usage: fv train/);
  });
});
