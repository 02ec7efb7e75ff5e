import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeSummary, type SummaryRun } from './summary.js';

/** A run folder as fv run leaves it, with made-up figures: config.yaml, metrics.json and samples. */
function fakeRun(dir: string, w1: number): void {
  mkdirSync(path.join(dir, 'samples'), { recursive: true });
  writeFileSync(path.join(dir, 'config.yaml'), 'data:\n  name: moons\n');
  writeFileSync(path.join(dir, 'metrics.json'), JSON.stringify({ backend: 'native', sliced_w1: w1, straightness: 1.1, loss_history: [1, 0.5] }));
  const pts = ['x,y', ...Array.from({ length: 50 }, (_, i) => `${Math.cos(i)},${Math.sin(i)}`)].join('\n');
  writeFileSync(path.join(dir, 'samples/target.csv'), pts);
  writeFileSync(path.join(dir, 'samples/generated.csv'), pts);
}

describe('sweep summary layout', () => {
  it('three swept keys (no seed): one row per combination of the first two, one column per value of the last', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'fv-summary-'));
    const runs: SummaryRun[] = [];
    let k = 0;
    for (const a of ['1', '2']) for (const b of ['x', 'y']) for (const c of ['p', 'q']) {
      const dir = path.join(root, String(k));
      fakeRun(dir, 0.01 * (k + 1));
      runs.push({ index: k++, dir, values: { 'model.a': a, 'flow.b': b, 'training.c': c }, status: k === 8 ? 'failed' : 'completed', error: k === 8 ? 'boom' : undefined, seconds: 1 });
    }
    const out = await writeSummary({ title: 'S', subtitle: 's', outDir: root, keys: ['model.a', 'flow.b', 'training.c'], runs, panelSize: 120, pixelRatio: 1 });
    expect(out.groups).toHaveLength(8);
    const spec = JSON.parse(readFileSync(path.join(root, 'grid.vl.json'), 'utf8'));
    const rows = spec.vconcat.map((r: { hconcat: { title: { text: string[] } }[] }) => r.hconcat.map((p) => p.title.text));
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual([['a=1', 'b=x', 'c=p', 'sliced W1 0.01'], ['a=1', 'b=x', 'c=q', 'sliced W1 0.02']]);
    // The failed run's panel says so instead of drawing samples.
    expect(rows[3][1]).toEqual(['a=2', 'b=y', 'c=q', 'sliced W1 —']);
    expect(spec.vconcat[3].hconcat[1].layer[2].data.values[0].label).toBe('failed');
    const csv = readFileSync(path.join(root, 'summary.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('run,dir,model.a,flow.b,training.c,status,seconds,peak_rss_mb,backend,sliced_w1,straightness,error');
    expect(csv[8]).toBe('7,7,2,y,q,failed,1.00,,,,,boom');
    expect(readFileSync(path.join(root, 'summary.html'), 'utf8')).not.toContain('Seed groups');
  });
});
