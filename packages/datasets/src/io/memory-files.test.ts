import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRng, type FvPlugin, type UserFiles } from '@flow-visualizer/core';
import { READ_LIMITS } from '@flow-visualizer/core/node';
import { points } from '../points.js';
import { svg } from '../svg.js';
import { image } from '../image.js';
import { memoryFiles } from './memory-files.js';
import { nodeUserFiles } from './node-files.js';
import { DATA_FILE_LIMIT } from './user-file.js';
import { FIXTURES, make } from '../test-utils/ctx.js';
import { caught } from '../test-utils/tmp.js';

const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));
// In Node the page's decoder (createImageBitmap) is missing: the in-memory reader is given the disk reader's,
// which checks the reading half here; the Chromium test checks the page's decoder.
const inMemory = (files: Record<string, Uint8Array>): UserFiles => memoryFiles(files, nodeUserFiles().decodeImage);

const cases: [string, FvPlugin<'dataset'>, Record<string, unknown>][] = [
  ['ring.csv', points(), { file: 'ring.csv' }],
  ['plus.json', points(), { file: 'plus.json' }],
  ['heart.svg', svg(), { file: 'heart.svg', fill: true }],
  ['letter-l.png', image(), { file: 'letter-l.png' }],
];

describe('the in-memory reader (the page\'s) gives the datasets what the disk reader gives', () => {
  it.each(cases)('%s: the same points for the same seed', async (name, plugin, options) => {
    const disk = await (await make(plugin, options, 0.01)).sample(400, createRng(5));
    const mem = await (await make(plugin, options, 0.01, '/nowhere', inMemory({ [name]: fixture(name) }))).sample(400, createRng(5));
    expect(Array.from(mem)).toEqual(Array.from(disk));
  });

  it("finds a file by its last part (a config's 'shapes/ring.csv' finds a dropped 'ring.csv'), and './' is ignored", async () => {
    const files = inMemory({ 'ring.csv': fixture('ring.csv') });
    for (const file of ['shapes/ring.csv', './ring.csv']) await expect(make(points(), { file }, 0, '/', files)).resolves.toBeDefined();
  });
});

describe('the in-memory reader: bad input gets the same codes, and the same messages where the file is the same', () => {
  it('a missing file: DATA_NOT_FOUND listing the files there are, and saying to drop it', async () => {
    const e = await caught(() => make(points(), { file: 'nope.csv' }, 0, '/', inMemory({ 'ring.csv': fixture('ring.csv') })));
    expect(e.code).toBe('DATA_NOT_FOUND');
    expect(e.message).toBe("Data file 'nope.csv' not found among the files given to the page (have: ring.csv).");
    expect(e.hint).toMatch(/Drop the file on the page/);
  });

  it('contents errors are word for word the disk reader\'s, apart from where the file was', async () => {
    const { tmpDirWith } = await import('../test-utils/tmp.js');
    const bad: [FvPlugin<'dataset'>, string, string][] = [
      [points(), 'bad.csv', 'x,y\n1,2\n3,abc\n'],
      [points(), 'one.json', '[[1,2]]'],
      [points(), 'empty.csv', '\n \n'],
      [svg(), 'no-path.svg', '<svg><circle r="3"/></svg>'],
      [svg(), 'broken.svg', '<svg><g></svg>'],
      [image(), 'junk.png', 'not a png'],
      [image(), 'empty.png', ''],
    ];
    for (const [plugin, name, content] of bad) {
      const dir = tmpDirWith({ [name]: content });
      const disk = await caught(() => make(plugin, { file: name }, 0, dir));
      const mem = await caught(() => make(plugin, { file: name }, 0, '/', inMemory({ [name]: new TextEncoder().encode(content) })));
      expect([name, mem.code, mem.hint]).toEqual([name, disk.code, disk.hint]);
      expect([name, mem.message]).toEqual([name, disk.message.replace(path.join(dir, name), `the dropped file '${name}'`)]);
    }
  });

  it('a file over the size cap is refused before it is parsed; the cap is the disk reader\'s', async () => {
    expect(DATA_FILE_LIMIT).toBe(READ_LIMITS.data);
    const huge = { length: DATA_FILE_LIMIT + 1 } as Uint8Array; // only its length is read before the refusal
    const e = await caught(() => make(points(), { file: 'big.csv' }, 0, '/', inMemory({ 'big.csv': huge })));
    expect(e.code).toBe('DATA_INVALID');
    expect(e.message).toMatch(/'big\.csv' is 256\.0 MiB, more than the 256 MiB fv reads/);
  });

  it('with no reader at all, a file dataset says what the program must pass (inline points need none)', async () => {
    const e = await caught(() => make(svg(), { file: 'heart.svg' }, 0, '/', null));
    expect(e.code).toBe('DATA_NOT_FOUND');
    expect(e.message).toMatch(/no file reader/);
    expect(e.hint).toMatch(/memoryFiles/);
    await expect(make(points(), { points: [[0, 0], [1, 1]] }, 0, '/', null)).resolves.toBeDefined();
  });

  it('in Node, without a decoder of its own, an image says why it could not be decoded', async () => {
    const e = await caught(() => make(image(), { file: 'letter-l.png' }, 0, '/', memoryFiles({ 'letter-l.png': fixture('letter-l.png') })));
    expect(e.code).toBe('DATA_INVALID');
    expect(e.message).toMatch(/could not be read as an image: .*createImageBitmap/);
  });
});
