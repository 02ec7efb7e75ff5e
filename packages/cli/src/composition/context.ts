import { PluginRegistry, type FvConfig } from '@flow-visualizer/core';
import {
  resolveConfig,
  type LoadedConfig,
} from '@flow-visualizer/core/node';
import { builtinPlugins } from './builtins.js';
import { loadPlugins } from './load-plugins.js';

export interface ConfigArgs {
  config?: string;
  overrides?: string[];
}

export interface CliContext {
  loaded: LoadedConfig;
  config: FvConfig;
  registry: PluginRegistry;
}

/**
 * Resolves the layered config and builds the run's plugin registry: the built-ins (the root container's registry,
 * or fv's own) plus the plugins the config names.
 */
export async function loadContext(args: ConfigArgs, builtins?: PluginRegistry): Promise<CliContext> {
  const loaded = resolveConfig({ configFile: args.config, overrides: args.overrides ?? [] });
  const registry = new PluginRegistry(builtins ? builtins.all() : builtinPlugins());
  registry.registerAll(await loadPlugins(loaded.config.plugins, loaded.baseDir));
  return { loaded, config: loaded.config, registry };
}

/** Only the registry (for `fv list`), optionally with the plugins of a config. */
export async function loadRegistry(args: ConfigArgs): Promise<PluginRegistry> {
  if (!args.config && !(args.overrides ?? []).length) return new PluginRegistry(builtinPlugins());
  return (await loadContext(args)).registry;
}
