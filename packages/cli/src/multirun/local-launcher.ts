/**
 * The `local` launcher: each run is an `fv` child process on this machine, exactly the command a user would type
 * for a single run, its console output in the run's log file. Children get their own process group, so that a
 * terminal's Ctrl-C reaches only the sweep, which then asks each child once to stop cleanly (a second Ctrl-C
 * reaching a child directly would make it quit without its checkpoint).
 */
import { PARENT_ENV } from './parent-watch.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { definePlugin, type LaunchOutcome, type LaunchSpec, type Launcher } from '@flow-visualizer/core';

/** packages/cli/bin/fv.js, from dist/multirun/ or src/multirun/. */
export const FV_SCRIPT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/fv.js');

/** Resident memory (VmRSS) and its peak (VmHWM) of a live process, MB; undefined where /proc is missing. */
function procMemory(pid: number): { rss: number; hwm: number } | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(s)?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

/** The `fv: error:` line and its hint from a run's log: what the user needs to see of a failure. */
export function errorFromLog(logFile: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(logFile, 'utf8');
  } catch {
    return undefined;
  }
  const lines = text.split('\n');
  const at = lines.findIndex((l) => /^fv: (unexpected )?error:/.test(l));
  if (at < 0) return lines.filter((l) => l.trim()).slice(-2).join(' ').slice(0, 500) || undefined;
  return lines.slice(at, at + 3).filter((l) => /^fv: |^\s+hint: /.test(l)).map((l) => l.trim()).join(' ');
}

/** Detached children outlive their parent: if the sweep itself dies (an uncaught error), they are stopped too. */
const running = new Set<ChildProcess>();
let exitHook = false;
function stopOrphansOnExit(): void {
  if (exitHook) return;
  exitHook = true;
  process.on('exit', () => {
    for (const c of running) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  });
}

export function localLauncher(opts: { script?: string; pollMs?: number } = {}): Launcher {
  const live = new Map<number, number>();
  const script = opts.script ?? FV_SCRIPT;
  return {
    id: 'local',
    currentRssMb: () => [...live.values()].reduce((a, b) => a + b, 0),
    launch(spec: LaunchSpec, signal: AbortSignal, force: AbortSignal): Promise<LaunchOutcome> {
      mkdirSync(path.dirname(spec.logFile), { recursive: true });
      const log = openSync(spec.logFile, 'w');
      const t0 = performance.now();
      const child = spawn(process.execPath, [script, ...spec.argv], {
        cwd: spec.cwd,
        detached: true,
        stdio: ['ignore', log, log],
        env: { ...process.env, FORCE_COLOR: '0', [PARENT_ENV]: String(process.pid) },
      });
      closeSync(log);
      running.add(child);
      stopOrphansOnExit();
      let peak = 0;
      const poll = setInterval(() => {
        const m = child.pid ? procMemory(child.pid) : undefined;
        // An exited process not yet reaped (a zombie) has no Vm lines: NaN, which must not reach the peak.
        if (m && child.pid && Number.isFinite(m.rss) && Number.isFinite(m.hwm)) {
          peak = Math.max(peak, m.hwm || m.rss);
          live.set(child.pid, m.rss);
        }
      }, opts.pollMs ?? 200);
      const stop = (sig: NodeJS.Signals) => () => {
        if (child.exitCode === null && child.signalCode === null) child.kill(sig);
      };
      const onAbort = stop('SIGINT');
      const onForce = () => {
        // fv quits at once on a second SIGINT.
        stop('SIGINT')();
        setTimeout(stop('SIGINT'), 50);
      };
      signal.addEventListener('abort', onAbort);
      force.addEventListener('abort', onForce);
      if (signal.aborted) onAbort();
      return new Promise((resolve) => {
        let done = false;
        const finish = (code: number | null, error?: string) => {
          if (done) return;
          done = true;
          clearInterval(poll);
          running.delete(child);
          if (child.pid) live.delete(child.pid);
          signal.removeEventListener('abort', onAbort);
          force.removeEventListener('abort', onForce);
          const seconds = (performance.now() - t0) / 1000;
          const status = code === 0 ? 'completed' : code === 130 || (code === null && signal.aborted) ? 'interrupted' : 'failed';
          resolve({
            status,
            exitCode: code,
            seconds,
            peakRssMb: peak || undefined,
            error: status === 'failed' ? (error ?? errorFromLog(spec.logFile) ?? `exit status ${code}`) : undefined,
          });
        };
        child.on('error', (e) => finish(null, `could not start fv: ${e.message}`));
        child.on('exit', (code, sig) => finish(code ?? (sig ? null : 1), sig && !signal.aborted ? `killed by ${sig}` : undefined));
      });
    },
  };
}

/** `--launcher local` (the default): runs as child processes of this machine. */
export const localLauncherPlugin = () =>
  definePlugin({
    name: 'fv:launcher-local',
    kind: 'launcher',
    id: 'local',
    description: 'Runs each run of a sweep as an fv child process on this machine (--jobs at a time).',
    create: () => localLauncher(),
  });
