import { cpSync, existsSync, lstatSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { hostname } from 'node:os';
import path from 'node:path';
import { runFv, tmpDir, STACK_LINE, REPO_ROOT } from '../test-utils/run-fv.js';
import { TINY, snapshotDir } from '../test-utils/tiny-run.js';

/**
 * Every bad input of issue 15, as an adversarial user would try it, against a folder that holds a finished run:
 * exit status 2, a one-line message and a hint, no stack trace, and the previous run's files byte-identical
 * afterwards. Each case fails before training (or, for --resume and visualize, before writing), so each costs
 * only the start-up of the cli.
 */
const root = tmpDir('fv-table-');
const prev = path.join(root, 'prev');
const put = (rel: string, text: string | Buffer) => {
  const p = path.join(root, rel);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
};

// Configs that attack the YAML reader.
const aliasBomb = put('bomb.yaml', ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefghi'[i]}`).join(', ')}]`)].join('\n') + '\n');
const deep = put('deep.yaml', `a: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
const huge = put('huge.yaml', `model:\n  hidden_dims: [${Array(400_000).fill('1').join(', ')}]\n`);
const fifo = path.join(root, 'fifo.yaml');
execFileSync('mkfifo', [fifo]);

// Plugins that break the contract, loaded by path from a config in `root`.
const datasetPlugin = (id: string, sample: string, extra = '') =>
  `export default { name: 'bad:${id}', kind: 'dataset', id: '${id}', description: '', ${extra} create() { return { id: '${id}', sample(n) { ${sample} } }; } };\n`;
put('plugins/plain-array.js', datasetPlugin('plainarray', 'return Array.from({ length: 2 * n }, () => 0);'));
put('plugins/undefined.js', datasetPlugin('undef', 'return undefined;'));
put('plugins/throws.js', datasetPlugin('throws', "throw new Error('sample exploded');"));
put('plugins/not-zod.js', datasetPlugin('notzod', 'return new Float32Array(2 * n);', 'optionsSchema: { parse: (x) => x },'));
put('plugins/rejects.js', datasetPlugin('rejects', "Promise.reject(new Error('forgotten promise')); return new Promise((r) => setTimeout(() => r(new Float32Array(2 * n)), 3000));"));
put('node_modules/fv-broken-json/package.json', '{ "name": "fv-broken-json", "main": ');
put('node_modules/fv-broken-json/index.js', 'export default [];\n');
const pluginConfig = (name: string, plugin: string) => put(`${name}.yaml`, `plugins: [${plugin}]\n`);

/** A copy of the previous run with one thing changed, for the cases that attack a run's own files. */
function damagedCopy(name: string, damage: (dir: string) => void): string {
  const dir = path.join(root, name);
  cpSync(prev, dir, { recursive: true });
  damage(dir);
  return dir;
}
const editState = (dir: string, edit: (s: Record<string, unknown>) => void) => {
  const f = path.join(dir, 'models/checkpoint/training_state.json');
  const s = JSON.parse(readFileSync(f, 'utf8'));
  edit(s);
  writeFileSync(f, JSON.stringify(s));
};

interface Case {
  name: string;
  args: () => string[];
  pattern: RegExp;
  /** The folder whose files must be unchanged (default: the previous run). */
  dir?: () => string;
  env?: Record<string, string>;
  /** What else must hold afterwards (e.g. a FIFO is still a FIFO). */
  check?: () => void;
}

const tiny = (dir = prev) => [...TINY, `output.dir=${dir}`];

const cases: Case[] = [
  { name: 'a YAML alias bomb', args: () => ['run', '--config', aliasBomb, ...tiny()], pattern: /Cannot read the YAML of .*bomb\.yaml: its aliases/ },
  { name: 'a 100k-deep YAML', args: () => ['run', '--config', deep, ...tiny()], pattern: /nested more than 64 levels deep/ },
  { name: 'a config over 1 MiB (a 400k-item list)', args: () => ['run', '--config', huge, ...tiny()], pattern: /huge\.yaml is .* MiB, more than the 1 MiB fv reads/ },
  { name: '--config /dev/zero', args: () => ['run', '--config', '/dev/zero', ...tiny()], pattern: /\/dev\/zero is not a regular file/ },
  { name: '--config on a FIFO', args: () => ['run', '--config', fifo, ...tiny()], pattern: /fifo\.yaml is not a regular file/ },
  { name: 'a data file that never ends', args: () => ['run', ...tiny(), 'data.name=points', 'data.options.file=/dev/zero'], pattern: /Data file '\/dev\/zero'.*not a regular file/ },
  { name: 'data.n_samples=1e12', args: () => ['run', ...tiny(), 'data.n_samples=1e12'], pattern: /'data\.n_samples' must be ≤ 10000000/ },
  { name: '100 hidden layers', args: () => ['run', ...tiny(), `model.hidden_dims=[${Array(100).fill(16).join(',')}]`], pattern: /'model\.hidden_dims' must be ≤ 32 items/ },
  { name: 'a 100 kB override key', args: () => ['run', ...tiny(), `${'a'.repeat(100_000)}=1`], pattern: /its key is 100000 characters long/ },
  { name: 'an element past the end of a list (blamed on the override)', args: () => ['run', ...tiny(), 'model.hidden_dims.5=32'], pattern: /override 'model\.hidden_dims\.5=32': 'model\.hidden_dims' is a list of 2 items/ },
  { name: '~nope (removing a key that does not exist)', args: () => ['run', ...tiny(), '~nope'], pattern: /no key 'nope' to remove/ },
  { name: 'a plugin package with a malformed package.json', args: () => ['run', '--config', pluginConfig('broken-json', 'fv-broken-json'), ...tiny()], pattern: /Plugin package 'fv-broken-json' has a malformed package\.json/ },
  { name: 'a dataset plugin whose sample returns a plain array', args: () => ['run', '--config', pluginConfig('plain-array', './plugins/plain-array.js'), ...tiny(), 'data.name=plainarray'], pattern: /dataset plugin 'bad:plainarray' failed in sample\(\): returned a plain array/ },
  { name: 'a dataset plugin whose sample returns undefined', args: () => ['run', '--config', pluginConfig('undefined', './plugins/undefined.js'), ...tiny(), 'data.name=undef'], pattern: /dataset plugin 'bad:undef' failed in sample\(\): returned undefined/ },
  { name: 'a dataset plugin whose sample throws', args: () => ['run', '--config', pluginConfig('throws', './plugins/throws.js'), ...tiny(), 'data.name=throws'], pattern: /dataset plugin 'bad:throws' failed in sample\(\): sample exploded/ },
  { name: 'a plugin whose optionsSchema is not a zod schema', args: () => ['run', '--config', pluginConfig('not-zod', './plugins/not-zod.js'), ...tiny(), 'data.name=notzod'], pattern: /`optionsSchema` is not a zod schema/ },
  { name: "a plugin's unhandled promise rejection", args: () => ['run', '--config', pluginConfig('rejects', './plugins/rejects.js'), ...tiny(), 'data.name=rejects'], pattern: /rejected and nobody handled it.*forgotten promise/ },
  { name: 'a malformed training_state.json', dir: () => damagedCopy('bad-json', (d) => writeFileSync(path.join(d, 'models/checkpoint/training_state.json'), '{"epochsDone": 2, "lossHis')), args: () => ['train', '--resume', ...tiny(path.join(root, 'bad-json')), 'training.n_epochs=4'], pattern: /checkpoint state .*training_state\.json is damaged: it is not valid JSON/ },
  { name: 'a lossHistory shorter than epochsDone', dir: () => damagedCopy('short-history', (d) => editState(d, (s) => (s.lossHistory = [1]))), args: () => ['train', '--resume', ...tiny(path.join(root, 'short-history')), 'training.n_epochs=4'], pattern: /lossHistory has 1 losses but epochsDone is 2/ },
  { name: '--resume with another learning rate', args: () => ['train', '--resume', ...tiny(), 'training.n_epochs=4', 'training.learning_rate=0.01'], pattern: /trained with other settings .*training\.learning_rate: 0\.003 in the checkpoint, 0\.01 now/ },
  { name: '--resume with another seed and dataset', args: () => ['train', '--resume', ...tiny(), 'training.n_epochs=4', 'training.seed=7', 'data.name=spiral'], pattern: /data\.name: "moons" in the checkpoint, "spiral" now.*training\.seed: 42 in the checkpoint, 7 now/ },
  { name: '--resume with fewer epochs than done', args: () => ['train', '--resume', ...tiny(), 'training.n_epochs=1'], pattern: /checkpoint is at epoch 2, past training\.n_epochs=1/ },
  {
    name: 'finite but absurd weights (1e30): non-finite samples',
    dir: () => damagedCopy('absurd', (d) => {
      const f = path.join(d, 'models/velocity_net/weights.bin');
      const n = readFileSync(f).length / 4;
      writeFileSync(f, Buffer.from(new Float32Array(n).fill(1e30).buffer));
    }),
    args: () => ['visualize', ...tiny(path.join(root, 'absurd'))],
    pattern: /non-finite coordinates \(Infinity or NaN\).*nothing was written/,
  },
  { name: 'output.dir=/proc/x (fails at once)', args: () => ['run', ...TINY, 'output.dir=/proc/x/y'], pattern: /Refusing to write the run's files into \/proc\/x\/y: it is in the system folder \/proc/ },
  { name: 'output.dir=/', args: () => ['run', ...TINY, 'output.dir=/'], pattern: /Refusing to write the run's files into \/: it is the root/ },
  { name: 'a folder holding unrelated files', dir: () => (put('mine/notes.txt', 'my notes\n'), path.join(root, 'mine')), args: () => ['run', ...tiny(path.join(root, 'mine'))], pattern: /Refusing .*mine: it holds 1 file that is not a previous run's \(notes\.txt\)/ },
  { name: 'training.n_epochs=1e9 (over the schema\'s maximum)', args: () => ['run', ...tiny(), 'training.n_epochs=1e9'], pattern: /'training.n_epochs' must be ≤ 1000000, got 1000000000/ },
  { name: 'a million epochs of a million points without --yes', args: () => ['run', ...tiny(), 'data.n_samples=1000000', 'training.n_epochs=1000000'], pattern: /would take at least .*(days|years)/ },
  { name: 'fv sample --n 1e9', args: () => ['sample', ...tiny(), '--n', '1e9'], pattern: /This sampling needs about .* GiB of memory, more than/ },
  // A width the native grad would malloc width² floats for (40 GB) is refused by the schema's maximum first.
  { name: 'model.hidden_dims=[100000] (over the schema\'s maximum width)', args: () => ['run', ...tiny(), 'model.hidden_dims=[100000]'], pattern: /'model.hidden_dims.0' must be ≤ 4096, got 100000/ },
  {
    // Within the limits, the memory estimate still refuses what would not fit: FV_MEMORY_LIMIT plays a small machine.
    name: 'model.hidden_dims=[4096,4096,4096] on a 256 MiB machine',
    args: () => ['run', ...TINY.filter((a) => !a.startsWith('visualization.n_')), `output.dir=${prev}`, 'model.hidden_dims=[4096,4096,4096]'],
    env: { FV_MEMORY_LIMIT: '256M' },
    pattern: /This run needs about [\d.]+ GiB of memory, more than the 256 MiB/,
  },
  { name: 'a folder locked by a live run', dir: () => damagedCopy('locked', (d) => writeFileSync(path.join(d, '.fv-lock'), JSON.stringify({ pid: process.pid, host: hostname(), command: 'fv run (the test)', startedAt: new Date().toISOString() }))), args: () => ['run', ...tiny(path.join(root, 'locked'))], pattern: /Output folder .*locked is in use by another fv \(pid \d+ on .*fv run \(the test\)/ },
  ...secondPass(),
];

/** Issue 29: the newer commands' writers guarded, a damaged checkpoint or model refused. */
function secondPass(): Case[] {
  const outs = path.join(root, 'outs');
  const fifoOut = path.join(outs, 'fifo.csv');
  const deviceOut = path.join(outs, 'null-device');
  const isFifo = (p: string) => () => expect(lstatSync(p).isFIFO()).toBe(true);
  const fifoAt = () => (mkdirSync(outs, { recursive: true }), existsSync(fifoOut) || execFileSync('mkfifo', [fifoOut]), fifoOut);
  const other = () => (existsSync(path.join(root, 'other')) ? path.join(root, 'other') : damagedCopy('other', () => undefined));
  const precious = () => (put('cmp/summary.csv', 'precious\n'), path.join(root, 'cmp'));
  const png = readFileSync(path.join(REPO_ROOT, 'packages/datasets/src/__fixtures__/letter-l.png'));
  const jpg = readFileSync(path.join(REPO_ROOT, 'packages/datasets/src/__fixtures__/triangle.jpg'));
  // A PNG that declares 20000 × 20000 pixels (1.6 GB of RGBA) in a few hundred bytes: the signature, an IHDR, then the rest of a real PNG.
  const bomb = () => {
    const b = Buffer.from(png);
    b.writeUInt32BE(20_000, 16);
    b.writeUInt32BE(20_000, 20);
    return put('images/bomb.png', b);
  };
  const image = (file: string) => ['data', 'image', `data.options.file=${file}`, '--out', path.join(root, 'image-never.csv')];
  return [
    { name: 'a sweep of 3000 × 2999 runs: refused before the runs are built', args: () => ['run', '-m', ...tiny(), 'training.seed=range(0,3000)', 'training.batch_size=range(1,3000)'], pattern: /This sweep has 8997000 runs \(training\.seed: 3000 × training\.batch_size: 2999\), more than the 10000 fv plans even with --yes or --dry-run/ },
    { name: 'a sweep of 1e5 × 1e5 runs with --dry-run --yes', args: () => ['run', '-m', '--dry-run', '--yes', ...tiny(), 'training.seed=range(0,100000)', 'training.batch_size=range(1,100001)'], pattern: /This sweep has 10000000000 runs .*more than the 10000 fv plans/ },
    { name: 'reflow.n_pairs=1e9', args: () => ['reflow', '--base', prev, ...tiny(path.join(root, 'reflow-big')), 'reflow.n_pairs=1e9'], pattern: /'reflow\.n_pairs' must be ≤ 10000000/ },
    { name: 'reflow.n_pairs=1e7 counted in the estimate', env: { FV_MEMORY_LIMIT: '1G' }, args: () => ['reflow', '--base', prev, ...tiny(path.join(root, 'reflow-big')), 'reflow.n_pairs=10000000'], pattern: /This run needs about [\d.]+ GiB of memory, more than the 1\.0 GiB/ },
    { name: 'a PNG declaring 20000 × 20000 pixels', args: () => image(bomb()), pattern: /Image '.*bomb\.png' declares 20000×20000 pixels, more than the 50 million fv decodes/, check: () => expect(existsSync(path.join(root, 'image-never.csv'))).toBe(false) },
    { name: 'a truncated PNG', args: () => image(put('images/cut.png', png.subarray(0, png.length - 40))), pattern: /Image '.*cut\.png' is cut short: the PNG does not end with its end marker/ },
    { name: 'a truncated JPEG', args: () => image(put('images/cut.jpg', jpg.subarray(0, Math.floor(jpg.length * 0.7)))), pattern: /Image '.*cut\.jpg' is cut short: the JPEG does not end/ },
    { name: 'a CSV of three bare columns (the third would be dropped)', args: () => ['data', 'points', `data.options.file=${put('three.csv', '1,2,3\n4,5,6\n7,8,9\n')}`, '--out', path.join(root, 'never3.csv')], pattern: /three\.csv', line 1: 3 cells \('1,2,3'\), but fv reads only x and y here/ },
    { name: 'a CSV whose header names three columns, none x or y', args: () => ['data', 'points', `data.options.file=${put('lonlat.csv', 'lon,lat,alt\n1,2,3\n4,5,6\n')}`, '--out', path.join(root, 'never3.csv')], pattern: /lonlat\.csv', line 1: the header names 3 columns/ },
    {
      name: '40,000 collinear cubics with fill: true (zero area; the inside check was grid² × edges)',
      args: () => ['data', 'svg', `data.options.file=${put('flat.svg', `<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0 ${Array.from({ length: 40_000 }, (_, i) => `C${3 * i + 1} ${3 * i + 1} ${3 * i + 2} ${3 * i + 2} ${3 * i + 3} ${3 * i + 3}`).join(' ')}"/></svg>`)}`, 'data.options.fill=true', '--out', path.join(root, 'never-svg.csv')],
      pattern: /The SVG shape from '.*flat\.svg' encloses no area to fill/,
    },
    { name: 'a points JSON 100,000 levels deep', args: () => ['data', 'points', `data.options.file=${put('deep.json', '['.repeat(100_000) + ']'.repeat(100_000))}`, '--out', path.join(root, 'never-deep.csv')], pattern: /deep\.json', item 0 \(0-based\): a value nested too deeply to show is not a point/ },
    { name: '__proto__ in a config', args: () => ['run', '--config', put('proto.yaml', 'training:\n  __proto__:\n    n_epochs: 5\n'), ...tiny()], pattern: /Unknown key 'training\.__proto__' in .*proto\.yaml/ },
    { name: '__proto__ in an override', args: () => ['run', ...tiny(), 'training.__proto__.n_epochs=5'], pattern: /names __proto__, which is no config key/ },
    {
      name: 'fv data --out on a FIFO (would be replaced by a regular file)',
      args: () => ['data', 'moons', '--out', fifoAt()],
      pattern: /Refusing to write the points to .*fifo\.csv: it is a FIFO \(named pipe\), not a regular file/,
      check: isFifo(fifoOut),
    },
    // mknod needs root (CI runs as root; elsewhere the FIFO case stands for every non-regular file).
    ...(process.getuid?.() !== 0 ? [] : [{
      name: 'fv data --out on a character device (mknod c 1 3, as /dev/null)',
      args: () => (mkdirSync(outs, { recursive: true }), existsSync(deviceOut) || execFileSync('mknod', [deviceOut, 'c', '1', '3']), ['data', 'moons', '--out', deviceOut]),
      pattern: /Refusing to write the points to .*null-device: it is a device, not a regular file/,
      check: () => expect(lstatSync(deviceOut).isCharacterDevice()).toBe(true),
    }]),
    {
      name: 'fv data --png on a FIFO: refused before the CSV is written',
      args: () => ['data', 'moons', '--out', path.join(root, 'never.csv'), '--png', fifoAt()],
      pattern: /Refusing to write the preview to .*fifo\.csv: it is a FIFO/,
      check: () => (isFifo(fifoOut)(), expect(existsSync(path.join(root, 'never.csv'))).toBe(false)),
    },
    { name: 'fv data --out /dev/null', args: () => ['data', 'moons', '--out', '/dev/null'], pattern: /Refusing to write the points to \/dev\/null: it is in the system folder \/dev/, check: () => expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true) },
    { name: 'fv data --out into /etc', args: () => ['data', 'moons', '--out', '/etc/fv-points.csv'], pattern: /it is in the system folder \/etc/, check: () => expect(existsSync('/etc/fv-points.csv')).toBe(false) },
    { name: 'fv sample -o on a folder', args: () => ['sample', ...tiny(), '-o', root], pattern: /Refusing to write the samples to .*: it is a folder, not a regular file/ },
    { name: 'fv compare --out a folder holding a precious summary.csv', dir: precious, args: () => ['compare', prev, other(), '--out', precious(), '--no-gif'], pattern: /Refusing to write the comparison into .*cmp: it holds 1 file that is not a previous run's \(summary\.csv\)/ },
    { name: 'fv compare --out /', args: () => ['compare', prev, other(), '--out', '/', '--no-gif'], pattern: /Refusing to write the comparison into \/: it is the root/ },
    { name: 'fv compare --out /etc', args: () => ['compare', prev, other(), '--out', '/etc', '--no-gif'], pattern: /Refusing to write the comparison into \/etc: it is the system folder \/etc/ },
    { name: 'fv compare --out another run', dir: () => damagedCopy('run-as-out', () => undefined), args: () => ['compare', prev, other(), '--out', path.join(root, 'run-as-out'), '--no-gif'], pattern: /Refusing to write the comparison into .*run-as-out: it holds a run \(config\.yaml\)/ },
    { name: 'fv compare of a run whose metrics.json is null', dir: () => damagedCopy('null-metrics', (d) => writeFileSync(path.join(d, 'metrics.json'), 'null')), args: () => ['compare', prev, path.join(root, 'null-metrics'), '--out', path.join(root, 'cmp-null'), '--no-gif'], pattern: /null-metrics' has a damaged metrics\.json: it is not a JSON object/ },
    { name: 'fv reflow into /etc', args: () => ['reflow', '--base', prev, ...TINY, 'output.dir=/etc/fv-reflow'], pattern: /Refusing to write the run's files into \/etc\/fv-reflow: it is in the system folder \/etc/ },
    {
      name: 'fv train where models/ is a file: refused before training, config.yaml untouched',
      dir: () => damagedCopy('models-file', (d) => (rmSync(path.join(d, 'models'), { recursive: true }), writeFileSync(path.join(d, 'models'), 'not a folder'))),
      args: () => ['train', ...tiny(path.join(root, 'models-file')), 'training.seed=7', 'model.hidden_dims=[64,64]'],
      pattern: /Cannot write .*models-file\/models: a file stands where a folder should be/,
    },
    {
      name: 'a bit flipped in the checkpoint weights (still finite): refused on --resume',
      dir: () => damagedCopy('bit-flip', (d) => {
        rmSync(path.join(d, 'models/checkpoint.old'), { recursive: true, force: true });
        const f = path.join(d, 'models/checkpoint/weights.bin');
        const b = readFileSync(f);
        b[0] ^= 1;
        writeFileSync(f, b);
      }),
      args: () => ['train', '--resume', ...tiny(path.join(root, 'bit-flip')), 'training.n_epochs=4'],
      pattern: /checkpoint in .*bit-flip\/models\/checkpoint is damaged: weights\.bin does not match its checksum/,
    },
    {
      name: "model.json whose weights path leaves the model's folder",
      dir: () => damagedCopy('escape', (d) => {
        const f = path.join(d, 'models/velocity_net/model.json');
        const j = JSON.parse(readFileSync(f, 'utf8'));
        cpSync(path.join(d, 'models/velocity_net/weights.bin'), path.join(root, 'stolen.bin'));
        j.weightsManifest[0].paths = ['../../../stolen.bin'];
        writeFileSync(f, JSON.stringify(j));
      }),
      args: () => ['visualize', ...tiny(path.join(root, 'escape'))],
      pattern: /weights path "\.\.\/\.\.\/\.\.\/stolen\.bin" leads outside the model's folder/,
    },
  ];
}

describe('the bad-input table: exit 2, one line and a hint, no stack trace, the previous run untouched', () => {
  beforeAll(() => {
    const r = runFv(['run', ...tiny()], { timeoutMs: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const dir = c.dir ? c.dir() : prev;
    const before = snapshotDir(dir);
    const previous = snapshotDir(prev);
    const r = runFv(c.args(), { timeoutMs: 60_000, env: c.env });
    const lines = r.stderr.trimEnd().split('\n');
    expect(r.stderr).toMatch(c.pattern);
    expect(r.status).toBe(2);
    expect(lines[0]).toMatch(/^fv: error: /);
    expect(lines[1]).toMatch(/^ {2}hint: ./);
    expect(lines.filter((l) => !/^ {2}(hint|plugin): /.test(l))).toHaveLength(1);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(snapshotDir(dir)).toEqual(before);
    expect(snapshotDir(prev)).toEqual(previous);
    c.check?.();
  });

  it('what is refused can be asked for: --force into a folder of other files, --allow-config-change on a resume', () => {
    const mine = path.join(root, 'forced');
    put('forced/notes.txt', 'keep me\n');
    const forced = runFv(['run', ...tiny(mine), '--force']);
    expect(forced.status).toBe(0);
    expect(readFileSync(path.join(mine, 'notes.txt'), 'utf8')).toBe('keep me\n');
    const copy = damagedCopy('changed-lr', () => undefined);
    const resumed = runFv(['train', '--resume', ...tiny(copy), 'training.n_epochs=3', 'training.learning_rate=0.01', '--allow-config-change']);
    expect(resumed.stderr).toBe('');
    expect(resumed.status).toBe(0);
    expect(resumed.stdout).toMatch(/Resuming with changed settings \(--allow-config-change\): training\.learning_rate: 0\.003 in the checkpoint, 0\.01 now/);
    expect(JSON.parse(readFileSync(path.join(copy, 'models/checkpoint/training_state.json'), 'utf8')).epochsDone).toBe(3);
  });

  it('a bit-flipped checkpoint gives way to the previous one kept as checkpoint.old', () => {
    const copy = damagedCopy('flip-recover', (d) => {
      const ckpt = path.join(d, 'models/checkpoint');
      rmSync(`${ckpt}.old`, { recursive: true, force: true });
      cpSync(ckpt, `${ckpt}.old`, { recursive: true });
      const f = path.join(ckpt, 'weights.bin');
      const b = readFileSync(f);
      b[8] ^= 1;
      writeFileSync(f, b);
    });
    const r = runFv(['train', '--resume', ...tiny(copy), 'training.n_epochs=3']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/checkpoint in .*flip-recover\/models\/checkpoint is damaged: weights\.bin does not match its checksum\. Resuming from the previous checkpoint in .*checkpoint\.old \(epoch 2\)/);
  });

  it('an SVG whose path sits inside 50,000 nested <g>: read without overflowing the call stack', () => {
    const deepSvg = put('deep.svg', `<svg xmlns="http://www.w3.org/2000/svg">${'<g>'.repeat(50_000)}<path d="M0 0 L5 0 L5 5 Z"/>${'</g>'.repeat(50_000)}</svg>`);
    const out = path.join(root, 'deep-svg.csv');
    const r = runFv(['data', 'svg', `data.options.file=${deepSvg}`, 'data.n_samples=100', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(101);
  });
});
