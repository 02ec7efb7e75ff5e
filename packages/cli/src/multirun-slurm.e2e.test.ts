/**
 * `fv run -m --launcher slurm` against a real Slurm: a one-node cluster started by scripts/local-slurm.sh
 * (Debian's slurm-wlm and munge) for this file. The same tiny sweep runs through Slurm and through the local
 * launcher and must give the same figures. Without root or without Slurm installed, these tests are skipped and
 * say so on stderr; under CI (FV_REQUIRE_SLURM=1) that is an error instead.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { FV_BIN, REPO_ROOT, STACK_LINE, runFv, tmpDir } from './test-utils/run-fv.js';
import { slurmSkipReason, startLocalSlurm, type LocalSlurm } from './test-utils/local-slurm.js';

const TINY = [
  '--config', 'configs/quick.yaml', 'data.n_samples=600', 'training.n_epochs=2', 'training.device=native',
  'visualization.n_metric_samples=600', 'visualization.n_generated=300', 'visualization.renderers=[report]', 'visualization.n_sampling_steps=10',
];
/** Poll squeue often: the runs take seconds here, not hours. */
const FAST = ['--launcher', 'slurm', 'launcher_options.poll_seconds=0.3'];
const json = (f: string) => JSON.parse(readFileSync(f, 'utf8'));
/** summary.csv without the columns that differ between any two sweeps (times and memory). */
const figures = (file: string) => {
  const [head, ...rows] = readFileSync(file, 'utf8').trim().split('\n').map((l) => l.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((f) => f.replace(/,$/, '')));
  const keep = head.map((h, i) => (/seconds|peak_rss/.test(h) ? -1 : i)).filter((i) => i >= 0);
  return [head, ...rows].map((r) => keep.map((i) => r[i]));
};

const skip = slurmSkipReason();
const withSlurm = skip ? describe.skip : describe;

