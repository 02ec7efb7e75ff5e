import { definePlugin, type FvPlugin } from '@flow-visualizer/core';
import { registerTfBackend, useTfBackend } from '../backends/tfjs-runtime.js';
import { browserTfBackend, type BrowserVelocityBackend } from './browser-backend.js';

/**
 * The MLP on TensorFlow.js' plain-JavaScript backend, in this thread, for a browser (or a Web Worker): the same
 * maths and the same engine as the Node backends (TfjsNet through TfjsSource; MlpEngine's Adam and moving average), with no worker threads and
 * no files. Loads everywhere: the last resort.
 */
export function browserCpuBackend(): BrowserVelocityBackend {
  return browserTfBackend({
    id: 'cpu',
    priority: 10,
    tfBackend: 'cpu',
    pkg: '@tensorflow/tfjs-backend-cpu',
    retry: true,
    async load() {
      await registerTfBackend('cpu', () => import('@tensorflow/tfjs-backend-cpu'));
      await useTfBackend('cpu');
      return 'plain JavaScript (@tensorflow/tfjs-backend-cpu), in this thread';
    },
  });
}

/** The browser's cpu backend as a plugin (`training.device: cpu` or `auto`). */
export const browserCpuBackendPlugin = (): FvPlugin<'backend'> =>
  definePlugin({
    name: 'fv:backend-browser-cpu',
    kind: 'backend',
    id: 'cpu',
    description: 'TensorFlow.js plain-JavaScript backend in a browser or Web Worker (no files).',
    capabilities: { priority: 10 },
    create: () => browserCpuBackend(),
  });
