/**
 * Runs a sweep's launches at most `jobs` at a time. A failed run is recorded and the others go on; once `stop`
 * aborts, no new run starts and the running ones are asked to stop cleanly (they leave their checkpoints).
 */
import type { LaunchOutcome, LaunchSpec, Launcher } from '@flow-visualizer/core';

export interface ScheduleOptions {
  jobs: number;
  /** Ctrl-C: stop cleanly. */
  stop: AbortSignal;
  /** Ctrl-C again: stop at once. */
  force: AbortSignal;
  onStart?(spec: LaunchSpec): void;
  onEnd?(spec: LaunchSpec, outcome: LaunchOutcome): void | Promise<void>;
  /** How often the sweep's total memory is sampled, ms. */
  pollMs?: number;
}

export interface ScheduleResult {
  outcomes: Map<number, LaunchOutcome>;
  /** Indexes never started (stopped before their turn). */
  notStarted: number[];
  seconds: number;
  /** Most memory held by the runs in flight at one time, MB (when the launcher can tell). */
  peakRssMb?: number;
}

export async function schedule(specs: readonly LaunchSpec[], launcher: Launcher, opts: ScheduleOptions): Promise<ScheduleResult> {
  const t0 = performance.now();
  const outcomes = new Map<number, LaunchOutcome>();
  const queue = [...specs];
  let peak = 0;
  const poll = launcher.currentRssMb ? setInterval(() => (peak = Math.max(peak, launcher.currentRssMb!())), opts.pollMs ?? 250) : undefined;
  const worker = async () => {
    for (let spec = queue.shift(); spec && !opts.stop.aborted; spec = queue.shift()) {
      opts.onStart?.(spec);
      const outcome = await launcher.launch(spec, opts.stop, opts.force);
      outcomes.set(spec.index, outcome);
      await opts.onEnd?.(spec, outcome);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.jobs, specs.length)) }, worker));
  } finally {
    if (poll) clearInterval(poll);
  }
  return {
    outcomes,
    notStarted: specs.filter((s) => !outcomes.has(s.index)).map((s) => s.index),
    seconds: (performance.now() - t0) / 1000,
    peakRssMb: peak || undefined,
  };
}
