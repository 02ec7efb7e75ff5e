/**
 * A one-node Slurm for a test file (scripts/local-slurm.sh), in its own folder and on its own ports, or the
 * reason it cannot start here. Where FV_REQUIRE_SLURM=1 (CI, which installs Slurm) a missing Slurm is an error,
 * not a skip.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, tmpDir } from './run-fv.js';

export interface LocalSlurm {
  /** SLURM_CONF and the like, for the fv under test. */
  env: Record<string, string>;
  dir: string;
  stop(): void;
}

const SCRIPT = path.join(REPO_ROOT, 'scripts/local-slurm.sh');

/** Why the local Slurm cannot run on this machine, or undefined when it can. */
export function slurmUnavailable(): string | undefined {
  if (process.platform !== 'linux') return 'Slurm runs on Linux only';
  if (process.getuid?.() !== 0) return 'scripts/local-slurm.sh starts the daemons as root, and this is not root';
  for (const t of ['/usr/sbin/slurmctld', '/usr/sbin/slurmd', '/usr/sbin/munged', '/usr/bin/sbatch']) {
    if (!existsSync(t)) return `${t} is missing (apt-get install slurm-wlm munge)`;
  }
  return undefined;
}

export function startLocalSlurm(): LocalSlurm {
  const parent = tmpDir('fv-slurm-');
  chmodSync(parent, 0o755); // munged runs as the munge user, which must reach its socket inside
  const dir = path.join(parent, 'cluster');
  // Ports of their own, so that a cluster already on this machine (or another test run) is left alone.
  const port = String(20000 + (process.pid % 20000) * 2);
  const env = { FV_SLURM_DIR: dir, FV_SLURM_PORT: port, FV_SLURM_CPUS: '2' };
  const up = spawnSync('bash', [SCRIPT, 'up'], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
  if (up.status !== 0) throw new Error(`scripts/local-slurm.sh up failed (${up.status}):\n${up.stdout}\n${up.stderr}`);
  return {
    env: { SLURM_CONF: path.join(dir, 'slurm.conf') },
    dir,
    stop: () => void spawnSync('bash', [SCRIPT, 'down'], { env: { ...process.env, ...env }, timeout: 60_000 }),
  };
}

/** The skip decision for a test file, said out loud: jest's "skipped" count alone is easy to miss. */
export function slurmSkipReason(): string | undefined {
  const why = slurmUnavailable();
  if (why && process.env.FV_REQUIRE_SLURM === '1') throw new Error(`FV_REQUIRE_SLURM=1 but the local Slurm cannot run: ${why}.`);
  if (why) process.stderr.write(`\nSKIPPED: the Slurm launcher's end-to-end tests (${why}).\n\n`);
  return why;
}
