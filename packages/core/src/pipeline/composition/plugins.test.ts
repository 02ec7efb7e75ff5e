import { z } from 'zod';
import { resolveConfig } from '../../config/resolve.js';
import { definePlugin, type PluginContext } from '../../plugin.js';
import { PluginRegistry } from '../../registry.js';
import { builtinCorePlugins, linearPath, polynomialPath } from '../../paths/index.js';
import { resolvePlugins } from './plugins.js';

const config = (...overrides: string[]) => resolveConfig({ overrides }).config;
const registry = (...extra: Parameters<PluginRegistry['register']>[0][]) => new PluginRegistry([...builtinCorePlugins(), ...extra]);
const flow = (c: ReturnType<typeof config>, reg = registry(), log?: (m: string) => void) => resolvePlugins(c, reg, { baseDir: '.', only: ['path', 'pairing'], log });
const x0 = new Float32Array([1, -2, 0.5, 3]), x1 = new Float32Array([-1, 1, 2, 0.25]), t = new Float32Array([1, 0.3]);
const message = (p: Promise<unknown>) => p.then(() => 'resolved', (e: Error) => e.message);

describe('what a plugin receives', () => {
  it('its own options and the typed run values, never the config', async () => {
    let seen: PluginContext | undefined;
    const spy = definePlugin({ name: 't:spy', kind: 'path', id: 'spy', description: '', create: (_o, ctx) => ((seen = ctx), linearPath()) });
    await flow(config('flow.path=spy', 'training.seed=7', 'data.noise=0.1', 'flow.sigma_min=0.25'), registry(spy));
    expect(Object.keys(seen!).sort()).toEqual(['baseDir', 'log', 'rng', 'run']);
    expect(seen!.run).toEqual({ seed: 7, dataNoise: 0.1, sigmaMin: 0.25 });
  });

  it('the linear path takes flow.sigma_min from the run values', async () => {
    const { path } = await flow(config('flow.sigma_min=0.5'));
    expect(path.batch(x0, x1, t).xt).toEqual(linearPath(0.5).batch(x0, x1, t).xt);
    expect(path.batch(x0, x1, t).xt).not.toEqual(linearPath(0).batch(x0, x1, t).xt);
  });
});

describe('flow.path_options and flow.pairing_options', () => {
  it('each goes to its own plugin', async () => {
    const { path, pairing } = await flow(config('flow.path=polynomial', 'flow.path_options.exponent=3', 'flow.pairing=ot', 'flow.pairing_options.solver=sinkhorn'));
    expect(path.batch(x0, x1, t).xt).toEqual(polynomialPath(3).batch(x0, x1, t).xt);
    expect(pairing.worker?.options).toMatchObject({ solver: 'sinkhorn' });
  });

  it('a typo in a path option is reported with did-you-mean', async () => {
    expect(await message(flow(config('flow.path=polynomial', 'flow.path_options.exponant=3')))).toMatch(/Unknown key 'flow\.path_options\.exponant'.*Did you mean 'exponent'\?/);
  });

  it('a typo in a pairing option is reported with did-you-mean', async () => {
    expect(await message(flow(config('flow.pairing=ot', 'flow.pairing_options.solvr=sinkhorn')))).toMatch(/Unknown key 'flow\.pairing_options\.solvr'.*Did you mean 'solver'\?/);
  });

  it('a pairing option given to the path is refused, not let through', async () => {
    expect(await message(flow(config('flow.path=polynomial', 'flow.pairing=ot', 'flow.path_options.solver=sinkhorn')))).toMatch(/Unknown key 'flow\.path_options\.solver'/);
  });
});

describe('the shared flow.options of older configs', () => {
  it('routes each key to the one plugin that takes it, and says where it now lives', async () => {
    const logs: string[] = [];
    const c = config('flow.path=polynomial', 'flow.pairing=ot', 'flow.options.exponent=3', 'flow.options.solver=sinkhorn');
    const { path, pairing } = await flow(c, registry(), (m) => logs.push(m));
    expect(path.batch(x0, x1, t).xt).toEqual(polynomialPath(3).batch(x0, x1, t).xt);
    expect(pairing.worker?.options).toMatchObject({ solver: 'sinkhorn' });
    expect(logs.join('\n')).toContain('flow.path_options.exponent, flow.pairing_options.solver');
  });

  it('a key that no plugin takes names the new keys, with did-you-mean', async () => {
    const err = await flow(config('flow.pairing=ot', 'flow.options.solvr=sinkhorn')).catch((e) => e);
    expect(err.message).toMatch(/Unknown option 'flow\.options\.solvr': neither the path 'linear' nor the pairing 'ot' takes it\. Did you mean 'solver'\?/);
    expect(err.hint).toContain("flow.options is replaced by flow.path_options and flow.pairing_options: put 'solvr' under");
  });

  it('a key that both plugins take cannot be placed and the hint names the new keys', async () => {
    const both = definePlugin({ name: 't:path', kind: 'path', id: 'tp', description: '', optionsSchema: z.strictObject({ solver: z.string().optional() }), create: () => linearPath() });
    const err = await flow(config('flow.path=tp', 'flow.pairing=ot', 'flow.options.solver=exact'), registry(both)).catch((e) => e);
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.message).toContain("taken by both the path 'tp' and the pairing 'ot'");
    expect(err.hint).toContain('flow.path_options');
    expect(err.hint).toContain('flow.pairing_options');
  });
});
