import { FvError, errorMessage, isFvError } from '../../errors.js';
import type { FvConfig } from '../../config/schema.js';
import { validateWith } from '../../config/validate.js';
import type { FvPlugin, PluginContext, PluginInstances, PluginKind, RunValues } from '../../plugin.js';
import type { PluginRegistry } from '../../registry.js';
import type { VelocityBackend, BackendProbe } from '../../ports/backend.js';
import { USER_FILES, type UserFiles } from '../../ports/user-files.js';
import { LOG as LOG_TOKEN } from '../../container/tokens.js';
import { createRng } from '../../rng.js';
import { checkCapabilities } from '../../capabilities.js';
import { guardPlugin, pluginFailure } from './plugin-guard.js';
import { flowOptions } from './flow-options.js';
import { STANDARD_GAUSSIAN_SOURCE } from '../../config/schema.js';
import { datasetSource, standardGaussianSource, type PointSource } from '../sampling/source.js';
import { rendererOptions } from './renderer-options.js';

/** The plugin instances a run needs, created from the config. */
export interface ResolvedPlugins {
  dataset: PluginInstances['dataset'];
  backend: VelocityBackend;
  integrator: PluginInstances['integrator'];
  path: PluginInstances['path'];
  pairing: PluginInstances['pairing'];
  renderers: PluginInstances['renderer'][];
  /** Where the flow starts (`source:`): the standard Gaussian, or a dataset. */
  source: PointSource;
  /** The exact assignment solver of the W2 metric (the registry's `exact`); absent when none is registered. */
  assignment?: PluginInstances['assignment'];
  /** The solver of likelihood.integrator (built with the integrator port; absent when likelihood is off). */
  likelihoodIntegrator?: PluginInstances['integrator'];
}

export interface BackendChoice {
  backend: VelocityBackend;
  /** One line per backend considered: why it was taken or passed over. */
  report: string[];
}

/** Creates a plugin instance with its options validated by the plugin's schema. */
export async function instantiate<K extends PluginKind>(
  plugin: FvPlugin<K>,
  rawOptions: unknown,
  ctx: PluginContext,
  optionsKey: string,
): Promise<PluginInstances[K]> {
  if (plugin.optionsSchema !== undefined && typeof (plugin.optionsSchema as { safeParse?: unknown })?.safeParse !== 'function') {
    throw pluginFailure(plugin, 'optionsSchema', 'its optionsSchema is not a zod schema (it has no safeParse)');
  }
  let options: unknown;
  try {
    options = plugin.optionsSchema ? validateWith(plugin.optionsSchema, rawOptions ?? {}, () => undefined, optionsKey, plugin.name) : (rawOptions ?? {});
  } catch (e) {
    if (isFvError(e)) throw e;
    throw pluginFailure(plugin, 'optionsSchema', errorMessage(e), e);
  }
  try {
    const instance = await plugin.create(options, ctx);
    if (!instance || typeof instance !== 'object') throw pluginFailure(plugin, 'create', `returned ${instance === undefined ? 'undefined' : typeof instance}, not a ${plugin.kind}`);
    checkCapabilities(plugin, instance);
    return guardPlugin(plugin, instance);
  } catch (e) {
    if (isFvError(e)) throw e;
    throw new FvError('PLUGIN_LOAD', `The ${plugin.kind} plugin '${plugin.name}' failed to start: ${errorMessage(e)}`, {
      plugin: plugin.name,
      cause: e,
      exitCode: 1,
    });
  }
}

/** The run-wide values a plugin may read (PluginContext.run), taken from the resolved config. */
export function runValues(config: FvConfig): RunValues {
  return { seed: config.training.seed, dataNoise: config.data.noise, sigmaMin: config.flow.sigma_min };
}

/** The context every plugin of a run is created with: its base folder, seeded randomness, the run-wide values. */
export function pluginContext(config: FvConfig, baseDir: string, log: (message: string) => void = () => undefined, stream = 'plugins', files?: UserFiles): PluginContext {
  // Without a container, the services a plugin may ask for by token are the two given here.
  const services = { get: <T>(token: symbol) => (token === USER_FILES ? files : token === LOG_TOKEN ? log : undefined) as T | undefined };
  return { baseDir, rng: createRng(config.training.seed, stream), run: runValues(config), log, ...(files && { files }), services };
}

