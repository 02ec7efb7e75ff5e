import { registerTfBackend, useTfBackend } from '../backends/tfjs-runtime.js';
import { browserTfBackend, PassedOver, type BrowserVelocityBackend } from './browser-backend.js';
import { isSoftwareGpu, web, type GpuAdapterInfo } from './web-globals.js';

export interface GpuBackendOptions {
  /** Take a software-rendered GPU (SwiftShader) too: true when the user forces this backend (training.device). */
  allowSoftware?: boolean;
}

/**
 * The MLP on WebGPU (@tensorflow/tfjs-backend-webgpu): compute shaders on the user's GPU. Passed over when the
 * browser has no `navigator.gpu` (or not in an insecure page), gives no adapter, or only a software one (unless forced).
 */
export function browserWebgpuBackend(options: GpuBackendOptions = {}): BrowserVelocityBackend {
  return browserTfBackend({
    id: 'webgpu',
    priority: 40,
    tfBackend: 'webgpu',
    pkg: '@tensorflow/tfjs-backend-webgpu',
    gpu: { syncReads: false },
    options: options.allowSoftware ? 'software' : 'hardware',
    async load() {
      const g = web();
      const gpu = g.navigator?.gpu;
      if (!gpu) {
        throw g.isSecureContext === false
          ? new PassedOver('no navigator.gpu: WebGPU needs a secure page (https, or http on localhost).', 'Serve the page over https or from localhost (fv studio does).')
          : new PassedOver('no navigator.gpu: this browser has no WebGPU, or it is turned off.', 'Use a browser with WebGPU (Chrome or Edge 113+, Safari 26+, Firefox 141+ on Windows); webgl takes over meanwhile.');
      }
      const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
      if (!adapter) {
        throw new PassedOver('navigator.gpu gives no adapter: no usable GPU, or the browser blocklists it.', 'chrome://gpu says why (e.g. a blocklisted driver); webgl may still work.');
      }
      const info: GpuAdapterInfo = adapter.info ?? {};
      const name = gpuName(info);
      const software = Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter) || isSoftwareGpu(name);
      if (software && !options.allowSoftware) {
        throw new PassedOver(`the only WebGPU adapter is a software one (${name}): slower than wasm.`, 'Force it with training.device: webgpu to use it anyway.');
      }
      await registerTfBackend('webgpu', () => import('@tensorflow/tfjs-backend-webgpu'));
      await useTfBackend('webgpu');
      return `WebGPU on ${name}${software ? ' (software, no GPU)' : ''} (@tensorflow/tfjs-backend-webgpu)`;
    },
  });
}

function gpuName(info: GpuAdapterInfo): string {
  const parts = [info.vendor, info.architecture, info.device, info.description].filter((s): s is string => Boolean(s));
  return parts.length ? [...new Set(parts)].join(' ') : 'an unnamed adapter';
}
