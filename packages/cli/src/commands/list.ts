import { Command } from 'commander';
import { FvError, PLUGIN_KINDS, defaultOf, describeOf, objectShape, typeNameOf, type FvPlugin, type PluginKind } from '@flow-visualizer/core';
import { loadRegistry } from '../composition/context.js';
import { allOptions, withConfig, type ConfigCommandOptions } from './shared.js';

const KIND_OF: Record<string, PluginKind> = {
  datasets: 'dataset', dataset: 'dataset', backends: 'backend', backend: 'backend', integrators: 'integrator', integrator: 'integrator',
  renderers: 'renderer', renderer: 'renderer', paths: 'path', path: 'path', pairings: 'pairing', pairing: 'pairing',
  launchers: 'launcher', launcher: 'launcher', assignments: 'assignment', assignment: 'assignment',
};

/** One plugin as text: id, description, source and each option with type, default and description. */
export function describePlugin(p: FvPlugin): string[] {
  const lines = [`  ${p.id.padEnd(16)} ${p.description}${p.source ? `  [${p.source}]` : ''}`];
  const shape = p.optionsSchema ? objectShape(p.optionsSchema) : undefined;
  for (const [key, s] of Object.entries(shape ?? {})) {
    const def = defaultOf(s);
    lines.push(`      ${key} (${typeNameOf(s)}${def === undefined ? '' : `, default ${JSON.stringify(def)}`})${describeOf(s) ? `: ${describeOf(s)}` : ''}`);
  }
  return lines;
}

export function listCommand(): Command {
  const cmd = new Command('list').argument('[kind]', `one of: ${Object.keys(KIND_OF).filter((k) => k.endsWith('s')).join(', ')}`);
  return withConfig(cmd)
    .description('List the registered plugins (built-in and those a config loads) with their options')
    .addHelpText('after', `
Examples:
  fv list
  fv list datasets
  fv list renderers --config my-config.yaml      # includes the plugins that config loads`)
    .action(async (kind: string | undefined, overrides: string[], _o: unknown, cmd: Command) => {
      const opts = allOptions<ConfigCommandOptions>(cmd);
      let kinds: readonly PluginKind[] = PLUGIN_KINDS;
      if (kind && kind.includes('=')) {
        overrides = [kind, ...overrides];
        kind = undefined;
      }
      if (kind) {
        const k = KIND_OF[kind];
        if (!k) throw new FvError('USAGE', `Unknown plugin kind '${kind}'.`, { hint: `Use one of: ${Object.keys(KIND_OF).filter((x) => x.endsWith('s')).join(', ')}.` });
        kinds = [k];
      }
      const registry = await loadRegistry({ config: opts.config, overrides });
      const out: string[] = [];
      for (const k of kinds) {
        const plugins = registry.list(k).sort((a, b) => a.id.localeCompare(b.id));
        out.push(`${k}s (${plugins.length}):`);
        for (const p of plugins) out.push(...describePlugin(p));
        out.push('');
      }
      process.stdout.write(out.join('\n'));
    });
}
