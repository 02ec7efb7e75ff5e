import { container, type DependencyContainer } from 'tsyringe';
import { DATASET, INTEGRATOR, PAIRING, PROBABILITY_PATH, RENDERER, VELOCITY_BACKEND, type ResolvedPlugins, type FvConfig } from '@flow-visualizer/core';
import { FV_CONFIG } from './tokens.js';

/**
 * The composition root: one child container per run, holding the config and the plugin instances under the
 * ports' tokens (Symbol.for, so two copies of core agree). Only the cli does DI; core works with plain calls.
 */
export function createRunContainer(config: FvConfig, plugins: Partial<ResolvedPlugins>): DependencyContainer {
  const c = container.createChildContainer();
  c.register(FV_CONFIG, { useValue: config });
  if (plugins.dataset) c.register(DATASET, { useValue: plugins.dataset });
  if (plugins.backend) c.register(VELOCITY_BACKEND, { useValue: plugins.backend });
  if (plugins.integrator) c.register(INTEGRATOR, { useValue: plugins.integrator });
  if (plugins.path) c.register(PROBABILITY_PATH, { useValue: plugins.path });
  if (plugins.pairing) c.register(PAIRING, { useValue: plugins.pairing });
  for (const r of plugins.renderers ?? []) c.register(RENDERER, { useValue: r });
  return c;
}
