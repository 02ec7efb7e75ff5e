import { isFvError } from '../../errors.js';
import type { VelocityBackend } from '../../ports/backend.js';
import { selectBackend } from './plugins.js';

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
