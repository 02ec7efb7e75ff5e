import { FvError } from './errors.js';
import type { FvPlugin, PluginInstances, PluginKind } from './plugin.js';
import { RENDERER_DRAWINGS, type Renderer, type RendererDrawing } from './ports/renderer.js';
import type { VelocityBackend } from './ports/backend.js';

/** Whether an integrator plugin declares itself adaptive (`capabilities: { adaptive: true }`). */
export function isAdaptive(plugin: FvPlugin): boolean {
  return plugin.kind === 'integrator' && (plugin as FvPlugin<'integrator'>).capabilities?.adaptive === true;
}

/** Whether a renderer plugin declares the drawing (`capabilities: { draws: ['solvers'] }`). */
export function drawsWith(plugin: FvPlugin, drawing: RendererDrawing): boolean {
  return plugin.kind === 'renderer' && ((plugin as FvPlugin<'renderer'>).capabilities?.draws?.includes(drawing) ?? false);
}

/**
 * Checks a freshly created instance against what its plugin declared: a renderer that declares a drawing must
 * have its method, so that a caller who picked it by its declaration can call it.
 */
export function checkCapabilities<K extends PluginKind>(plugin: FvPlugin<K>, instance: PluginInstances[K]): void {
  if (plugin.kind === 'backend') return checkBackend(plugin as FvPlugin<'backend'>, instance as VelocityBackend);
  if (plugin.kind !== 'renderer') return;
  const declared = (plugin as FvPlugin<'renderer'>).capabilities?.draws ?? [];
  for (const drawing of declared) {
    const method = RENDERER_DRAWINGS[drawing];
    if (!method) {
      throw new FvError('PLUGIN_LOAD', `The renderer plugin '${plugin.name}' declares an unknown drawing '${String(drawing)}'.`, {
        plugin: plugin.name,
        hint: `Drawings a renderer can declare: ${Object.keys(RENDERER_DRAWINGS).join(', ')}.`,
      });
    }
    if (typeof (instance as Renderer)[method] !== 'function') {
      throw new FvError('PLUGIN_LOAD', `The renderer plugin '${plugin.name}' declares the drawing '${drawing}' but its renderer has no ${method}().`, {
        plugin: plugin.name,
        hint: `Implement ${method} or remove '${drawing}' from capabilities.draws.`,
      });
    }
  }
}

/** A backend is chosen by its declared priority before it exists: the instance it makes must agree, as must warm start. */
function checkBackend(plugin: FvPlugin<'backend'>, backend: VelocityBackend): void {
  const declared = plugin.capabilities ?? {};
  const fail = (what: string, hint: string) => {
    throw new FvError('PLUGIN_LOAD', `The backend plugin '${plugin.name}' ${what}.`, { plugin: plugin.name, hint });
  };
  if (declared.priority !== undefined && declared.priority !== backend.priority) {
    fail(`declares priority ${declared.priority} but its backend says ${backend.priority}`, 'Make capabilities.priority and the backend\'s priority the same.');
  }
  if (declared.warmStart && typeof backend.createModelFrom !== 'function') {
    fail('declares warmStart but its backend has no createModelFrom()', 'Implement createModelFrom or remove warmStart from capabilities.');
  }
}

/** Whether a backend plugin declares that it can start a model from saved weights (rectified flow needs it). */
export function warmStarts(plugin: FvPlugin | undefined): boolean {
  return plugin?.kind === 'backend' && (plugin as FvPlugin<'backend'>).capabilities?.warmStart === true;
}

/** Velocity evaluations per fixed step an integrator plugin declares (undefined when it declares none, or is adaptive). */
export function evaluationsPerStep(plugin: FvPlugin | undefined): number | undefined {
  return plugin?.kind === 'integrator' ? (plugin as FvPlugin<'integrator'>).capabilities?.evaluationsPerStep : undefined;
}
