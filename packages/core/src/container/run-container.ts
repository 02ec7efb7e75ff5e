import { instanceCachingFactory, type DependencyContainer } from 'tsyringe';
import type { FvConfig } from '../config/schema.js';
import type { PluginContext } from '../plugin.js';
import type { PluginRegistry } from '../registry.js';
import { createRng, type Rng } from '../rng.js';
import { DATASET } from '../ports/dataset.js';
import { VELOCITY_BACKEND } from '../ports/backend.js';
import { INTEGRATOR } from '../ports/integrator.js';
import { PAIRING, PROBABILITY_PATH } from '../ports/probability-path.js';
import { RENDERER } from '../ports/renderer.js';
import { USER_FILES, type UserFiles } from '../ports/user-files.js';
import { POINT_SOURCE } from '../ports/point-source.js';
import { ASSIGNMENT_SOLVER } from '../ports/assignment.js';
import { STANDARD_GAUSSIAN_SOURCE } from '../config/schema.js';
import { datasetSource, standardGaussianSource } from '../pipeline/sampling/source.js';
import { chooseBackendPlugin, instantiate, runValues } from '../pipeline/composition/plugins.js';
import { flowOptions, type FlowOptions } from '../pipeline/composition/flow-options.js';
import { rendererOptions } from '../pipeline/composition/renderer-options.js';
import type { FvPlugin } from '../plugin.js';
import { BACKEND_REPORT, BASE_DIR, LIKELIHOOD_INTEGRATOR, FLOW_OPTIONS, FV_CONFIG, LOG, NOTE, PLUGIN_CONTEXT, PLUGIN_REGISTRY, RENDERER_OPTIONS, RNG_STREAMS } from './tokens.js';

type Log = (message: string) => void;

export interface RunContainerOptions {
  /** The run's resolved config. */
  config: FvConfig;
  /** Folder the config's relative paths resolve against. */
  baseDir: string;
  /** This run's registry (built-ins plus the config's `plugins:`); default: the parent's PLUGIN_REGISTRY. */
  registry?: PluginRegistry;
  /** The command's log; default: nothing. */
  log?: Log;
  /** Notes every run must show; default: the parent's NOTE, else `log`. */
  note?: Log;
  /**
   * Called on the new child before the config's plugins are bound: what it registers here
   * (`child.register(VELOCITY_BACKEND, …)`, `child.register(RENDERER, …)`) replaces the plugin the config names.
   */
  overrides?: (child: DependencyContainer) => void;
}

/**
 * The container of one command or one run of a sweep: a child of the process's root container holding the
 * resolved config, the run's RNG streams, its plugin context and a cached factory per port. Nothing is created
 * until a port is resolved; each is created once per child, so two commands in one process never share one.
 */
export function createRunContainer(parent: DependencyContainer, opts: RunContainerOptions): DependencyContainer {
  const c = parent.createChildContainer();
  const log = opts.log ?? (() => undefined);
  c.register(FV_CONFIG, { useValue: opts.config });
  c.register(BASE_DIR, { useValue: opts.baseDir });
  if (opts.registry) c.register(PLUGIN_REGISTRY, { useValue: opts.registry });
  c.register(LOG, { useValue: log });
  if (opts.note) c.register(NOTE, { useValue: opts.note });
  else if (!c.isRegistered(NOTE, true)) c.register(NOTE, { useValue: log });
  c.register(RNG_STREAMS, { useValue: (stream: string): Rng => createRng(opts.config.training.seed, stream) });
  c.register(BACKEND_REPORT, { useValue: [] as string[] });
  c.register(PLUGIN_CONTEXT, { useFactory: instanceCachingFactory((k) => runPluginContext(k)) });
  opts.overrides?.(c);
  registerPortFactories(c);
  return c;
}

/** The one context the run's plugins are created with; `services` lets a plugin ask the container for USER_FILES or LOG. */
function runPluginContext(c: DependencyContainer): PluginContext {
  const config = c.resolve<FvConfig>(FV_CONFIG);
  const files = c.isRegistered(USER_FILES, true) ? c.resolve<UserFiles>(USER_FILES) : undefined;
  return {
    baseDir: c.resolve<string>(BASE_DIR),
    rng: c.resolve<(s: string) => Rng>(RNG_STREAMS)('plugins'),
    run: runValues(config),
    log: c.resolve<Log>(LOG),
    ...(files && { files }),
    services: { get: <T>(token: symbol) => (c.isRegistered(token, true) ? c.resolve<T>(token) : undefined) },
  };
}

/**
 * Binds each port token not already registered on `c` to a caching factory: it reads which plugin the config
 * names, validates that plugin's options and creates it through `instantiate` (the one plugin guard). The token
 * resolves to a promise of the instance, the same promise for every resolve in this child.
 */