/** Devices of a page's backends (@flow-visualizer/backends/browser) that Node has not: named in a clearer message. */
const BROWSER_DEVICES = ['webgpu', 'webgl'];

/** What backend selection needs to know of a backend before creating it: what its plugin declares. */
export interface BackendCandidate {
  id: string;
  priority: number;
  aliases?: readonly string[];
  create(): Promise<VelocityBackend>;
}

/** A backend plugin's declared priority (capabilities.priority; 0 when it declares none). */
export function backendPriority(plugin: FvPlugin): number {
  return (plugin as FvPlugin<'backend'>).capabilities?.priority ?? 0;
}

/**
 * Picks the backend for `training.device` among backend plugins, by what they declare (priority, aliases):
 * only the backends tried are created, one at a time, highest priority first.
 */
export function chooseBackendPlugin(
  plugins: readonly FvPlugin<'backend'>[],
  device: string,
  create: (plugin: FvPlugin<'backend'>) => Promise<VelocityBackend>,
): Promise<BackendChoice> {
  return chooseBackend(
    plugins.map((p) => ({ id: p.id, priority: backendPriority(p), aliases: p.capabilities?.aliases, create: () => create(p) })),
    device,
  );
}

/** Picks the backend for `training.device` among backends already created (plain calls, tests). */
export function selectBackend(backends: readonly VelocityBackend[], device: string): Promise<BackendChoice> {
  return chooseBackend(backends.map((b) => ({ id: b.id, priority: b.priority, aliases: b.aliases, create: async () => b })), device);
}

/**
 * Picks the backend for `training.device`: an explicit name (or alias, e.g. cuda → gpu) must load or it is an
 * error saying how to install it; `auto` takes the highest-priority backend whose probe succeeds.
 */
export async function chooseBackend(candidates: readonly BackendCandidate[], device: string): Promise<BackendChoice> {
  const sorted = [...candidates].sort((a, b) => b.priority - a.priority);
  const report: string[] = [];
  if (device === 'auto') {
    for (const c of sorted) {
      const b = await c.create();
      const probe = await safeProbe(b);
      if (probe.ok) {
        report.push(`${b.id}: taken (${probe.reason})`);
        return { backend: b, report };
      }
      report.push(`${b.id}: passed over (${probe.reason})`);
    }
    throw new FvError('BACKEND_UNAVAILABLE', `No compute backend loads here:\n  ${report.join('\n  ')}`, {
      hint: 'Reinstall with `npm ci`; the wasm and cpu backends ship with the project.',
    });
  }
  const c = sorted.find((x) => x.id === device || x.aliases?.includes(device));
  if (!c) {
    const valid = ['auto', ...sorted.flatMap((x) => [x.id, ...(x.aliases ?? [])])];
    if (BROWSER_DEVICES.includes(device)) {
      throw new FvError('UNKNOWN_PLUGIN', `training.device=${device} runs only in a web browser (Flow Studio), not here.`, {
        hint: `Train in the studio (fv studio), or use one of: ${valid.join(', ')}.`,
      });
    }
    throw new FvError('UNKNOWN_PLUGIN', `Unknown device '${device}' (training.device).`, { hint: `Valid devices: ${valid.join(', ')}.` });
  }
  const b = await c.create();
  const probe = await safeProbe(b);
  if (!probe.ok) {
    throw new FvError('BACKEND_UNAVAILABLE', `The '${b.id}' backend asked for by training.device=${device} cannot load here: ${probe.reason}`, {
      hint: probe.hint ?? 'Use training.device=auto to take the best backend that loads.',
    });
  }
  report.push(`${b.id}: taken (${probe.reason})`);
  return { backend: b, report };
}

async function safeProbe(b: VelocityBackend): Promise<BackendProbe> {
  try {
    return await b.probe();
  } catch (e) {
    return { ok: false, reason: errorMessage(e) };
  }
}

export interface ResolvePluginsOptions {
  baseDir: string;
  log?: (message: string) => void;
  /** What the user must see whatever the verbosity (an old config key read under its new name); default: `log`. */
  note?: (message: string) => void;
  /**
   * Only what these parts of the run need (e.g. `fv data` needs only the dataset; training needs
   * `['dataset', 'backend', 'path', 'pairing', 'source']`). Default: every part.
   */
  only?: readonly (keyof ResolvedPlugins)[];
  /** Reader of the user's files (data.options.file): the disk in the cli, dropped files in a page. */
  files?: UserFiles;
}

