import type { DependencyContainer, InjectionToken } from 'tsyringe';
import { DATASET } from '../ports/dataset.js';
import { VELOCITY_BACKEND } from '../ports/backend.js';
import { INTEGRATOR } from '../ports/integrator.js';
import { PAIRING, PROBABILITY_PATH } from '../ports/probability-path.js';
import { RENDERER } from '../ports/renderer.js';
import type { ResolvedPlugins } from '../pipeline/composition/plugins.js';
import { BACKEND_REPORT, LIKELIHOOD_INTEGRATOR } from './tokens.js';
import { POINT_SOURCE } from '../ports/point-source.js';
import { ASSIGNMENT_SOLVER } from '../ports/assignment.js';

export type Port = keyof ResolvedPlugins;

/** Each port of a run and its token: the container's keys. Renderers are many registrations of one token. */
export const PORT_TOKENS: Readonly<Record<Port, symbol>> = {
  dataset: DATASET,
  backend: VELOCITY_BACKEND,
  integrator: INTEGRATOR,
  path: PROBABILITY_PATH,
  pairing: PAIRING,
  renderers: RENDERER,
  source: POINT_SOURCE,
  assignment: ASSIGNMENT_SOLVER,
  likelihoodIntegrator: LIKELIHOOD_INTEGRATOR,
};

/** The order ports are created in when a command wants several (cheap and name-checked first, backend probing last). */
export const PORTS: readonly Port[] = ['dataset', 'source', 'integrator', 'path', 'pairing', 'renderers', 'assignment', 'backend'];

/**
 * A port of the run: its token resolves to a cached promise of the instance (plugin creation is async: a backend
 * probes before it is taken), awaited here.
 */
export function resolvePort<T>(c: DependencyContainer, token: InjectionToken<Promise<T>>): Promise<T> {
  return c.resolve(token);
}

/** Every renderer registered under RENDERER, in the config's order (tsyringe's resolveAll, the injectAll of a factory). */
export function resolveRenderers<T>(c: DependencyContainer): Promise<T[]> {
  return c.isRegistered(RENDERER, true) ? Promise.all(c.resolveAll<Promise<T>>(RENDERER)) : Promise.resolve([]);
}

/**
 * The instances of the ports asked for (every port when none are named), and how the backend was chosen. The
 * container creates each once per child: asking again returns the same instances. One after another, in PORTS
 * order, so that a wrong name or option of a cheap plugin fails before slow work such as backend probing.
 */
export async function resolveRunPorts(c: DependencyContainer, only: readonly Port[] = PORTS): Promise<ResolvedPlugins & { backendReport: string[] }> {
  const out: Record<string, unknown> = { renderers: [] };
  for (const p of PORTS) {
    if (!only.includes(p)) continue;
    out[p] = p === 'renderers' ? await resolveRenderers(c) : await resolvePort(c, PORT_TOKENS[p]);
  }
  const backendReport = c.isRegistered(BACKEND_REPORT, true) ? c.resolve<string[]>(BACKEND_REPORT) : [];
  return { ...(out as unknown as ResolvedPlugins), backendReport };
}