withSlurm('fv run -m --launcher slurm on a one-node Slurm', () => {
  let slurm: LocalSlurm;
  let startSeconds = 0;
  beforeAll(() => {
    const t0 = performance.now();
    slurm = startLocalSlurm();
    startSeconds = (performance.now() - t0) / 1000;
  }, 120_000);
  afterAll(() => slurm?.stop());
  const fv = (args: string[], env: Record<string, string> = {}) => runFv(args, { env: { ...slurm.env, ...env }, timeoutMs: 300_000 });
  const squeueEmpty = () => spawnSync('squeue', ['-h'], { encoding: 'utf8', env: { ...process.env, ...slurm.env } }).stdout.trim() === '';
  /** Slurm takes a moment to clear a job whose tasks have ended (COMPLETING): wait for that, 30 s at most. */
  const queueEmpties = async () => {
    for (let i = 0; i < 100 && !squeueEmpty(); i++) await new Promise((res) => setTimeout(res, 300));
    return squeueEmpty();
  };

  it('a 2×2 sweep through a job array gives the summary.csv figures of the local launcher', async () => {
    const dir = tmpDir('fv-slurm-sweep-');
    const sweep = ['run', '-m', ...TINY, 'model.hidden_dims=[8],[16,16]', 'training.seed=1,2', '--jobs', '2'];
    const t0 = performance.now();
    const s = fv([...sweep, ...FAST, `output.dir=${dir}/slurm`]);
    const slurmSeconds = (performance.now() - t0) / 1000;
    expect(s.stderr).toBe('');
    expect(s.status).toBe(0);
    const job = /Submitted 4 run\(s\) to Slurm as job array (\d+)/.exec(s.stdout)?.[1];
    expect(job).toBeDefined();
    expect(s.stdout.match(/^ {2}\[\d\/4\] #\d completed in/gm)).toHaveLength(4);
    const script = readFileSync(path.join(dir, `slurm/multirun/slurm/job-${job}.sh`), 'utf8');
    expect(script).toContain('#SBATCH --array=0-3%2');
    for (const k of [0, 1, 2, 3]) {
      expect(readFileSync(path.join(dir, `slurm/multirun/slurm/markers/${job}_${k}.exit`), 'utf8').trim()).toBe('0');
      expect(readFileSync(path.join(dir, `slurm/multirun/${k}/run.log`), 'utf8')).toMatch(/Open the report/);
    }
    expect(await queueEmpties()).toBe(true);

    const t1 = performance.now();
    const l = fv([...sweep, `output.dir=${dir}/local`]);
    const localSeconds = (performance.now() - t1) / 1000;
    expect(l.status).toBe(0);
    // Figures, not limits (a shared machine): printed for the README's note.
    console.log(`local Slurm: cluster up in ${startSeconds.toFixed(1)} s; 4-run sweep (%2) ${slurmSeconds.toFixed(1)} s through Slurm, ${localSeconds.toFixed(1)} s with --jobs 2 locally`);
    const a = figures(path.join(dir, 'slurm/multirun/summary.csv')), b = figures(path.join(dir, 'local/multirun/summary.csv'));
    expect(a[0]).toEqual(expect.arrayContaining(['model.hidden_dims', 'sliced_w1', 'energy_distance', 'final_loss', 'status']));
    expect(a).toHaveLength(5);
    expect(a).toEqual(b);
    expect(json(path.join(dir, 'slurm/multirun/0/metrics.json')).loss_history).toEqual(json(path.join(dir, 'local/multirun/0/metrics.json')).loss_history);
  });

  it('a task cancelled by scancel is reported with its log tail, and --resume finishes it from its checkpoint', async () => {
    const out = path.join(tmpDir('fv-slurm-cancel-'), 's');
    const root = path.join(out, 'multirun');
    // Run #0 is over in 2 epochs; run #1 trains long enough to be cancelled while it runs.
    const args = ['run', '-m', ...TINY.filter((a) => !a.startsWith('training.n_epochs=')), `output.dir=${out}`, 'training.n_epochs=2,150', 'training.log_interval=1', ...FAST];
    const first = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [FV_BIN, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...slurm.env, FORCE_COLOR: '0' } });
      let stdout = '', stderr = '', sent = false;
      const poll = setInterval(() => {
        const log = path.join(root, '1/run.log');
        const job = /job array (\d+)/.exec(stdout)?.[1];
        if (!sent && job && existsSync(log) && /^epoch ([5-9]|\d\d+)\/150/m.test(readFileSync(log, 'utf8'))) {
          sent = true;
          spawnSync('scancel', [`${job}_1`], { env: { ...process.env, ...slurm.env } });
        }
      }, 100);
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (status) => {
        clearInterval(poll);
        resolve({ status, stdout, stderr });
      });
    });
    expect(first.status).toBe(1);
    expect(first.stderr).toMatch(/fv: error: 1 of 2 runs failed: #1 \(training.n_epochs=150\): (stopped|killed) by Slurm \(CANCELLED: scancel\).* run.log ends: .*Training stopped at epoch \d+ of 150/);
    expect(first.stderr).toMatch(/hint: .* --launcher slurm --resume/);
    expect(first.stderr).not.toMatch(STACK_LINE);
    expect(json(path.join(root, 'sweep.json')).runs.map((r: { status: string }) => r.status)).toEqual(['completed', 'failed']);
    const ckpt = json(path.join(root, '1/models/checkpoint/training_state.json'));
    expect(ckpt.epochsDone).toBeGreaterThanOrEqual(5);
    expect(ckpt.epochsDone).toBeLessThan(150);

    const resumed = fv([...args, '--resume']);
    expect(resumed.stderr).toBe('');
    expect(resumed.status).toBe(0);
    expect(resumed.stdout).toMatch(/Resuming: 1 run\(s\) completed before are kept; 1 to go/);
    expect(resumed.stdout).toMatch(/Submitted 1 run\(s\) to Slurm/);
    expect(resumed.stdout).not.toMatch(/start #0/);
    expect(readFileSync(path.join(root, '1/run.log'), 'utf8')).toContain(`Resuming from the checkpoint at epoch ${ckpt.epochsDone}`);
    expect(json(path.join(root, '1/metrics.json')).loss_history).toHaveLength(150);
    expect(json(path.join(root, 'summary.json')).runs.map((r: { status: string }) => r.status)).toEqual(['completed', 'completed']);
  }, 300_000);

  /** Starts a sweep, sends Ctrl-C (SIGINT) once run #1 has trained a few epochs, and waits for fv to end. */
  const interrupted = (args: string[], root: string) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [FV_BIN, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...slurm.env, FORCE_COLOR: '0' } });
      let stdout = '', stderr = '', sent = false;
      const poll = setInterval(() => {
        const log = path.join(root, '1/run.log');
        if (!sent && existsSync(log) && /^epoch ([3-9]|\d\d+)\/\d+/m.test(readFileSync(log, 'utf8'))) {
          sent = true;
          child.kill('SIGINT');
        }
      }, 100);
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (status) => {
        clearInterval(poll);
        resolve({ status, stdout, stderr });
      });
    });
  const longSweep = (out: string, epochs: number) => ['run', '-m', ...TINY.filter((a) => !a.startsWith('training.n_epochs=')), `output.dir=${out}`, `training.n_epochs=2,${epochs}`, 'training.log_interval=1', ...FAST];

  it('Ctrl-C without a terminal to ask on cancels the array: the running run writes its checkpoint, --resume finishes it', async () => {
    const out = path.join(tmpDir('fv-slurm-int-'), 's');
    const root = path.join(out, 'multirun');
    const args = longSweep(out, 150);
    const r = await interrupted(args, root);
    // Run #0 may have completed or been stopped too, depending on how fast this machine is.
    expect(r.stdout).toMatch(/No terminal to ask on: cancelling/);
    expect(r.stdout).toMatch(/Cancelling Slurm job \d+ \(scancel \d+\): [12] running run\(s\) write their checkpoints, 0 queued one\(s\) are dropped; --resume finishes them/);
    expect(r.status).toBe(130);
    expect(r.stderr).toMatch(/Sweep stopped: [01] of 2 runs completed, [12] left .*\n\s+hint: Finish it with: fv run -m .* --launcher slurm --resume/);
    expect(r.stdout).toMatch(/Nothing of Slurm job \d+ is left running/);
    expect(await queueEmpties()).toBe(true);
    const ckpt = json(path.join(root, '1/models/checkpoint/training_state.json'));
    expect(ckpt.epochsDone).toBeLessThan(150);
    const resumed = fv([...args, '--resume']);
    // Status and stderr together: a failed run's stderr says why (its run.log's last lines).
    expect({ status: resumed.status, stderr: resumed.stderr }).toEqual({ status: 0, stderr: '' });
    expect(readFileSync(path.join(root, '1/run.log'), 'utf8')).toContain(`Resuming from the checkpoint at epoch ${ckpt.epochsDone}`);
  }, 300_000);

  it('Ctrl-C with on_interrupt=leave says what it left running; --resume refuses while it runs, then keeps what it finished', async () => {
    const out = path.join(tmpDir('fv-slurm-leave-'), 's');
    const root = path.join(out, 'multirun');
    const args = [...longSweep(out, 60), 'launcher_options.on_interrupt=leave'];
    const r = await interrupted(args, root);
    const job = /job array (\d+)/.exec(r.stdout)?.[1];
    expect(r.stdout).toMatch(new RegExp(`Left running on Slurm: job ${job}, [12] run\\(s\\) running and 0 queued \\(squeue -j ${job} follows them, scancel ${job} stops them\\)`));
    expect(r.status).toBe(130);
    const early = fv([...args, '--resume']);
    expect(early.status).toBe(2);
    expect(early.stderr).toMatch(new RegExp(`fv: error: Slurm job ${job} of this sweep is still there \\([12] running, 0 queued\\).*\n\\s+hint: Wait until it ends \\(squeue -j ${job}\\)`));
    while (!(await queueEmpties()));
    const later = fv([...args, '--resume']);
    expect(later.stderr).toBe('');
    expect(later.status).toBe(0);
    expect(later.stdout).toMatch(new RegExp(`#1 completed in job ${job} after the sweep stopped following it: kept`));
    expect(later.stdout).not.toMatch(/Submitted/);
    expect(json(path.join(root, '1/metrics.json')).loss_history).toHaveLength(60);
  }, 300_000);

  it('a partition Slurm does not have: exit 2 naming the ones it has; nothing written', () => {
    const out = path.join(tmpDir('fv-slurm-part-'), 's');
    const r = fv(['run', '-m', ...TINY, `output.dir=${out}`, 'training.seed=1,2', ...FAST, 'launcher_options.partition=nosuch']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/fv: error: Slurm has no partition 'nosuch' \(launcher_options.partition\)\.\n\s+hint: Partitions here: debug/);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(existsSync(out)).toBe(false);
  });

  it('a sweep folder the nodes cannot see (here: a tmpfs in fv\'s own mount namespace): exit 2 saying so', async () => {
    const base = tmpDir('fv-slurm-private-');
    const ns = spawnSync('unshare', ['--mount', '--propagation', 'private', 'true']);
    if (ns.status !== 0) {
      process.stderr.write(`\nSKIPPED: the unshared-folder check needs 'unshare --mount' (${ns.stderr?.toString().trim() || 'not permitted'}).\n`);
      return;
    }
    const cmd = [process.execPath, FV_BIN, 'run', '-m', ...TINY, `output.dir=${base}/s`, 'training.seed=1,2', ...FAST, 'launcher_options.marker_timeout=2'];
    const q = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;
    const r = spawnSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', `mount -t tmpfs fvprivate ${q(base)} && exec ${cmd.map(q).join(' ')}`], {
      cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, ...slurm.env, FORCE_COLOR: '0' }, timeout: 120_000,
    });
    expect(r.stderr).toMatch(/fv: error: The compute nodes do not see the sweep folder .*\/s\/multirun: Slurm ran a task of job \d+, but the marker it writes there never appeared/);
    expect(r.stderr).toMatch(/hint: Set output.dir to a folder on a file system shared by this machine and the nodes/);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.status).toBe(2);
    expect(readdirSync(base)).toEqual([]);
    expect(await queueEmpties()).toBe(true);
  });
});

