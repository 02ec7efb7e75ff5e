import {
  FvError,
  PLUGIN_REGISTRY,
  PluginRegistry,
  instantiate,
  type FvConfig,
  type Integrator,
  type PluginContext,
  type ResolvedPlugins,
} from '@flow-visualizer/core';
import { INTEGRATOR, SINKHORN_KERNEL, USER_FILES, type SinkhornKernel } from '@flow-visualizer/core';
import { nativeSinkhornKernel } from '@flow-visualizer/backends';
import { PIPELINE, PLUGIN_CONTEXT, rootContainer, resolvePort, resolveRunPorts, type DependencyContainer, type Port } from '@flow-visualizer/core/container';
import { createNodeRunContainer, registerProcessServices } from '@flow-visualizer/core/container/node';
import type { Pipeline } from '@flow-visualizer/core/node';
import { nodeUserFiles } from '@flow-visualizer/datasets/node';
import { builtinPlugins } from './builtins.js';
import { loadContext, type CliContext, type ConfigArgs } from './context.js';

/**
 * The process's root container: what lives as long as the process (the built-in plugins' registry, the user-files
 * port reading the disk, checkpoints, metrics, folder locks, the clock). One per process, made on first use.
 */
let processRoot: DependencyContainer | undefined;
export function cliRootContainer(): DependencyContainer {
  return (processRoot ??= createCliRoot());
}

/** A fresh root with the cli's process-lived services (a test that wants its own, or an embedding tool). */
export function createCliRoot(parent: DependencyContainer = rootContainer): DependencyContainer {
  const root = registerProcessServices(parent.createChildContainer());
  root.register(PLUGIN_REGISTRY, { useValue: new PluginRegistry(builtinPlugins()) });
  // The user's data files (data.options.file) are read from disk, resolved against the config's folder.
  root.register(USER_FILES, { useValue: nodeUserFiles() });
  // The entropic OT plan's Sinkhorn loop in C (undefined without the addon: the couplings' JavaScript loop runs).
  // Loaded on first use, once per process.
  let sinkhorn: { kernel: SinkhornKernel | undefined } | undefined;
  root.register(SINKHORN_KERNEL, { useFactory: () => (sinkhorn ??= { kernel: nativeSinkhornKernel() }).kernel });
  return root;
}

/** How an embedding tool or a test wires fv's commands: its root, and registrations on each command's child. */
export interface WiringOptions {
  /** The root container every command's child is made from; default: the process's (cliRootContainer). */
  root?: DependencyContainer;
  /**
   * Called on each command's child container before the config's plugins are bound: what it registers there
   * (`child.register(VELOCITY_BACKEND, …)`, `child.register(RENDERER, …)`) replaces the config's plugin.
   */
  onChild?: (child: DependencyContainer) => void;
}

/**
 * One command's view of its child container: the config, the registry, and the ports and pipeline resolved from
 * the container (created there once per child; nothing is cached here).
 */
export class Composition {
  constructor(
    readonly container: DependencyContainer,
    readonly context: CliContext,
  ) {}

  get config(): FvConfig {
    return this.context.config;
  }

  get registry(): PluginRegistry {
    return this.context.registry;
  }

  /** The instances of the ports asked for (every port when none are named), resolved from the child. */
  plugins(only?: readonly Port[]): Promise<ResolvedPlugins & { backendReport: string[] }> {
    return resolveRunPorts(this.container, only);
  }

  /** The run's orchestrator (PIPELINE): it resolves each port from the child when a step needs it. */
  pipeline(): Pipeline {
    return this.container.resolve<Pipeline>(PIPELINE);
  }

  /**
   * Integrator `id` with its options: --rtol/--atol when given, else the config's visualization.integrator_options
   * when `id` is the configured integrator (the child's INTEGRATOR, so that a registered one is used), else the
   * plugin's defaults (so that rk45's tolerances never reach a fixed-step solver that has no such option).
   */
  async integrator(id: string, tol: { rtol?: number; atol?: number } = {}): Promise<Integrator> {
    const fromFlags = Object.fromEntries(Object.entries(tol).filter(([, x]) => x !== undefined));
    const configured = id === this.config.visualization.integrator;
    if (configured && !Object.keys(fromFlags).length) return resolvePort<Integrator>(this.container, INTEGRATOR);
    const plugin = this.registry.get('integrator', id, '--integrator');
    const pctx = this.container.resolve<PluginContext>(PLUGIN_CONTEXT);
    if (Object.keys(fromFlags).length) {
      if (plugin.optionsSchema && !plugin.optionsSchema.safeParse(fromFlags).success) {
        throw new FvError('USAGE', `The '${id}' integrator takes no tolerances: --rtol and --atol are for adaptive integrators.`, { hint: 'Use --integrator rk45, or leave out --rtol/--atol.' });
      }
      return instantiate(plugin, fromFlags, pctx, '--rtol/--atol');
    }
    return instantiate(plugin, {}, pctx, 'visualization.integrator_options');
  }
}

/** Opens a command's composition: resolves the layered config, loads the plugins it names, makes the command's child. */
export type Compose = (args: ConfigArgs, log: (m: string) => void) => Promise<Composition>;

/**
 * The composer every command receives from `buildProgram`: each call makes a new child of the root for one
 * command (or one run), holding its config, RNG streams and ports. `note` takes the notes every run must show
 * (stderrNotes), else they go to each command's log.
 */
export function composer(wiring: WiringOptions = {}, note?: (m: string) => void): Compose {
  return async (args, log) => {
    const root = wiring.root ?? cliRootContainer();
    const context = await loadContext(args, root.resolve<PluginRegistry>(PLUGIN_REGISTRY));
    const child = createNodeRunContainer(root, {
      config: context.config,
      baseDir: context.loaded.baseDir,
      registry: context.registry,
      log,
      note: note ?? log,
      overrides: wiring.onChild,
    });
    return new Composition(child, context);
  };
}
