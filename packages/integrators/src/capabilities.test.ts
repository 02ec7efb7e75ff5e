import { evaluationsPerStep, isAdaptive, type Integrator } from '@flow-visualizer/core';
import { countingField, spinUpOde, CONTRACT_X0 } from '@flow-visualizer/core/testing';
import { builtinIntegratorPlugins } from './index.js';

/** The declared capability is what callers (fv compare-solvers) go by, so it must tell the truth. */
describe('declared capabilities of the built-in integrators', () => {
  it('rk45 alone declares itself adaptive', () => {
    expect(builtinIntegratorPlugins().filter(isAdaptive).map((p) => p.id)).toEqual(['rk45']);
  });

  it.each(builtinIntegratorPlugins().map((p) => [p.id, p] as const))('%s: the tolerance changes the work done exactly when it declares adaptive', async (_id, plugin) => {
    const integ = (await plugin.create(plugin.optionsSchema?.parse({}) ?? {}, undefined as never)) as Integrator;
    const nfe = async (tol: number) => (await integ.integrate(countingField(spinUpOde).field, CONTRACT_X0, { steps: 8, rtol: tol, atol: tol })).nfe;
    const [loose, tight] = [await nfe(1e-2), await nfe(1e-7)];
    if (isAdaptive(plugin)) expect(tight).toBeGreaterThan(loose);
    else expect(tight).toBe(loose);
  });

  it.each(builtinIntegratorPlugins().filter((p) => !isAdaptive(p)).map((p) => [p.id, p] as const))('%s: a fixed-step solve costs the evaluations per step it declares', async (_id, plugin) => {
    const integ = (await plugin.create(plugin.optionsSchema?.parse({}) ?? {}, undefined as never)) as Integrator;
    const { nfe } = await integ.integrate(countingField(spinUpOde).field, CONTRACT_X0, { steps: 8 });
    expect(nfe).toBe(8 * evaluationsPerStep(plugin)!);
  });

  it('every built-in integrator declares its evaluations per step', () => {
    for (const p of builtinIntegratorPlugins()) expect(evaluationsPerStep(p)).toBeGreaterThan(0);
  });
});
