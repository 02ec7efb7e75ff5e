/**
 * The job script of a sweep: one Slurm job array, task k runs run k of the sweep with the same `fv` command line
 * and the same run.log as the local launcher. Around the run the task writes two marker files in the sweep folder
 * (started, and exit with the run's status), which is how the launcher knows that the nodes see that folder and
 * how each run ended, with or without Slurm's accounting.
 */
import path from 'node:path';
import type { LaunchBatch } from '@flow-visualizer/core';
import type { SlurmOptions } from './options.js';

/** The launcher's own files in the sweep folder. */
export function slurmLayout(sweepDir: string) {
  const dir = path.join(sweepDir, 'slurm');
  return {
    dir,
    markers: path.join(dir, 'markers'),
    /** One job id a line: the arrays this sweep submitted, last one last. */
    jobs: path.join(dir, 'jobs.txt'),
    script: (jobId: string) => path.join(dir, `job-${jobId}.sh`),
    /** Slurm's own output of a task (the run's goes to its run.log). */
    taskOut: (jobId: string, k: number) => path.join(dir, `${jobId}_${k}.out`),
    started: (jobId: string, k: number) => path.join(dir, 'markers', `${jobId}_${k}.started`),
    exit: (jobId: string, k: number) => path.join(dir, 'markers', `${jobId}_${k}.exit`),
  };
}

/** Quotes a word for sh. */
export const shq = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** Slurm's array index list, ranges folded: [0,1,2,5,7,8] → "0-2,5,7-8". */
export function arrayRanges(indexes: readonly number[]): string {
  const xs = [...indexes].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < xs.length; ) {
    let j = i;
    while (j + 1 < xs.length && xs[j + 1] === xs[j] + 1) j++;
    parts.push(j === i ? String(xs[i]) : `${xs[i]}-${xs[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

export interface ScriptTools {
  /** The node binary the tasks run. */
  node: string;
  /** packages/cli/bin/fv.js. */
  fvScript: string;
}

export function jobScript(batch: LaunchBatch, opts: SlurmOptions, tools: ScriptTools): string {
  const layout = slurmLayout(batch.sweepDir);
  const parallel = batch.parallel ?? opts.array_parallelism;
  const cwds = new Set(batch.specs.map((s) => s.cwd));
  const sbatch = [
    `--job-name=${batch.name}`,
    `--array=${arrayRanges(batch.specs.map((s) => s.index))}${parallel ? `%${parallel}` : ''}`,
    `--output=${path.join(layout.dir, '%A_%a.out')}`,
    `--cpus-per-task=${opts.cpus_per_task}`,
    ...(opts.partition ? [`--partition=${opts.partition}`] : []),
    ...(opts.time ? [`--time=${opts.time}`] : []),
    ...(opts.mem ? [`--mem=${opts.mem}`] : []),
    ...opts.sbatch.map((l) => l.replace(/^#SBATCH\s+/, '').trim()),
  ];
  const cases = batch.specs.map((s) => {
    const cd = cwds.size > 1 ? `cd ${shq(s.cwd)} || exit 3; ` : '';
    return `  ${s.index}) ${cd}log=${shq(s.logFile)}; set -- ${s.argv.map(shq).join(' ')} ;;`;
  });
  return [
    '#!/bin/bash',
    `# ${batch.specs.length} run${batch.specs.length === 1 ? '' : 's'} of an fv sweep, one array task each (written by fv run -m --launcher slurm).`,
    ...sbatch.map((l) => `#SBATCH ${l}`),
    '',
    'export FORCE_COLOR=0',
    ...opts.setup,
    `marks=${shq(layout.markers)}`,
    '# fv made this folder before submitting and reads back what the task writes there: the nodes must see it.',
    'if [ ! -d "$marks" ]; then',
    `  echo "fv: error: the sweep folder ${batch.sweepDir.replace(/["$`\\]/g, '\\$&')} is not visible on $(hostname): put output.dir on a file system the nodes share." >&2`,
    '  exit 3',
    'fi',
    ...(cwds.size === 1 ? [`cd ${shq([...cwds][0])} || exit 3`] : []),
    'case "$SLURM_ARRAY_TASK_ID" in',
    ...cases,
    '  *) echo "fv: error: this sweep has no run $SLURM_ARRAY_TASK_ID" >&2; exit 3 ;;',
    'esac',
    'mark="$marks/${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}"',
    'echo "$(hostname) $(date +%s)" > "$mark.started"',
    `${shq(tools.node)} ${shq(tools.fvScript)} "$@" > "$log" 2>&1 &`,
    'run=$!',
    '# scancel and time limits signal every process of the task: fv finishes its epoch and writes a checkpoint',
    '# on its own; this shell only waits for it, then records how it ended.',
    "trap 'true' TERM INT",
    'wait "$run"; code=$?',
    'while kill -0 "$run" 2>/dev/null; do wait "$run"; code=$?; done',
    'echo "$code" > "$mark.exit.tmp" && mv "$mark.exit.tmp" "$mark.exit"',
    'exit "$code"',
    '',
  ].join('\n');
}