/** Creates every plugin instance the config names, validating each plugin's own options. */
export async function resolvePlugins(config: FvConfig, registry: PluginRegistry, opts: ResolvePluginsOptions): Promise<ResolvedPlugins & { backendReport: string[] }> {
  const log = opts.log ?? (() => undefined);
  const ctx = pluginContext(config, opts.baseDir, log, 'plugins', opts.files);
  const want = (k: keyof ResolvedPlugins) => !opts.only || opts.only.includes(k);
  const out = { renderers: [], backendReport: [] } as unknown as ResolvedPlugins & { backendReport: string[] };

  // Names first, so that every unknown name fails before any slow work (backend probing).
  const datasetP = want('dataset') ? registry.get('dataset', config.data.name, 'data.name') : undefined;
  const sourceP = want('source') && config.source.name !== STANDARD_GAUSSIAN_SOURCE ? registry.get('dataset', config.source.name, 'source.name') : undefined;
  const integratorP = want('integrator') ? registry.get('integrator', config.visualization.integrator, 'visualization.integrator') : undefined;
  const pathP = want('path') ? registry.get('path', config.flow.path, 'flow.path') : undefined;
  const pairingP = want('pairing') ? registry.get('pairing', config.flow.pairing, 'flow.pairing') : undefined;
  // A library that trains and scores without drawing registers no renderer at all: the default renderers are then
  // left out (said in the log), rather than failing as unknown names.
  const drawing = want('renderers') && config.visualization.renderers.length > 0;
  const noRenderers = drawing && registry.list('renderer').length === 0;
  if (noRenderers) log(`No renderer plugins are registered: visualization.renderers (${config.visualization.renderers.join(', ')}) left out, nothing will be drawn.`);
  const rendererPs = drawing && !noRenderers ? config.visualization.renderers.map((r, i) => registry.get('renderer', r, `visualization.renderers[${i}]`)) : [];

  if (datasetP) out.dataset = await instantiate(datasetP, config.data.options, ctx, 'data.options');
  // The source dataset gets source.noise as its noise (a dataset reads its noise from the run's values).
  out.source = sourceP
    ? datasetSource(await instantiate(sourceP, config.source.options, { ...ctx, run: { ...ctx.run, dataNoise: config.source.noise } }, 'source.options'))
    : standardGaussianSource;
  if (integratorP) out.integrator = await instantiate(integratorP, config.visualization.integrator_options, ctx, 'visualization.integrator_options');
  if (integratorP) out.likelihoodIntegrator = await likelihoodIntegrator(config, registry, ctx);
  if (pathP || pairingP) {
    const flow = flowOptions(config.flow, pathP ?? registry.get('path', config.flow.path, 'flow.path'), pairingP ?? registry.get('pairing', config.flow.pairing, 'flow.pairing'), opts.note ?? log);
    if (pathP) out.path = await instantiate(pathP, flow.path, ctx, 'flow.path_options');
    if (pairingP) out.pairing = await instantiate(pairingP, flow.pairing, ctx, 'flow.pairing_options');
  }
  if (want('assignment') && registry.has('assignment', 'exact')) out.assignment = await instantiate(registry.get('assignment', 'exact'), {}, ctx, 'assignment');
  const rendererOpts = rendererOptions(config.visualization, rendererPs, rendererPs.length ? registry.list('renderer') : [], opts.note ?? log);
  for (const p of rendererPs) out.renderers.push(await instantiate(p, rendererOpts.get(p) ?? {}, ctx, `visualization.options.${p.id}`));
  if (want('backend')) {
    const choice = await chooseBackendPlugin(registry.list('backend'), config.training.device, (p) => instantiate(p, {}, ctx, 'training'));
    out.backend = choice.backend;
    out.backendReport = choice.report;
  }
  return out;
}

/** The solver likelihood integrates with (likelihood.integrator and its options), validated like any plugin. */
export async function likelihoodIntegrator(config: FvConfig, registry: PluginRegistry, ctx: PluginContext): Promise<PluginInstances['integrator']> {
  const l = config.likelihood;
  return instantiate(registry.get('integrator', l.integrator, 'likelihood.integrator'), l.integrator_options, ctx, 'likelihood.integrator_options');
}
