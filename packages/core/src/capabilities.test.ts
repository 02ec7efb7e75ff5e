import { z } from 'zod';
import { definePlugin, type FvPlugin } from './plugin.js';
import { drawsWith, isAdaptive } from './capabilities.js';
import { instantiate } from './pipeline/composition/plugins.js';
import { createRng } from './rng.js';
import { isFvError } from './errors.js';
import type { Renderer } from './ports/renderer.js';

const ctx = { baseDir: '.', rng: createRng(0), run: { seed: 0, dataNoise: 0, sigmaMin: 0 }, log: () => {} };
const integrator = (capabilities?: { adaptive?: boolean }) =>
  definePlugin({
    name: 't:integrator', kind: 'integrator', id: 'x', description: '',
    // Takes a tolerance, so probing the schema with { rtol } (what callers did before) would call it adaptive.
    optionsSchema: z.object({ rtol: z.number().optional() }),
    capabilities,
    create: () => ({ id: 'x', integrate: async (_f, x0) => ({ x: x0, nfe: 0, snapshots: [] }) }),
  });
const renderer = (draws: string[] | undefined, methods: Partial<Renderer>): FvPlugin<'renderer'> =>
  definePlugin({
    name: 't:renderer', kind: 'renderer', id: 'r', description: '',
    capabilities: draws ? { draws: draws as never } : undefined,
    create: () => ({ id: 'r', render: async () => [], ...methods }),
  });

describe('declared capabilities', () => {
  it('an integrator is adaptive when it declares it, whatever its options schema takes', () => {
    expect(isAdaptive(integrator({ adaptive: true }))).toBe(true);
    expect(isAdaptive(integrator())).toBe(false);
    expect(isAdaptive(integrator({ adaptive: false }))).toBe(false);
    expect(isAdaptive(renderer(['points'], {}))).toBe(false);
  });

  it('a renderer draws what it declares, not what its instance happens to have', async () => {
    const both = renderer(['points', 'solvers'], { renderPointsPng: async () => {}, renderSolversPng: async () => [] });
    expect(drawsWith(both, 'points')).toBe(true);
    expect(drawsWith(both, 'solvers')).toBe(true);
    const undeclared = renderer(undefined, { renderPointsPng: async () => {} });
    expect(drawsWith(undeclared, 'points')).toBe(false);
    await expect(instantiate(both, {}, ctx, 'visualization.options.r')).resolves.toHaveProperty('id', 'r');
  });

  it('creating a renderer that lacks a declared drawing method is a PLUGIN_LOAD error naming the plugin and the method', async () => {
    const liar = renderer(['points', 'solvers'], { renderPointsPng: async () => {} });
    const err = await instantiate(liar, {}, ctx, 'visualization.options.r').catch((e) => e);
    expect(isFvError(err) && err.code).toBe('PLUGIN_LOAD');
    expect(err.message).toMatch(/'t:renderer' declares the drawing 'solvers' but its renderer has no renderSolversPng\(\)/);
    const unknown = await instantiate(renderer(['gif'], {}), {}, ctx, 'visualization.options.r').catch((e) => e);
    expect(isFvError(unknown) && unknown.code).toBe('PLUGIN_LOAD');
    expect(unknown.hint).toMatch(/points, solvers/);
  });
});

describe('what a backend plugin declares, checked against the backend it makes', () => {
  const backend = (declared: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    definePlugin({
      name: 't:backend', kind: 'backend', id: 'b', description: '', capabilities: declared,
      create: () => ({ id: 'b', priority: 5, probe: async () => ({ ok: true, reason: '' }), createModel: async () => undefined as never, loadModel: async () => undefined as never, ...extra }),
    });

  it('a priority that differs from the backend\'s is refused (selection goes by the declaration)', async () => {
    const err = await instantiate(backend({ priority: 7 }), {}, ctx, 'training').catch((e) => e);
    expect(isFvError(err) && err.code).toBe('PLUGIN_LOAD');
    expect(err.message).toMatch(/declares priority 7 but its backend says 5/);
  });

  it('warmStart needs createModelFrom', async () => {
    const err = await instantiate(backend({ priority: 5, warmStart: true }), {}, ctx, 'training').catch((e) => e);
    expect(err.message).toMatch(/declares warmStart but its backend has no createModelFrom/);
    await expect(instantiate(backend({ priority: 5, warmStart: true }, { createModelFrom: async () => undefined }), {}, ctx, 'training')).resolves.toBeDefined();
  });
});

