import { isFvError } from '../../errors.js';
import type { VelocityBackend } from '../../ports/backend.js';
import { definePlugin, type BackendDeclaration, type FvPlugin } from '../../plugin.js';
import { chooseBackendPlugin, selectBackend } from './plugins.js';

const fake = (id: string, priority: number, ok: boolean): VelocityBackend =>
  ({ id, priority, probe: async () => (ok ? { ok, reason: `${id} here` } : { ok, reason: `${id} absent` }) }) as unknown as VelocityBackend;

describe('selectBackend', () => {
  const backends = [fake('cpu', 10, true), fake('native', 20, false), fake('wasm', 15, true)];

  it('auto takes the highest priority that loads, saying why each was passed over', async () => {
    const c = await selectBackend(backends, 'auto');
    expect(c.backend.id).toBe('wasm');
    expect(c.report).toEqual(['native: passed over (native absent)', 'wasm: taken (wasm here)']);
  });

  it('a browser device asked for in Node says it runs only in a browser, and lists the devices here', async () => {
    const err = await selectBackend(backends, 'webgl').catch((e) => e);
    expect(isFvError(err) && err.code).toBe('UNKNOWN_PLUGIN');
    expect(err.message).toBe('training.device=webgl runs only in a web browser (Flow Studio), not here.');
    expect(err.hint).toBe('Train in the studio (fv studio), or use one of: auto, native, wasm, cpu.');
  });

  it('an unknown device lists the valid ones', async () => {
    const err = await selectBackend(backends, 'tpu').catch((e) => e);
    expect(err.message).toMatch(/Unknown device 'tpu'/);
  });
});

describe('chooseBackendPlugin', () => {
  const plugin = (id: string, declared: BackendDeclaration, ok: boolean): FvPlugin<'backend'> =>
    definePlugin({ name: `t:${id}`, kind: 'backend', id, description: '', capabilities: declared, create: () => fake(id, declared.priority ?? 0, ok) });
  const plugins = [plugin('cpu', { priority: 10 }, true), plugin('gpu', { priority: 40, aliases: ['cuda'] }, false), plugin('native', { priority: 25 }, true), plugin('wasm', { priority: 20 }, true)];

  it('sorts by the declared priority and creates only the backends it tries', async () => {
    const created: string[] = [];
    const c = await chooseBackendPlugin(plugins, 'auto', async (p) => (created.push(p.id), p.create({}, undefined as never)));
    expect(c.backend.id).toBe('native');
    expect(created).toEqual(['gpu', 'native']);
    expect(c.report).toEqual(['gpu: passed over (gpu absent)', 'native: taken (native here)']);
  });

  it('finds a device by a declared alias, creating that backend alone', async () => {
    const created: string[] = [];
    const err = await chooseBackendPlugin(plugins, 'cuda', async (p) => (created.push(p.id), p.create({}, undefined as never))).catch((e) => e);
    expect(created).toEqual(['gpu']);
    expect(err.message).toMatch(/The 'gpu' backend asked for by training.device=cuda cannot load here/);
  });
});
