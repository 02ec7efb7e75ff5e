/**
 * Where the runs of a sweep execute. `local` (built into the cli) starts each run as an `fv` child process on
 * this machine; a launcher plugin could hand the same argument lists to a cluster scheduler instead. Every run
 * writes a self-contained folder, so runs made anywhere can be gathered and summarised with `fv compare`.
 */

/** One run to start: an `fv` command line (without node and the script) that writes into `outDir`. */
export interface LaunchSpec {
  /** 0-based index of the run in its sweep. */
  index: number;
  /** Arguments to `fv`, e.g. ['run', '--config', 'configs/trex.yaml', 'training.seed=1', 'output.dir=…/multirun/0']. */
  argv: string[];
  /** The run's output folder (output.dir of its config). */
  outDir: string;
  /** Where the run's console output goes. */
  logFile: string;
  /** Working directory the command line's relative paths are relative to. */
  cwd: string;
}

/** How a run ended. `interrupted`: stopped on request, leaving its checkpoint (fv's exit status 130). */
export interface LaunchOutcome {
  status: 'completed' | 'failed' | 'interrupted';
  exitCode: number | null;
  seconds: number;
  /** Peak resident memory of the run, MB, when the launcher can tell. */
  peakRssMb?: number;
  /** The run's own error message (its `fv: error:` lines) when it failed. */
  error?: string;
}

export interface Launcher {
  readonly id: string;
  /**
   * Runs one spec to its end. When `signal` aborts, the run is asked to stop cleanly (Ctrl-C: finish the epoch,
   * write a checkpoint); a second abort request (`force`) stops it at once.
   */
  launch(spec: LaunchSpec, signal: AbortSignal, force: AbortSignal): Promise<LaunchOutcome>;
  /** Resident memory of every run in flight, MB (for the sweep's peak), when the launcher can tell. */
  currentRssMb?(): number;
  /**
   * A launcher that hands a scheduler the whole sweep at once (a Slurm job array) has these three; the sweep then
   * calls them instead of `launch`, which remains for single runs.
   */
  batch?: BatchLauncher;
}

/** The runs of a sweep handed over together, and the sweep's folder, where the launcher may keep its own files. */
export interface LaunchBatch {
  specs: LaunchSpec[];
  /** <output.dir>/multirun: holds the run folders; the launcher's files go in a subfolder it names. */
  sweepDir: string;
  /** Runs at once, when the user set it (--jobs); else the launcher's own default. */
  parallel?: number;
  /** A short name for the scheduler's queue listing. */
  name: string;
}

/** What a batch launcher reports while it follows its runs. */
export interface BatchEvents {
  onStart?(spec: LaunchSpec): void;
  onEnd(spec: LaunchSpec, outcome: LaunchOutcome): void | Promise<void>;
  log(message: string): void;
}

export interface BatchLauncher {
  /** What would be submitted (the job script), for `--dry-run`: no scheduler tool is called. */
  describe(batch: LaunchBatch): string;
  /**
   * Checks, before the sweep writes anything, that these runs can be submitted here (the scheduler's tools are on
   * the PATH, the queue exists, nothing of this sweep is still running); throws an FvError (exit 2) saying why not.
   */
  check(batch: LaunchBatch): Promise<void>;
  /**
   * Submits the runs and follows them to their ends, calling `onEnd` once per run. `signal` aborts on Ctrl-C: the
   * launcher decides (or asks) whether to cancel what it submitted, says what it leaves running, and returns.
   */
  run(batch: LaunchBatch, events: BatchEvents, signal: AbortSignal, force: AbortSignal): Promise<void>;
}

export const LAUNCHER = Symbol.for('fv.Launcher');
