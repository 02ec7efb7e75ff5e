import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { configJsonSchema } from './json-schema.js';
import { configKeyDocs, configReferenceMarkdown } from './docs.js';
import { defaultConfig } from './schema.js';
import { resolveConfig } from './resolve.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

describe('docs generated from the schema', () => {
  it('configs/fv.schema.json is current (regenerate: node scripts/gen-docs.mjs)', () => {
    expect(JSON.parse(readFileSync(path.join(root, 'configs/fv.schema.json'), 'utf8'))).toEqual(configJsonSchema());
  });

  it('the README configuration table is current (regenerate: node scripts/gen-docs.mjs)', () => {
    expect(readFileSync(path.join(root, 'README.md'), 'utf8')).toContain(configReferenceMarkdown());
  });

  it('documents every key with a description', () => {
    const docs = configKeyDocs();
    expect(docs.map((d) => d.key)).toEqual(expect.arrayContaining(['training.n_epochs', 'model.hidden_dims', 'visualization.grid_size', 'output.dir']));
    expect(docs.filter((d) => !d.description)).toEqual([]);
  });

  it('configs/base.yaml holds exactly the built-in defaults', () => {
    const { config } = resolveConfig({ configFile: path.join(root, 'configs/base.yaml') });
    expect(config).toEqual(defaultConfig());
  });

  it('every shipped config names the schema for editors and resolves', () => {
    for (const f of ['base.yaml', 'trex.yaml', 'quick.yaml']) {
      const text = readFileSync(path.join(root, 'configs', f), 'utf8');
      expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./fv.schema.json');
      expect(() => resolveConfig({ configFile: path.join(root, 'configs', f) })).not.toThrow();
    }
  });
});

describe('README examples', () => {
  it.each(['examples/plugin-dataset-heart/src/index.js', 'examples/library-usage/index.js'])('shows %s exactly as it is (regenerate: node scripts/gen-docs.mjs)', (file) => {
    const code = readFileSync(path.join(root, file), 'utf8');
    expect(readFileSync(path.join(root, 'README.md'), 'utf8')).toContain('```js\n' + code + '```');
  });
});
