import { z } from 'zod';
import { PluginRegistry, definePlugin, resolvePlugins, type PluginContext } from '@flow-visualizer/core';
import { resolveConfig } from '@flow-visualizer/core/node';
import { builtinCouplingPlugins, linearPath, polynomialPath } from './index.js';
import { LOG } from '@flow-visualizer/core/container';

const config = (...overrides: string[]) => resolveConfig({ overrides }).config;
const registry = (...extra: Parameters<PluginRegistry['register']>[0][]) => new PluginRegistry([...builtinCouplingPlugins(), ...extra]);
const flow = (c: ReturnType<typeof config>, reg = registry(), log?: (m: string) => void) => resolvePlugins(c, reg, { baseDir: '.', only: ['path', 'pairing'], log });
const x0 = new Float32Array([1, -2, 0.5, 3]), x1 = new Float32Array([-1, 1, 2, 0.25]), t = new Float32Array([1, 0.3]);
const message = (p: Promise<unknown>) => p.then(() => 'resolved', (e: Error) => e.message);

describe('what a plugin receives', () => {
  it('its own options and the typed run values, never the config', async () => {
    let seen: PluginContext | undefined;
    const spy = definePlugin({ name: 't:spy', kind: 'path', id: 'spy', description: '', create: (_o, ctx) => ((seen = ctx), linearPath()) });
    await flow(config('flow.path=spy', 'training.seed=7', 'data.noise=0.1', 'flow.sigma_min=0.25'), registry(spy));
    expect(Object.keys(seen!).sort()).toEqual(['baseDir', 'log', 'rng', 'run', 'services']);
    // Without a container, the services a plugin may ask for by token are the context's own.
    expect(seen!.services!.get(LOG)).toBe(seen!.log);
    expect(seen!.services!.get(Symbol.for('fv.Unknown'))).toBeUndefined();
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

describe('visualization keys that moved into a renderer\'s options', () => {
  // A renderer like the animate one: it declares the moved keys among its options and remembers what it got.
  const made: Record<string, unknown>[] = [];
  const anim = definePlugin({
    name: 't:anim', kind: 'renderer', id: 'anim', description: '',
    optionsSchema: z.strictObject({ animation_fps: z.number().default(15), n_particles: z.number().default(300), height: z.number().default(360) }),
    create: (o) => (made.push(o), { id: 'anim', render: async () => [] }),
  });
  const plain = definePlugin({ name: 't:plain', kind: 'renderer', id: 'plain', description: '', optionsSchema: z.strictObject({}), create: () => ({ id: 'plain', render: async () => [] }) });
  const renderers = async (...overrides: string[]) => {
    made.length = 0;
    const notes: string[] = [];
    await resolvePlugins(config(...overrides), registry(anim, plain), { baseDir: '.', only: ['renderers'], note: (m) => notes.push(m) });
    return { options: made[0], notes };
  };

  it('an old visualization.* key goes to the renderer that declares it, with a note naming the new key', async () => {
    const { options, notes } = await renderers('visualization.renderers=[plain,anim]', 'visualization.animation_fps=5', 'visualization.options.anim.height=200');
    expect(options).toEqual({ animation_fps: 5, n_particles: 300, height: 200 });
    expect(notes).toEqual([expect.stringContaining('read as visualization.options.anim.animation_fps')]);
  });

  it('the key at its new place wins over the old one', async () => {
    const { options } = await renderers('visualization.renderers=[anim]', 'visualization.n_particles=10', 'visualization.options.anim.n_particles=20');
    expect(options.n_particles).toBe(20);
  });

  it('set for a renderer the run does not use: a note says it is not read; silent at that renderer\'s default', async () => {
    expect((await renderers('visualization.renderers=[plain]', 'visualization.animation_fps=5')).notes).toEqual([
      expect.stringContaining("Not read: visualization.animation_fps (now visualization.options.anim.animation_fps; 'anim' is not among visualization.renderers)"),
    ]);
    expect((await renderers('visualization.renderers=[plain]', 'visualization.animation_fps=15')).notes).toEqual([]);
  });

  it('a new config has none of them, and no note', async () => {
    expect(config().visualization).not.toHaveProperty('animation_fps');
    expect((await renderers('visualization.renderers=[anim]')).notes).toEqual([]);
  });
});

describe('Schrödinger-bridge CFM: one config of path and pairing', () => {
  it("flow.pairing_options.reg=bridge takes ε = 2σ² from the brownian_bridge path's sigma", async () => {
    const { path, pairing } = await flow(config('flow.path=brownian_bridge', 'flow.path_options.sigma=0.3', 'flow.pairing=entropic_ot', 'flow.pairing_options.reg=bridge'));
    expect(path.id).toBe('brownian_bridge');
    expect((pairing.worker?.options as { reg: number }).reg).toBeCloseTo(0.18, 10);
  });

  it('a coupling that needs a path it does not have: the message names the key', async () => {
    expect(await message(flow(config('flow.path=linear', 'flow.pairing=entropic_ot', 'flow.pairing_options.reg=bridge')))).toMatch(/flow\.pairing_options\.reg='bridge'.*the path 'linear' has no sigma/);
  });
});