export function registerPortFactories(c: DependencyContainer): void {
  const own = (token: symbol) => c.isRegistered(token, false);
  const cfg = (k: DependencyContainer) => k.resolve<FvConfig>(FV_CONFIG);
  const registry = (k: DependencyContainer) => k.resolve<PluginRegistry>(PLUGIN_REGISTRY);
  const ctx = (k: DependencyContainer) => k.resolve<PluginContext>(PLUGIN_CONTEXT);
  const cached = <T>(make: (k: DependencyContainer) => T) => ({ useFactory: instanceCachingFactory(make) });

  if (!own(DATASET)) {
    c.register(DATASET, cached((k) => {
      const config = cfg(k);
      return instantiate(registry(k).get('dataset', config.data.name, 'data.name'), config.data.options, ctx(k), 'data.options');
    }));
  }
  if (!own(POINT_SOURCE)) {
    // The standard Gaussian, or a dataset created with source.noise as its noise (a dataset reads it from the run's values).
    c.register(POINT_SOURCE, cached(async (k) => {
      const s = cfg(k).source;
      if (s.name === STANDARD_GAUSSIAN_SOURCE) return standardGaussianSource;
      const plugin = registry(k).get('dataset', s.name, 'source.name');
      const base = ctx(k);
      return datasetSource(await instantiate(plugin, s.options, { ...base, run: { ...base.run, dataNoise: s.noise } }, 'source.options'));
    }));
  }
  if (!own(ASSIGNMENT_SOLVER)) {
    // The exact W2's solver: the registry's `exact` (absent where no package registers one, e.g. a bare core).
    c.register(ASSIGNMENT_SOLVER, cached(async (k) => (registry(k).has('assignment', 'exact') ? instantiate(registry(k).get('assignment', 'exact'), {}, ctx(k), 'assignment') : undefined)));
  }
  if (!own(INTEGRATOR)) {
    c.register(INTEGRATOR, cached((k) => {
      const v = cfg(k).visualization;
      return instantiate(registry(k).get('integrator', v.integrator, 'visualization.integrator'), v.integrator_options, ctx(k), 'visualization.integrator_options');
    }));
  }
  if (!own(LIKELIHOOD_INTEGRATOR)) {
    c.register(LIKELIHOOD_INTEGRATOR, cached((k) => {
      const l = cfg(k).likelihood;
      return instantiate(registry(k).get('integrator', l.integrator, 'likelihood.integrator'), l.integrator_options, ctx(k), 'likelihood.integrator_options');
    }));
  }
  c.register(FLOW_OPTIONS, cached((k): FlowOptions => {
    const f = cfg(k).flow;
    return flowOptions(f, registry(k).get('path', f.path, 'flow.path'), registry(k).get('pairing', f.pairing, 'flow.pairing'), k.resolve<Log>(NOTE));
  }));
  if (!own(PROBABILITY_PATH)) {
    c.register(PROBABILITY_PATH, cached((k) => {
      const f = cfg(k).flow;
      const plugin = registry(k).get('path', f.path, 'flow.path');
      return instantiate(plugin, k.resolve<FlowOptions>(FLOW_OPTIONS).path, ctx(k), 'flow.path_options');
    }));
  }
  if (!own(PAIRING)) {
    c.register(PAIRING, cached((k) => {
      const f = cfg(k).flow;
      const plugin = registry(k).get('pairing', f.pairing, 'flow.pairing');
      return instantiate(plugin, k.resolve<FlowOptions>(FLOW_OPTIONS).pairing, ctx(k), 'flow.pairing_options');
    }));
  }
  c.register(RENDERER_OPTIONS, cached((k) => {
    const v = cfg(k).visualization;
    const chosen = v.renderers.map((id, i) => registry(k).get('renderer', id, `visualization.renderers[${i}]`));
    return rendererOptions(v, chosen, registry(k).list('renderer'), k.resolve<Log>(NOTE));
  }));
  if (!own(RENDERER)) {
    // One registration per renderer the config names, in its order: resolveAll(RENDERER) gives the list.
    cfgOf(c).visualization.renderers.forEach((id, i) => {
      c.register(RENDERER, cached((k) => {
        const plugin = registry(k).get('renderer', id, `visualization.renderers[${i}]`);
        const options = k.resolve<Map<FvPlugin, Record<string, unknown>>>(RENDERER_OPTIONS).get(plugin) ?? {};
        return instantiate(plugin, options, ctx(k), `visualization.options.${plugin.id}`);
      }));
    });
  }
  if (!own(VELOCITY_BACKEND)) {
    c.register(VELOCITY_BACKEND, cached(async (k) => {
      // Backends are sorted by the priority their plugins declare and created one by one until one loads.
      const choice = await chooseBackendPlugin(registry(k).list('backend'), cfg(k).training.device, (p) => instantiate(p, {}, ctx(k), 'training'));
      k.resolve<string[]>(BACKEND_REPORT).push(...choice.report);
      return choice.backend;
    }));
  }
}

function cfgOf(c: DependencyContainer): FvConfig {
  return c.resolve<FvConfig>(FV_CONFIG);
}
