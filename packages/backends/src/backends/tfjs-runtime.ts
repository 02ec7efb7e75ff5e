import * as tf from '@tensorflow/tfjs-core';

/**
 * The tfjs-core instance every backend shares. tfjs keeps its backend registry global, so the wasm and cpu
 * packages (and tfjs-node, when installed) all register into this one engine.
 */
export { tf };

/**
 * Which tfjs backend name each of our backends runs on. tfjs-node and tfjs-node-gpu both register 'tensorflow';
 * 'webgl' and 'webgpu' exist only in a browser (@flow-visualizer/backends/browser).
 */
export type TfBackendName = 'wasm' | 'cpu' | 'tensorflow' | 'webgl' | 'webgpu';

const loaded = new Map<TfBackendName, Promise<void>>();

/** Imports the package that registers `name` with tfjs (once); throws what the import threw. */
export function registerTfBackend(name: TfBackendName, importer: () => Promise<unknown>): Promise<void> {
  let p = loaded.get(name);
  if (!p) {
    p = importer().then(() => undefined);
    // A failed import may succeed later (e.g. after an install in a long-lived process): don't cache failures.
    p.catch(() => loaded.delete(name));
    loaded.set(name, p);
  }
  return p;
}

/**
 * Makes `name` the active tfjs backend. tfjs runs every op on the global backend, so each model call switches
 * to its own backend first; this is a no-op when it is active already (the usual case: one model per process).
 */
export async function useTfBackend(name: TfBackendName): Promise<void> {
  if (tf.getBackend() === name) return;
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`tfjs could not initialise its '${name}' backend`);
  await tf.ready();
  // tfjs-cpu prints an advert for tfjs-node on first use; our backend list (fv doctor) already says it is slow.
  if (name === 'cpu') (tf.findBackend('cpu') as unknown as { firstUse?: boolean }).firstUse = false;
}
