import {
  FvError,
  pluginContext,
  instantiate,
  resolvePlugins,
  type Dataset,
  type Integrator,
  type Pairing,
  type ProbabilityPath,
  type Renderer,
  type ResolvedPlugins,
  type VelocityBackend,
} from '@flow-visualizer/core';
import { Pipeline } from '@flow-visualizer/core/node';
import { nodeUserFiles } from '@flow-visualizer/datasets/node';
import { loadContext, type CliContext, type ConfigArgs } from './context.js';

type Maybe<T> = T | Promise<T>;

/**
 * Replacements for the plugin a port would get from the config (a fake backend or renderer in a test, a tool
 * embedding the cli). Each receives the composition (config, registry) and the id the config names.
 */
export interface Providers {
  dataset?(c: Composition, id: string): Maybe<Dataset>;
  backend?(c: Composition, device: string): Maybe<VelocityBackend>;
  integrator?(c: Composition, id: string): Maybe<Integrator>;
  path?(c: Composition, id: string): Maybe<ProbabilityPath>;
  pairing?(c: Composition, id: string): Maybe<Pairing>;
  renderer?(c: Composition, id: string): Maybe<Renderer>;
}

export type Port = keyof ResolvedPlugins;
const PORTS: readonly Port[] = ['dataset', 'source', 'backend', 'integrator', 'path', 'pairing', 'renderers', 'assignment'];

/**
 * The composition root: every command that reads a config gets its plugins here, and nowhere else. Each port is
 * built lazily, once per command, from the plugin the config names (through the registry, options validated by
 * the plugin's schema), unless a provider replaces it. Plain async code rather than a DI container: plugin
 * factories are async (a backend is probed before it is taken), and which plugin fills a port is a registry
 * lookup by the config's name, which is what a container would otherwise have to be taught.
 */
export class Composition {
  private readonly built = new Map<Port, unknown>();
  private backendReport: string[] = [];

  constructor(
    readonly context: CliContext,
    private readonly providers: Providers,
    private readonly log: (m: string) => void,
    /** What the user must see whatever the verbosity (notes.ts); default: `log`. */
    private readonly note: (m: string) => void = log,
  ) {}

  get config() {
    return this.context.config;
  }

  get registry() {
    return this.context.registry;
  }

  /** The instances of the ports asked for (every port when none are named), built on first use. */
  async plugins(only: readonly Port[] = PORTS): Promise<ResolvedPlugins & { backendReport: string[] }> {
    const p = this.providers, v = this.config.visualization, f = this.config.flow;
    const provided: Partial<Record<Port, () => Promise<unknown>>> = {
      ...(p.dataset && { dataset: async () => p.dataset!(this, this.config.data.name) }),
      ...(p.backend && { backend: async () => ((this.backendReport = [`${this.config.training.device}: provided`]), p.backend!(this, this.config.training.device)) }),
      ...(p.integrator && { integrator: async () => p.integrator!(this, v.integrator) }),
      ...(p.path && { path: async () => p.path!(this, f.path) }),
      ...(p.pairing && { pairing: async () => p.pairing!(this, f.pairing) }),
      ...(p.renderer && { renderers: async () => Promise.all(v.renderers.map((id) => p.renderer!(this, id))) }),
    };
    const todo = only.filter((k) => !this.built.has(k));
    const fromConfig = todo.filter((k) => !provided[k]);
    // Every config-named plugin at once, so that an unknown name fails before any slow work (backend probing).
    if (fromConfig.length) {
      // The user's data files (data.options.file) are read from disk, resolved against the config's folder.
      const made = await resolvePlugins(this.config, this.registry, { baseDir: this.context.loaded.baseDir, log: this.log, note: this.note, only: fromConfig, files: nodeUserFiles() });
      for (const k of fromConfig) this.built.set(k, made[k]);
      if (fromConfig.includes('backend')) this.backendReport = made.backendReport;
    }
    for (const k of todo) if (provided[k]) this.built.set(k, await provided[k]!());
    const out = Object.fromEntries(only.map((k) => [k, this.built.get(k)])) as unknown as ResolvedPlugins;
    return { ...out, renderers: out.renderers ?? [], backendReport: this.backendReport };
  }

  /** The run's orchestrator over the ports it uses (training and drawing need them all; fv sample only a few). */
  async pipeline(only: readonly Port[] = PORTS): Promise<Pipeline> {
    return new Pipeline(this.config, await this.plugins(only));
  }

  /**
   * Integrator `id` with its options: --rtol/--atol when given, else the config's visualization.integrator_options
   * when `id` is the configured integrator, else the plugin's defaults (so that rk45's tolerances never reach a
   * fixed-step solver that has no such option).
   */
  async integrator(id: string, tol: { rtol?: number; atol?: number } = {}): Promise<Integrator> {
    if (this.providers.integrator) return this.providers.integrator(this, id);
    const plugin = this.registry.get('integrator', id, '--integrator');
    const config = this.config;
    const fromFlags = Object.fromEntries(Object.entries(tol).filter(([, x]) => x !== undefined));
    const pctx = pluginContext(config, this.context.loaded.baseDir, this.log);
    if (Object.keys(fromFlags).length) {
      if (plugin.optionsSchema && !plugin.optionsSchema.safeParse(fromFlags).success) {
        throw new FvError('USAGE', `The '${id}' integrator takes no tolerances: --rtol and --atol are for adaptive integrators.`, { hint: 'Use --integrator rk45, or leave out --rtol/--atol.' });
      }
      return instantiate(plugin, fromFlags, pctx, '--rtol/--atol');
    }
    const options = id === config.visualization.integrator ? config.visualization.integrator_options : {};
    return instantiate(plugin, options, pctx, 'visualization.integrator_options');
  }
}

/** Opens a command's composition: resolves the layered config, loads the plugins it names, binds the ports. */
export type Compose = (args: ConfigArgs, log: (m: string) => void) => Promise<Composition>;

/**
 * The composer every command receives from `buildProgram`; `providers` replace ports (tests, embedding tools);
 * `note` takes the notes every run must show (stderrNotes), else they go to each command's log.
 */
export function composer(providers: Providers = {}, note?: (m: string) => void): Compose {
  return async (args, log) => new Composition(await loadContext(args), providers, log, note ?? log);
}
