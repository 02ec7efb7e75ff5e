import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { CLI_DIR, REPO_ROOT, STACK_LINE, tmpDir } from './test-utils/run-fv.js';
import { TINY } from './test-utils/tiny-run.js';

// `flow-visualizer train | visualize | all`, the original tool's commands, as a user runs the bin.
const BIN = path.join(CLI_DIR, 'bin/flow-visualizer.js');
const fvz = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 300_000, env: { ...process.env, FORCE_COLOR: '0' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};
const TINY_WASM = [...TINY, 'training.device=wasm'];

describe('flow-visualizer', () => {
  let dir: string;
  beforeAll(() => (dir = tmpDir('fv-flow-visualizer-')));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists train, visualize and all; refuses another command or none with exit 2 and the usage', () => {
    const help = fvz(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: flow-visualizer train\|visualize\|all/);
    expect(help.stdout).toMatch(/all\s+train, then sample and draw \(fv run\)/);
    for (const args of [['fly'], []]) {
      const r = fvz(args);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(args.length ? /flow-visualizer: error: unknown command 'fly'/ : /flow-visualizer: error: no command given/);
      expect(r.stderr).toMatch(/hint: use flow-visualizer train, visualize or all/);
    }
    // A command's own options are fv's.
    expect(fvz(['train', '--help']).stdout).toMatch(/^Usage: fv train/);
  });

  it('all trains and draws as fv run; train then visualize do the same in two steps', () => {
    const all = path.join(dir, 'all');
    const r = fvz(['all', ...TINY_WASM, `output.dir=${all}`]);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(existsSync(path.join(all, 'models/velocity_net/model.json'))).toBe(true);
    expect(existsSync(path.join(all, 'samples/generated.csv'))).toBe(true);
    const two = path.join(dir, 'two');
    const t = fvz(['train', ...TINY_WASM, `output.dir=${two}`]);
    expect(t.status).toBe(0);
    expect(existsSync(path.join(two, 'samples/generated.csv'))).toBe(false);
    const v = fvz(['visualize', ...TINY_WASM, `output.dir=${two}`]);
    expect(v.status).toBe(0);
    expect(v.stderr).not.toMatch(STACK_LINE);
    // The same seed and settings: the same model and samples as the one-step run.
    for (const f of ['models/velocity_net/weights.bin', 'samples/generated.csv']) {
      expect([f, readFileSync(path.join(two, f)).equals(readFileSync(path.join(all, f)))]).toEqual([f, true]);
    }
  });
});
