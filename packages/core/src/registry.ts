import { FvError } from './errors.js';
import type { FvPlugin, PluginKind } from './plugin.js';
import { didYouMean } from './suggest.js';

/** Plugins by kind and id. Registration of a second plugin with the same kind and id is an error naming both. */
export class PluginRegistry {
  private readonly byKind = new Map<PluginKind, Map<string, FvPlugin>>();

  constructor(plugins: readonly FvPlugin[] = []) {
    for (const p of plugins) this.register(p);
  }

  register(plugin: FvPlugin): this {
    const kinds = this.byKind.get(plugin.kind) ?? new Map<string, FvPlugin>();
    const existing = kinds.get(plugin.id);
    if (existing) {
      throw new FvError(
        'PLUGIN_CONFLICT',
        `Two plugins register the ${plugin.kind} '${plugin.id}': ${describe(existing)} and ${describe(plugin)}.`,
        { hint: 'Remove one of them from `plugins:` in the config, or rename the id of your own plugin.', plugin: plugin.name },
      );
    }
    kinds.set(plugin.id, plugin);
    this.byKind.set(plugin.kind, kinds);
    return this;
  }

  registerAll(plugins: readonly FvPlugin[]): this {
    for (const p of plugins) this.register(p);
    return this;
  }

  has(kind: PluginKind, id: string): boolean {
    return this.byKind.get(kind)?.has(id) ?? false;
  }

  /** The plugin, or UNKNOWN_PLUGIN listing the valid ids (and a "did you mean"). */
  get<K extends PluginKind>(kind: K, id: string, configKey?: string): FvPlugin<K> {
    const p = this.byKind.get(kind)?.get(id);
    if (!p) {
      const valid = this.ids(kind);
      const where = configKey ? ` (${configKey})` : '';
      throw new FvError('UNKNOWN_PLUGIN', `Unknown ${kind} '${id}'${where}.${didYouMean(id, valid)}`, {
        hint: valid.length ? `Valid ${kind} names: ${valid.join(', ')}.` : `No ${kind} plugin is registered.`,
      });
    }
    return p as FvPlugin<K>;
  }

  list<K extends PluginKind>(kind: K): FvPlugin<K>[] {
    return [...(this.byKind.get(kind)?.values() ?? [])] as FvPlugin<K>[];
  }

  ids(kind: PluginKind): string[] {
    return [...(this.byKind.get(kind)?.keys() ?? [])].sort();
  }

  all(): FvPlugin[] {
    return [...this.byKind.values()].flatMap((m) => [...m.values()]);
  }
}

function describe(p: FvPlugin): string {
  return `'${p.name}'${p.source ? ` (from ${p.source})` : ''}`;
}
