import { readFileSync } from 'node:fs';
import path from 'node:path';
import { resolveConfig } from '@flow-visualizer/core/node';
import { REPO_ROOT, runFv, tmpDir } from './test-utils/run-fv.js';

/**
 * The default config (configs/trex.yaml) is what the README says it is: the table between the `recipe-keys`
 * markers lists every training key in which it differs from configs/base.yaml (the original tool's defaults),
 * with both values. And the recipe's losses stay deterministic per seed and thread count.
 */
const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const resolved = (file: string) => resolveConfig({ configFile: path.join(REPO_ROOT, 'configs', file) }).config as unknown as Record<string, Record<string, unknown>>;
const valueAt = (c: Record<string, Record<string, unknown>>, key: string) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], c);
const show = (v: unknown) => (Array.isArray(v) ? `[${v.join(', ')}]` : String(v));

function readmeTable(): { key: string; base: string; trex: string }[] {
  const block = readme.split('<!-- recipe-keys -->')[1]?.split('<!-- /recipe-keys -->')[0];
  if (!block) throw new Error('README.md has no <!-- recipe-keys --> table');
  return block
    .split('\n')
    .filter((l) => /^\|\s*`/.test(l))
    .map((l) => {
      const [key, base, trex] = l.split('|').slice(1, 4).map((c) => c.trim().replace(/`/g, ''));
      return { key, base, trex };
    });
}

describe('the default config', () => {
  it('is what the README says: every recipe key with its base.yaml and trex.yaml values, and no other difference', () => {
    const base = resolved('base.yaml'), trex = resolved('trex.yaml');
    const rows = readmeTable();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect([r.key, show(valueAt(base, r.key))]).toEqual([r.key, r.base]);
      expect([r.key, show(valueAt(trex, r.key))]).toEqual([r.key, r.trex]);
    }
    const differing = ['data', 'model', 'training', 'flow', 'visualization'].flatMap((s) =>
      Object.keys(trex[s]).filter((k) => JSON.stringify(trex[s][k]) !== JSON.stringify(base[s][k])).map((k) => `${s}.${k}`),
    );
    expect(differing.sort()).toEqual(rows.map((r) => r.key).sort());
  });

  it('configs/quick.yaml is the same recipe over fewer epochs, as the README says: no other difference', () => {
    const trex = resolved('trex.yaml'), quick = resolved('quick.yaml');
    const differing = ['data', 'source', 'model', 'training', 'flow', 'visualization', 'likelihood'].flatMap((s) =>
      Object.keys(quick[s]).filter((k) => JSON.stringify(quick[s][k]) !== JSON.stringify(trex[s][k])).map((k) => `${s}.${k}`),
    );
    expect(differing).toEqual(['training.n_epochs']);
    expect(quick.training.n_epochs as number).toBeLessThan(trex.training.n_epochs as number);
  });

  it('trains with the same losses for the same seed and thread count', () => {
    const losses = (threads: string) => {
      const out = path.join(tmpDir(), 'det');
      const r = runFv(['train', '--config', 'configs/trex.yaml', `output.dir=${out}`, 'training.n_epochs=3', 'data.n_samples=1500', 'training.evolution_snapshots=0'], { env: { FV_THREADS: threads } });
      expect(r.status).toBe(0);
      return JSON.parse(readFileSync(path.join(out, 'models/checkpoint/training_state.json'), 'utf8')).lossHistory as number[];
    };
    for (const threads of ['1', '2']) {
      const a = losses(threads);
      expect(a).toHaveLength(3);
      expect(losses(threads)).toEqual(a);
    }
  });
});
