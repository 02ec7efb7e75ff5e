import { builtinBackendPlugins } from '@flow-visualizer/backends';
import { chooseJobs } from './jobs.js';

describe('default --jobs', () => {
  it.each([
    [{ runs: 12, cores: 2, freeMemMb: 20000, backend: { id: 'native', threads: 2, memoryMb: 600 } }, 1, /2 cores \/ 2 threads per run \(native trains on 2 threads\) = 1/],
    [{ runs: 12, cores: 16, freeMemMb: 2000, backend: { id: 'native', threads: 2, memoryMb: 600 } }, 2, /2\.0 GiB free memory × 0\.8 \/ ~600 MB per run = 2/],
    [{ runs: 3, cores: 16, freeMemMb: 64000, backend: { id: 'native', threads: 2, memoryMb: 600 } }, 3, /3 runs/],
    [{ runs: 12, cores: 8, freeMemMb: 64000, backend: { id: 'wasm', threads: 2, memoryMb: 700 } }, 4, /8 cores \/ 2 threads per run/],
    [{ runs: 12, cores: 8, freeMemMb: 64000, backend: { id: 'node', threads: 'all' as const, memoryMb: 800 } }, 1, /node uses every core/],
    [{ runs: 12, cores: 8, freeMemMb: 64000, backend: { id: 'mine' } }, 8, /mine trains on 1 thread, assumed: its plugin declares none/],
    [{ runs: 12, cores: 1, freeMemMb: 100, backend: { id: 'native', threads: 2, memoryMb: 600 } }, 1, /1 core \/ 1 thread per run/],
  ])('%j', (input, jobs, reason) => {
    const c = chooseJobs(input);
    expect(c.jobs).toBe(jobs);
    expect(c.reason).toMatch(reason);
  });

  it('takes threads and memory from what each built-in backend plugin declares', () => {
    for (const p of builtinBackendPlugins()) {
      const declared = (p.capabilities ?? {}) as { threads?: number | 'all'; memoryMb?: number };
      expect(declared.threads).toBeDefined();
      expect(declared.memoryMb).toBeGreaterThan(0);
      const c = chooseJobs({ runs: 64, cores: 64, freeMemMb: 1e6, backend: { id: p.id, ...declared } });
      expect(c.jobs).toBe(declared.threads === 'all' ? 1 : Math.floor(64 / (declared.threads as number)));
    }
  });
});
