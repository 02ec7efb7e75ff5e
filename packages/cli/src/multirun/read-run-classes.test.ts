import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readRunFolder } from './read-run.js';

describe('a conditional run folder in sweep summaries', () => {
  it('turns per_class into flat columns class<k>_w2_squared / class<k>_nearest_share beside nearest_class_share', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fv-read-classes-'));
    try {
      writeFileSync(path.join(dir, 'config.yaml'), 'data:\n  name: moons\n');
      writeFileSync(path.join(dir, 'metrics.json'), JSON.stringify({
        backend: 'native', sliced_w1: 0.02, nearest_class_share: 0.985,
        per_class: [
          { class: 0, name: 'upper', n: 500, w2: 0.2, w2_squared: 0.04, nearest_share: 0.99 },
          { class: 1, name: 'lower', n: 500, nearest_share: 0.98 },
        ],
      }));
      const run = readRunFolder(dir);
      expect(run.metrics).toMatchObject({ nearest_class_share: 0.985, class0_w2_squared: 0.04, class0_nearest_share: 0.99, class1_nearest_share: 0.98 });
      // No W2 for class 1 in the file: no column made up for it.
      expect(run.metrics).not.toHaveProperty('class1_w2_squared');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
