import type { FvConfig } from '../../config/schema.js';
import type { FvPlugin } from '../../plugin.js';
import { declaredOptions } from './flow-options.js';

/**
 * visualization.* keys that only one renderer read and that are now its own options (same name, under
 * `visualization.options.<renderer>`). The schema still accepts them so that configs written before keep working.
 */
export const MOVED_VISUALIZATION_KEYS = ['animation_fps', 'n_particles', 'trail_length', 'density_grid_size'] as const;

/**
 * Each renderer's options (visualization.options.<id>), with the moved keys an old config still sets at
 * visualization.* handed to the renderer that declares them (a key set at the new place wins), as flow.options is
 * split between path and pairing. Each moved key set gets one note: where it is read now, or, when no renderer of
 * this run takes it, that it is not read (silent when it holds that renderer's default: nothing changes).
 * `available` are all registered renderers, to name the one a key moved to.
 */
export function rendererOptions(
  v: FvConfig['visualization'],
  chosen: readonly FvPlugin[],
  available: readonly FvPlugin[],
  note: (message: string) => void,
): Map<FvPlugin, Record<string, unknown>> {
  const out = new Map<FvPlugin, Record<string, unknown>>(chosen.map((p) => [p, { ...(v.options[p.id] ?? {}) }]));
  const moved: string[] = [];
  const unread: string[] = [];
  for (const key of MOVED_VISUALIZATION_KEYS) {
    const value = (v as Record<string, unknown>)[key];
    if (value === undefined) continue;
    const taker = chosen.find((p) => declaredOptions(p).includes(key));
    if (taker) {
      const own = out.get(taker)!;
      if (!(key in own)) own[key] = value;
      moved.push(`visualization.options.${taker.id}.${key}`);
      continue;
    }
    const owner = available.find((p) => declaredOptions(p).includes(key));
    if (owner && defaultOf(owner, key) === value) continue;
    unread.push(owner ? `visualization.${key} (now visualization.options.${owner.id}.${key}; '${owner.id}' is not among visualization.renderers)` : `visualization.${key}`);
  }
  if (moved.length) note(`visualization.${moved.map((m) => m.split('.').pop()).join(', ')} moved to the options of the renderer that reads ${moved.length > 1 ? 'them' : 'it'}: read as ${moved.join(', ')}. Move ${moved.length > 1 ? 'these keys' : 'the key'} in the config to silence this note.`);
  if (unread.length) note(`Not read: ${unread.join(', ')}. Remove ${unread.length > 1 ? 'these keys' : 'the key'} from the config, or move ${unread.length > 1 ? 'them' : 'it'} to the renderer's options.`);
  return out;
}

/** The value a plugin's options schema gives `key` when it is not set (undefined when the schema fails on {}). */
function defaultOf(plugin: FvPlugin, key: string): unknown {
  const parsed = plugin.optionsSchema?.safeParse({});
  return parsed?.success ? (parsed.data as Record<string, unknown>)[key] : undefined;
}
