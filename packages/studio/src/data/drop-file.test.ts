import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng, instantiate } from '@flow-visualizer/core';
import { datasetPlugins, memoryFiles } from '@flow-visualizer/datasets';
import { droppedKind, inlinePointsConfig, readDroppedFile, type DroppedData } from './drop-file.js';

// Node has File and Blob: the text formats are checked here; images (decoded by the browser) in data.browser.test.ts.
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../datasets/src/__fixtures__');
const file = (name: string, content?: string) => new File([content ?? readFileSync(path.join(FIXTURES, name))], name);
const ctx = (files?: Map<string, Uint8Array>) => ({ baseDir: '', rng: createRng(1), run: { seed: 1, dataNoise: 0, sigmaMin: 0 }, log: () => undefined, ...(files && { files: memoryFiles(files) }) });
const sample = async (data: { name: string; options: Record<string, unknown> }, files?: Map<string, Uint8Array>) =>
  Array.from(await (await instantiate(datasetPlugins().find((p) => p.id === data.name)!, data.options, ctx(files), 'data.options')).sample(300, createRng(3)));

describe('a dropped file', () => {
  it('is told apart by its extension, else by its type', () => {
    expect(['a.CSV', 'b.tsv', 'c.txt', 'd.json', 'e.svg', 'f.PNG', 'g.jpeg', 'h.jpg', 'i.gif'].map((n) => droppedKind(n))).toEqual(['points', 'points', 'points', 'points', 'svg', 'image', 'image', 'image', undefined]);
    expect(droppedKind('shape', 'image/svg+xml')).toBe('svg');
  });

  it('gives the file map and the data config that the worker uses, and they make the same dataset', async () => {
    const r = (await readDroppedFile(file('heart.svg'), { options: { fill: true } })) as DroppedData;
    expect(r.ok).toBe(true);
    expect(r.data).toEqual({ name: 'svg', options: { fill: true, file: 'heart.svg' } });
    expect([...r.files.keys()]).toEqual(['heart.svg']);
    expect(r.preview).toHaveLength(4000);
    expect((await sample(r.data, r.files)).length).toBe(600);
  });

  it('a points file can be exported with its points inline: the same training points, no file needed', async () => {
    for (const name of ['ring.csv', 'plus.json']) {
      const r = (await readDroppedFile(file(name))) as DroppedData;
      const inline = inlinePointsConfig(r)!;
      expect(inline.options.normalize).toBe(true);
      expect(await sample(inline)).toEqual(await sample(r.data, r.files));
    }
    expect(inlinePointsConfig((await readDroppedFile(file('heart.svg'))) as DroppedData)).toBeUndefined();
  });

  it('a broken or unknown file is a message, never a throw', async () => {
    const bad = await readDroppedFile(file('bad.csv', '1,2\n3\n'));
    expect(bad).toMatchObject({ ok: false, name: 'bad.csv', error: { code: 'DATA_INVALID', message: "Data file 'bad.csv', line 2: expected 2 cells, found 1 ('3')." } });
    expect(bad.ok === false && bad.text).toBe("Data file 'bad.csv', line 2: expected 2 cells, found 1 ('3'). Write one point a line as \"x,y\".");
    const none = await readDroppedFile(file('empty.json', ''));
    expect(none).toMatchObject({ ok: false, error: { code: 'DATA_INVALID', message: "Data file 'empty.json' is empty (the dropped file 'empty.json')." } });
    const odd = await readDroppedFile(file('movie.mp4', 'x'));
    expect(odd).toMatchObject({ ok: false, error: { code: 'DATA_INVALID', message: "'movie.mp4' is not a kind of file the studio reads." } });
  });

  it('a file over the size cap is refused before it is read', async () => {
    const huge = { name: 'big.csv', type: 'text/csv', size: 300 * 1024 * 1024, arrayBuffer: () => Promise.reject(new Error('read')) } as unknown as File;
    const r = await readDroppedFile(huge);
    expect(r).toMatchObject({ ok: false, error: { code: 'DATA_INVALID', message: "Data file 'big.csv' is 300.0 MiB, more than the 256 MiB fv reads." } });
  });
});
