/**
 * The contract every ProbabilityPath keeps, as a Jest suite: it starts at the noise (t=0) and ends at the data
 * (t=1), its velocity is the time derivative of its position, each pair uses its own time, and its inputs are left
 * untouched. Run it from a test file: `describePathContract('linear', () => linearPath())`.
 */
import type { ProbabilityPath } from '../ports/probability-path.js';
import { createRng } from '../rng.js';

export interface PathContractOptions {
  /** The noise left at t=1 (σ_1; e.g. σ_min of the linear path). Default 0: x_1 is the data. */
  sigmaAtOne?: number;
}

export function describePathContract(name: string, make: () => ProbabilityPath, opts: PathContractOptions = {}): void {
  describe(`Path contract: ${name}`, () => {
    const n = 40;
    const rng = createRng(5, 'path-contract');
    const x0 = rng.fillNormal(new Float32Array(2 * n));
    const x1 = rng.fillUniform(new Float32Array(2 * n), -2, 2);
    const at = (t: number) => make().batch(x0, x1, new Float32Array(n).fill(t));

    it('starts at the noise (t=0) and ends at the data (t=1)', () => {
      const a = at(0), b = at(1);
      const s1 = opts.sigmaAtOne ?? 0;
      for (let j = 0; j < 2 * n; j++) {
        expect(a.xt[j]).toBeCloseTo(x0[j], 5);
        expect(b.xt[j]).toBeCloseTo(x1[j] + s1 * x0[j], 5);
      }
    });

    it('gives u_t = dx_t/dt (central finite differences)', () => {
      for (const t of [0.05, 0.3, 0.5, 0.77, 0.95]) {
        const h = 1e-3;
        const plus = at(t + h).xt, minus = at(t - h).xt, u = at(t).ut;
        for (let j = 0; j < 2 * n; j++) expect(u[j]).toBeCloseTo((plus[j] - minus[j]) / (2 * h), 2);
      }
    });

    it('uses each pair its own time, returns those times, and leaves its inputs alone', () => {
      const t = Float32Array.from({ length: n }, (_, i) => i / (n - 1));
      const before = [Float32Array.from(x0), Float32Array.from(x1)];
      const mixed = make().batch(x0, x1, t);
      expect(mixed.t).toBe(t);
      expect(mixed.xt).toHaveLength(2 * n);
      expect(mixed.ut).toHaveLength(2 * n);
      for (const i of [0, 7, n - 1]) {
        const one = at(t[i]);
        for (const j of [2 * i, 2 * i + 1]) {
          expect(mixed.xt[j]).toBe(one.xt[j]);
          expect(mixed.ut[j]).toBe(one.ut[j]);
        }
      }
      expect([...mixed.xt, ...mixed.ut].every(Number.isFinite)).toBe(true);
      expect(x0).toEqual(before[0]);
      expect(x1).toEqual(before[1]);
    });
  });
}