describe('fv run -m --launcher slurm without a cluster', () => {
  /** A PATH with no Slurm on it (fv itself needs none: node runs it by its full path). */
  const noSlurm = () => {
    const d = tmpDir('fv-nopath-');
    mkdirSync(path.join(d, 'bin'));
    return { PATH: path.join(d, 'bin') };
  };

  it('no sbatch on the PATH: exit 2 saying where to run it; nothing written', () => {
    const out = path.join(tmpDir('fv-slurm-nosbatch-'), 's');
    const r = runFv(['run', '-m', ...TINY, `output.dir=${out}`, 'training.seed=1,2', '--launcher', 'slurm'], { env: noSlurm() });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/fv: error: 'sbatch' is not on the PATH: the slurm launcher submits through Slurm's own commands.*\n\s+hint: Run the sweep on a machine of the cluster that can submit jobs/);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(existsSync(out)).toBe(false);
  });

  it('--dry-run prints the job script and calls no Slurm tool', () => {
    const out = path.join(tmpDir('fv-slurm-dry-'), 's');
    const r = runFv(['run', '-m', ...TINY, `output.dir=${out}`, 'training.seed=range(1,5)', '--launcher', 'slurm', '--jobs', '2', '--dry-run',
      'launcher_options.partition=gpu', 'launcher_options.time=00:10:00', 'launcher_options.sbatch=[--account=proj1]'], { env: noSlurm() });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^#!\/bin\/bash$/m);
    for (const l of ['--array=0-3%2', '--partition=gpu', '--time=00:10:00', '--account=proj1', `--output=${out}/multirun/slurm/%A_%a.out`]) expect(r.stdout).toContain(`#SBATCH ${l}\n`);
    expect(r.stdout).toMatch(/^ {2}3\) log=\S+\/multirun\/3\/run.log; set -- run --config configs\/quick.yaml .* training.seed=4 output.dir=\S+\/multirun\/3 ;;$/m);
    expect(r.stdout).toMatch(/Dry run: nothing started/);
    expect(existsSync(out)).toBe(false);
  });

  it('launcher options are checked by the launcher\'s schema; fv list launchers names it with them', () => {
    const out = path.join(tmpDir('fv-slurm-opts-'), 's');
    const r = runFv(['run', '-m', ...TINY, `output.dir=${out}`, 'training.seed=1,2', '--launcher', 'slurm', '--dry-run', 'launcher_options.time=soon', 'launcher_options.partiton=x']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/launcher_options/);
    expect(r.stderr).not.toMatch(STACK_LINE);
    const list = runFv(['list', 'launchers']);
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/^ {2}slurm +Submits the sweep to Slurm as one job array/m);
    expect(list.stdout).toMatch(/^ {6}partition \(string\): /m);
    expect(list.stdout).toMatch(/^ {6}on_interrupt \("ask" \| "cancel" \| "leave", default "ask"\)/m);
  });
});
