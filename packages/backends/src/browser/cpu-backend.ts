import { definePlugin, errorMessage, FvError, type BackendProbe, type FvPlugin, type VelocityBackend } from '@flow-visualizer/core';
import { MlpEngineModel } from '../model/engine-model.js';
import { MlpEngine } from '../model/engine.js';
import { TfjsSource } from '../model/sources/tfjs-source.js';
import { checkSpec } from '../model/spec.js';
import { initialState } from '../model/state.js';
import { registerTfBackend, useTfBackend } from '../backends/tfjs-runtime.js';

/**
 * The MLP on TensorFlow.js' plain-JavaScript backend, in this thread, for a browser (or a Web Worker): the same
 * maths and the same engine as the Node backends (TfjsNet; MlpEngine's Adam and moving average), with no worker threads and
 * no files. Its models cannot save to a folder or load from one.
 */
export function browserCpuBackend(): VelocityBackend {
  let probed: Promise<BackendProbe> | undefined;
  const probe = (): Promise<BackendProbe> =>
    (probed ??= (async (): Promise<BackendProbe> => {
      try {
        await registerTfBackend('cpu', () => import('@tensorflow/tfjs-backend-cpu'));
        await useTfBackend('cpu');
        return { ok: true, reason: 'plain JavaScript (@tensorflow/tfjs-backend-cpu), in this thread' };
      } catch (e) {
        probed = undefined; // let a later probe try again
        return { ok: false, reason: `@tensorflow/tfjs-backend-cpu failed to load: ${errorMessage(e)}`, hint: 'Bundle @tensorflow/tfjs-backend-cpu with the page.' };
      }
    })());

  return {
    id: 'cpu',
    priority: 10,
    probe,
    async createModel(spec) {
      checkSpec(spec);
      const p = await probe();
      if (!p.ok) throw new FvError('BACKEND_UNAVAILABLE', `The 'cpu' backend cannot load here: ${p.reason}`, { hint: p.hint });
      return new MlpEngineModel('cpu', spec, new MlpEngine(spec, initialState(spec), await TfjsSource.create(spec, 'cpu')));
    },
    async loadModel(dir) {
      throw new FvError('USAGE', `Cannot load a model from the folder '${dir}' in a browser: there is no file system.`, {
        hint: 'Train the model in the page, or load it with a Node backend (@flow-visualizer/backends).',
      });
    },
  };
}

/** The browser's cpu backend as a plugin (`training.device: cpu` or `auto`). */
export const browserCpuBackendPlugin = (): FvPlugin<'backend'> =>
  definePlugin({
    name: 'fv:backend-browser-cpu',
    kind: 'backend',
    id: 'cpu',
    description: 'TensorFlow.js plain-JavaScript backend in a browser or Web Worker (no files).',
    create: () => browserCpuBackend(),
  });
