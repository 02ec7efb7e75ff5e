import { chooseJobs } from './jobs.js';

describe('default --jobs', () => {
  it.each([
    [{ runs: 12, cores: 2, freeMemMb: 20000, backend: 'native' }, 2, /2 cores \/ 1 thread per run .* = 2/],
    [{ runs: 12, cores: 16, freeMemMb: 2000, backend: 'native' }, 2, /2\.0 GiB free memory × 0\.8 \/ ~600 MB per run = 2/],
    [{ runs: 3, cores: 16, freeMemMb: 64000, backend: 'native' }, 3, /3 runs/],
    [{ runs: 12, cores: 8, freeMemMb: 64000, backend: 'wasm' }, 4, /8 cores \/ 2 threads per run/],
    [{ runs: 12, cores: 8, freeMemMb: 64000, backend: 'node' }, 1, /tfjs-node uses every core/],
    [{ runs: 12, cores: 8, freeMemMb: 64000, backend: 'gpu' }, 1, /one GPU/],
    [{ runs: 12, cores: 1, freeMemMb: 100, backend: 'native' }, 1, /= 1/],
  ])('%j', (input, jobs, reason) => {
    const c = chooseJobs(input);
    expect(c.jobs).toBe(jobs);
    expect(c.reason).toMatch(reason);
  });
});
