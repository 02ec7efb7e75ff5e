/**
 * Slurm's own commands, as the launcher calls them: sbatch to submit, squeue to follow, sacct where accounting
 * exists, scancel, and scontrol/sinfo for the checks before submitting. Each is a child process (Slurm has no
 * API but these, short of slurmrestd); SLURM_CONF and the rest of the environment pass through.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { FvError } from '@flow-visualizer/core';

export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runTool(tool: string, args: string[], input?: string): Promise<ToolResult> {
  return new Promise((resolve) => {
    // Its own process group: a terminal's Ctrl-C goes to fv alone, which decides what to tell Slurm.
    const child = spawn(tool, args, { detached: true, stdio: ['pipe', 'pipe', 'pipe'], timeout: 60_000 });
    let stdout = '', stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (e) => resolve({ code: 127, stdout, stderr: stderr || e.message }));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });
}

/** The first of `tools` missing from the PATH, if any. */
export function missingTool(tools: readonly string[], envPath = process.env.PATH ?? ''): string | undefined {
  const dirs = envPath.split(path.delimiter).filter(Boolean);
  return tools.find((t) => !dirs.some((d) => {
    try {
      accessSync(path.join(d, t), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  }));
}

const firstLine = (s: string) => s.trim().split('\n').filter(Boolean).slice(-1)[0] ?? '';

/** Throws LAUNCHER_UNAVAILABLE (exit 2) when Slurm's commands are not on the PATH. */
export function requireSlurm(): void {
  const missing = missingTool(['sbatch', 'squeue', 'scancel']);
  if (missing) {
    throw new FvError('LAUNCHER_UNAVAILABLE', `'${missing}' is not on the PATH: the slurm launcher submits through Slurm's own commands (sbatch, squeue, scancel).`, {
      hint: 'Run the sweep on a machine of the cluster that can submit jobs (a login node; `module load slurm` where modules are used), or leave out --launcher slurm to run it here.',
      exitCode: 2,
    });
  }
}

/** Throws LAUNCHER_UNAVAILABLE (exit 2) when Slurm's controller does not answer (sinfo fails). */
export async function requireController(): Promise<void> {
  const r = await runTool('sinfo', ['-h', '-o', '%R']);
  if (r.code === 0) return;
  throw new FvError('LAUNCHER_UNAVAILABLE', `Slurm does not answer here: ${firstLine(r.stderr) || `sinfo exited ${r.code}`}.`, {
    hint: 'Check that sinfo works on this machine (the controller is up, SLURM_CONF names this cluster), then start the sweep again.',
    exitCode: 2,
  });
}

/** Throws LAUNCHER_UNAVAILABLE (exit 2) when the partition does not exist, naming those that do. */
export async function requirePartition(partition: string): Promise<void> {
  const r = await runTool('scontrol', ['show', 'partition', partition]);
  if (r.code === 0) return;
  const known = await runTool('sinfo', ['-h', '-o', '%R']);
  const names = [...new Set(known.stdout.split('\n').map((s) => s.trim()).filter(Boolean))];
  if (/not found/i.test(r.stderr + r.stdout) || (known.code === 0 && !names.includes(partition))) {
    throw new FvError('LAUNCHER_UNAVAILABLE', `Slurm has no partition '${partition}' (launcher_options.partition).`, {
      hint: names.length ? `Partitions here: ${names.join(', ')} (sinfo lists them). Set launcher_options.partition=<one of them>, or leave it out for the default.` : 'sinfo lists the partitions; leave launcher_options.partition out for the default one.',
      exitCode: 2,
    });
  }
  throw new FvError('LAUNCHER_UNAVAILABLE', `Slurm did not answer about partition '${partition}': ${firstLine(r.stderr) || `scontrol exited ${r.code}`}.`, {
    hint: 'Check that the cluster answers here (sinfo), then start the sweep again.',
    exitCode: 2,
  });
}

/** Submits a job script on stdin (the nodes need not see the script file); returns the job id. */
export async function sbatch(script: string): Promise<string> {
  const r = await runTool('sbatch', ['--parsable'], script);
  const id = r.stdout.trim().split(';')[0];
  if (r.code !== 0 || !/^\d+$/.test(id)) {
    const why = r.stderr.trim().split('\n').filter(Boolean).map((l) => l.replace(/^sbatch: error: /, '')).join('; ');
    throw new FvError('LAUNCHER_UNAVAILABLE', `sbatch refused the sweep's job array: ${why || `exit status ${r.code}`}.`, {
      hint: 'Check launcher_options (fv list launchers) against what the cluster allows (sinfo, scontrol show partition), or run with --dry-run to see the job script.',
      exitCode: 2,
    });
  }
  return id;
}

/** What squeue says of an array's tasks: index → state (PENDING, RUNNING, COMPLETED, CANCELLED…); undefined if it did not answer. */
export async function squeueTasks(jobId: string): Promise<Map<number, string> | undefined> {
  const r = await runTool('squeue', ['-h', '-r', '-j', jobId, '--states=all', '-o', '%K|%T']);
  if (r.code !== 0) return /invalid job id/i.test(r.stderr) ? new Map() : undefined;
  const out = new Map<number, string>();
  for (const line of r.stdout.split('\n')) {
    const [k, state] = line.trim().split('|');
    if (/^\d+$/.test(k ?? '') && state) out.set(Number(k), state);
  }
  return out;
}

/** sacct's state of each task of a job; undefined where accounting is disabled or sacct is missing. */
export async function sacctTasks(jobId: string): Promise<Map<number, string> | undefined> {
  if (missingTool(['sacct'])) return undefined;
  const r = await runTool('sacct', ['-n', '-P', '-X', '-j', jobId, '-o', 'JobID,State']);
  if (r.code !== 0) return undefined;
  const out = new Map<number, string>();
  for (const line of r.stdout.split('\n')) {
    const m = /^\d+_(\d+)\|(\S+)/.exec(line.trim());
    if (m) out.set(Number(m[1]), m[2]);
  }
  return out;
}

/** scancel of a whole job (or `job_k` for one task); resolves with scancel's complaint, if any. */
export async function scancel(target: string, extra: string[] = []): Promise<string | undefined> {
  const r = await runTool('scancel', [...extra, target]);
  return r.code === 0 ? undefined : firstLine(r.stderr) || `scancel exited ${r.code}`;
}

/** States after which a task runs no more. */
export const ENDED = new Set(['COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT', 'NODE_FAIL', 'PREEMPTED', 'OUT_OF_MEMORY', 'BOOT_FAIL', 'DEADLINE', 'SPECIAL_EXIT', 'REVOKED']);
export const LIVE = new Set(['PENDING', 'RUNNING', 'CONFIGURING', 'COMPLETING', 'SUSPENDED', 'REQUEUED', 'RESIZING', 'SIGNALING', 'STAGE_OUT', 'STOPPED', 'REQUEUE_FED', 'REQUEUE_HOLD', 'RESV_DEL_HOLD']);
