/**
 * How many runs of a sweep go at once when --jobs is not given: as many as the cores allow for the backend's
 * threads per run, and the free memory for its footprint per run, and no more than there are runs. The reason is
 * printed, so that a user knows what to change.
 */
export interface JobsInput {
  runs: number;
  cores: number;
  freeMemMb: number;
  /** The backend the runs train on, with what its plugin declares (capabilities.threads and memoryMb). */
  backend: { id: string; threads?: number | 'all'; memoryMb?: number };
}

export function chooseJobs(input: JobsInput): { jobs: number; reason: string } {
  const b = input.backend;
  const declared = b.threads ?? 1;
  const threads = Math.max(1, declared === 'all' ? input.cores : Math.min(declared, input.cores));
  const note = declared === 'all' ? `${b.id} uses every core` : `${b.id} trains on ${declared} thread${declared === 1 ? '' : 's'}${b.threads === undefined ? ', assumed: its plugin declares none' : ''}`;
  const f = { memMb: b.memoryMb ?? 500, note };
  const byCores = Math.max(1, Math.floor(input.cores / threads));
  const byMemory = Math.max(1, Math.floor((input.freeMemMb * 0.8) / f.memMb));
  const jobs = Math.max(1, Math.min(input.runs, byCores, byMemory));
  const limits = [
    `${input.cores} core${input.cores === 1 ? '' : 's'} / ${threads} thread${threads === 1 ? '' : 's'} per run (${f.note}) = ${byCores}`,
    `${(input.freeMemMb / 1024).toFixed(1)} GiB free memory × 0.8 / ~${f.memMb} MB per run = ${byMemory}`,
    `${input.runs} run${input.runs === 1 ? '' : 's'}`,
  ];
  return { jobs, reason: `the least of: ${limits.join('; ')}` };
}
