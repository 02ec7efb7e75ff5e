/**
 * How many runs of a sweep go at once when --jobs is not given: as many as the cores allow for the backend's
 * threads per run, and the free memory for its footprint per run, and no more than there are runs. The reason is
 * printed, so that a user knows what to change.
 */
export interface JobsInput {
  runs: number;
  cores: number;
  freeMemMb: number;
  /** The backend the runs train on (its id: native, wasm, cpu, node, gpu). */
  backend: string;
}

/** Threads one training keeps busy, and resident memory of one run with its pictures (native: 430–500 MB peak measured on a small run, rounded up). */
const FOOTPRINT: Record<string, { threads: (cores: number) => number; memMb: number; note: string }> = {
  native: { threads: () => 1, memMb: 600, note: 'native trains on 1 thread' },
  cpu: { threads: () => 1, memMb: 700, note: 'cpu trains on 1 thread' },
  wasm: { threads: (c) => Math.min(2, c), memMb: 700, note: 'wasm trains on 2 threads' },
  node: { threads: (c) => c, memMb: 800, note: 'tfjs-node uses every core' },
  gpu: { threads: (c) => c, memMb: 1500, note: 'one GPU: runs share it best one at a time' },
};

export function chooseJobs(input: JobsInput): { jobs: number; reason: string } {
  const f = FOOTPRINT[input.backend] ?? { threads: () => 1, memMb: 500, note: `${input.backend} assumed to train on 1 thread` };
  const threads = Math.max(1, f.threads(input.cores));
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
