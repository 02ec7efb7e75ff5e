import { createRng } from '@flow-visualizer/core';
import { describeDatasetContract } from '@flow-visualizer/core/testing';
import { gaussian } from './gaussian.js';
import { make } from './test-utils/ctx.js';

describeDatasetContract('gaussian', () => make(gaussian(), { mean: [0.5, -0.3], cov: [[0.3, 0.1], [0.1, 0.2]] }, 0));

describe('gaussian', () => {
  it('draws points with the mean and covariance asked for', async () => {
    const ds = await make(gaussian(), { mean: [0.5, -0.3], cov: [[0.3, 0.1], [0.1, 0.2]] }, 0);
    const n = 40000, p = await ds.sample(n, createRng(3, 'g'));
    let mx = 0, my = 0;
    for (let i = 0; i < n; i++) { mx += p[2 * i] / n; my += p[2 * i + 1] / n; }
    let sxx = 0, sxy = 0, syy = 0;
    for (let i = 0; i < n; i++) { const a = p[2 * i] - mx, b = p[2 * i + 1] - my; sxx += (a * a) / n; sxy += (a * b) / n; syy += (b * b) / n; }
    expect(mx).toBeCloseTo(0.5, 2); expect(my).toBeCloseTo(-0.3, 2);
    expect(sxx).toBeCloseTo(0.3, 2); expect(sxy).toBeCloseTo(0.1, 2); expect(syy).toBeCloseTo(0.2, 2);
  });

  it('refuses a covariance that is not symmetric positive definite, saying why', async () => {
    await expect(make(gaussian(), { cov: [[1, 2], [2, 1]] }, 0)).rejects.toThrow(/positive definite/);
    await expect(make(gaussian(), { cov: [[1, 0.1], [0, 1]] }, 0)).rejects.toThrow(/symmetric/);
  });
});
