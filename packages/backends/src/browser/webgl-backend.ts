import { registerTfBackend, tf, useTfBackend } from '../backends/tfjs-runtime.js';
import { browserTfBackend, PassedOver, type BrowserVelocityBackend } from './browser-backend.js';
import type { GpuBackendOptions } from './webgpu-backend.js';
import { isSoftwareGpu, web, type WebGl2 } from './web-globals.js';

const RENDERER_INFO = 'WEBGL_debug_renderer_info';
const UNMASKED_RENDERER = 0x9246;

/**
 * The MLP on WebGL2 (@tensorflow/tfjs-backend-webgl): fragment shaders on the GPU, through an OffscreenCanvas in a
 * Web Worker. Passed over when there is no WebGL2 context, when it cannot render to 32-bit float textures (tfjs
 * would fall back to 16-bit floats, too coarse to train in), or when it is software-rendered (unless forced).
 */
export function browserWebglBackend(options: GpuBackendOptions = {}): BrowserVelocityBackend {
  return browserTfBackend({
    id: 'webgl',
    priority: 30,
    tfBackend: 'webgl',
    pkg: '@tensorflow/tfjs-backend-webgl',
    gpu: { syncReads: true },
    options: options.allowSoftware ? 'software' : 'hardware',
    async load() {
      const gl = webgl2Context();
      if (!gl) {
        throw new PassedOver('no WebGL2 context: the browser, its settings or its GPU blocklist refuse WebGL2.', 'chrome://gpu (or about:support) says why; wasm takes over meanwhile.');
      }
      const renderer = rendererName(gl);
      const software = isSoftwareGpu(renderer);
      if (software && !options.allowSoftware) {
        throw new PassedOver(`WebGL2 is software-rendered here (${renderer}): slower than wasm.`, 'Force it with training.device: webgl to use it anyway.');
      }
      if (!gl.getExtension('EXT_color_buffer_float')) {
        throw new PassedOver(`WebGL2 on ${renderer} cannot render to 32-bit float textures (no EXT_color_buffer_float): training in 16-bit floats would be too coarse.`, 'wasm takes over; a newer GPU driver may add the extension.');
      }
      await registerTfBackend('webgl', () => import('@tensorflow/tfjs-backend-webgl'));
      // tfjs-webgl asks for a context that fails on a "major performance caveat" (a software GPU); we decided above.
      if (software) tf.env().set('SOFTWARE_WEBGL_ENABLED', true);
      await useTfBackend('webgl');
      if (!tf.env().getBool('WEBGL_RENDER_FLOAT32_CAPABLE')) {
        throw new PassedOver(`tfjs-backend-webgl finds no 32-bit float rendering on ${renderer}: training in 16-bit floats would be too coarse.`, 'wasm takes over.');
      }
      return `WebGL2 on ${renderer}${software ? ' (software, no GPU)' : ''} (@tensorflow/tfjs-backend-webgl)`;
    },
  });
}

/** A WebGL2 context on an OffscreenCanvas (pages and Web Workers) or a canvas element; null when refused. */
function webgl2Context(): WebGl2 | null {
  const g = web();
  try {
    const canvas = g.OffscreenCanvas ? new g.OffscreenCanvas(1, 1) : g.document?.createElement('canvas');
    return canvas?.getContext('webgl2') ?? null;
  } catch {
    return null;
  }
}

/** The GPU's name as WebGL gives it (the unmasked renderer when the browser shows it, e.g. "ANGLE (… SwiftShader …)"). */
function rendererName(gl: WebGl2): string {
  const unmasked = gl.getExtension(RENDERER_INFO) ? gl.getParameter(UNMASKED_RENDERER) : undefined;
  return String(unmasked ?? gl.getParameter(gl.RENDERER) ?? 'an unnamed GPU');
}
