import { FvError, errorMessage, isFvError } from '../../errors.js';
import type { FvPlugin, PluginKind } from '../../plugin.js';

/** Checks of what a hook returns, by plugin kind and hook: the contract a plugin must keep. */
const RESULT_CHECKS: Partial<Record<PluginKind, Record<string, (value: unknown, args: unknown[]) => string | undefined>>> = {
  dataset: {
    sample: (v) => (v instanceof Float32Array ? undefined : `returned ${describe(v)}, not a Float32Array of x,y pairs`),
  },
  integrator: {
    integrate: (v) => (v && typeof v === 'object' ? undefined : `returned ${describe(v)}, not a result object`),
  },
  renderer: {
    render: (v) => (Array.isArray(v) ? undefined : `returned ${describe(v)}, not the list of files it wrote`),
  },
};

/**
 * Hooks whose callers hand the plugin progress callbacks: the guard listens to them, so that a failure names the
 * part that was being made (a renderer's plot or file, reported through RenderHooks.onProgress). The argument at
 * `index` is the hooks object; the guard passes the plugin a copy that also records the part.
 */
const PART_REPORTS: Partial<Record<PluginKind, Record<string, { index: number; callback: string }>>> = {
  renderer: { render: { index: 2, callback: 'onProgress' } },
};

/** Arguments with the hooks object replaced by one that also sets `part.current` as the plugin reports parts. */
function listenForParts(args: unknown[], at: { index: number; callback: string } | undefined, part: { current?: string }): unknown[] {
  if (!at) return args;
  const hooks = (args[at.index] ?? {}) as Record<string, unknown>;
  const inner = hooks[at.callback];
  const out = [...args];
  while (out.length < at.index) out.push(undefined);
  out[at.index] = {
    ...hooks,
    [at.callback]: (name: unknown, ...rest: unknown[]) => {
      part.current = String(name);
      if (typeof inner === 'function') (inner as (...a: unknown[]) => unknown).call(hooks, name, ...rest);
    },
  };
  return out;
}

function describe(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a plain array';
  if (ArrayBuffer.isView(v)) return `a ${v.constructor.name}`;
  return `a ${typeof v}`;
}

/** The one error for a plugin that broke its contract or threw: names the plugin and the hook (Rollup style). */
export function pluginFailure(plugin: Pick<FvPlugin, 'name' | 'kind'>, hook: string, why: string, cause?: unknown, part?: string): FvError {
  const where = part ? `${hook}() while making '${part}'` : `${hook}()`;
  return new FvError('PLUGIN_FAILED', `The ${plugin.kind} plugin '${plugin.name}' failed in ${where}: ${why.split('\n')[0]}`, {
    plugin: plugin.name,
    hint: `This is a fault of the plugin '${plugin.name}': fix it, or use another ${plugin.kind} (fv list ${plugin.kind === 'dataset' ? 'datasets' : plugin.kind + 's'}). --verbose shows its stack trace.`,
    cause,
  });
}

const GUARDED = Symbol.for('fv.guardedPlugin');

/**
 * Wraps every method of a plugin instance so that a throw, a rejection or a result that breaks the contract
 * becomes one PLUGIN_FAILED FvError naming the plugin and the hook. An FvError the plugin throws on purpose (bad
 * data file, …) passes through with the plugin's name added. Methods run with the real instance as `this`, so
 * classes with private fields work. Every plugin the pipeline creates goes through here (instantiate), and
 * nowhere else: one wrapper in one place, as Rollup's plugin driver does.
 */
export function guardPlugin<T>(plugin: Pick<FvPlugin, 'name' | 'kind'>, instance: T): T {
  if (!instance || typeof instance !== 'object' || (instance as Record<symbol, unknown>)[GUARDED]) return instance;
  const checks = RESULT_CHECKS[plugin.kind] ?? {};
  const parts = PART_REPORTS[plugin.kind] ?? {};
  const fail = (hook: string, e: unknown, part?: string): never => {
    if (isFvError(e)) {
      if (e.plugin) throw e;
      throw new FvError(e.code, e.message, { hint: e.hint, plugin: plugin.name, cause: e.cause ?? e, exitCode: e.exitCode });
    }
    throw pluginFailure(plugin, hook, errorMessage(e), e, part);
  };
  const cache = new Map<PropertyKey, unknown>();
  return new Proxy(instance as object, {
    get(target, prop) {
      if (prop === GUARDED) return true;
      const value = Reflect.get(target, prop, target);
      if (typeof value !== 'function' || typeof prop === 'symbol' || prop === 'constructor') return value;
      if (cache.has(prop)) return cache.get(prop);
      const hook = String(prop);
      const check = checks[hook];
      const wrapped = function (this: unknown, ...args: unknown[]) {
        let out: unknown;
        const part: { current?: string } = {};
        try {
          out = (value as (...a: unknown[]) => unknown).apply(target, listenForParts(args, parts[hook], part));
        } catch (e) {
          return fail(hook, e, part.current);
        }
        if (out && typeof (out as Promise<unknown>).then === 'function') {
          return (out as Promise<unknown>).then(
            (v) => {
              const why = check?.(v, args);
              return why ? fail(hook, new Error(why)) : v;
            },
            (e) => fail(hook, e, part.current),
          );
        }
        const why = check?.(out, args);
        return why ? fail(hook, new Error(why)) : out;
      };
      cache.set(prop, wrapped);
      return wrapped;
    },
  }) as T;
}
