import { FvError, errorMessage, type BackendProbe, type ModelSpec, type VelocityBackend, type VelocityModel } from '@flow-visualizer/core';
import { MlpVelocityModel } from '../model/mlp-model.js';
import { checkSpec } from '../model/spec.js';
import { initialState, type MlpState } from '../model/state.js';
import { loadMlp } from '../model/store.js';
import { warmStartState } from '../model/warm-start.js';
import { MlpEngine } from '../model/engine.js';
import { TfjsSource } from '../model/sources/tfjs-source.js';
import { WorkerPoolSource } from '../model/sources/worker-pool-source.js';
import { threadsNote } from './threads-note.js';
import { registerTfBackend, useTfBackend, type TfBackendName } from './tfjs-runtime.js';

/** How one of our backends gets its tfjs backend. */
export interface TfjsBackendDef {
  id: string;
  priority: number;
  aliases?: readonly string[];
  /** npm package that provides it. */
  pkg: string;
  /** The GPU backends of a browser (webgl, webgpu) are @flow-visualizer/backends/browser's. */
  tfBackend: Exclude<TfBackendName, 'webgl' | 'webgpu'>;
  /** Imports `pkg` (which registers the tfjs backend as a side effect). */
  importer: () => Promise<unknown>;
  /** What it is, for the probe's reason when it loads. */
  what: string;
  /** Extra advice when it is not installed. */
  installNote?: string;
}

/** Import a module whose name TypeScript must not resolve at build time (an optional peer dependency). */
export const importOptional = (name: string): Promise<unknown> => import(name);

function notInstalled(e: unknown, pkg: string): boolean {
  const code = (e as NodeJS.ErrnoException)?.code;
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && errorMessage(e).includes(pkg);
}

/** A VelocityBackend running the MLP on one tfjs backend. */
export function tfjsBackend(def: TfjsBackendDef): VelocityBackend {
  let probed: Promise<BackendProbe> | undefined;
  const probe = (): Promise<BackendProbe> =>
    (probed ??= (async (): Promise<BackendProbe> => {
      try {
        await registerTfBackend(def.tfBackend, def.importer);
        await useTfBackend(def.tfBackend);
        const threads = def.tfBackend === 'tensorflow' ? '' : `; ${threadsNote(def.tfBackend)}`;
        return { ok: true, reason: def.what + threads };
      } catch (e) {
        probed = undefined; // let a later probe try again
        if (notInstalled(e, def.pkg)) {
          return {
            ok: false,
            reason: `${def.pkg} is not installed.`,
            hint: `npm install ${def.pkg}${def.installNote ? ` (${def.installNote})` : ''}`,
          };
        }
        return { ok: false, reason: `${def.pkg} failed to load: ${errorMessage(e)}`, hint: `Reinstall it: npm install ${def.pkg}` };
      }
    })());

  const ready = async () => {
    const p = await probe();
    if (!p.ok) throw new FvError('BACKEND_UNAVAILABLE', `The '${def.id}' backend cannot load here: ${p.reason}`, { hint: p.hint });
  };
  const build = async (spec: ModelSpec, state: MlpState): Promise<VelocityModel> =>
    new MlpVelocityModel(
      def.id,
      spec,
      // libtensorflow (tfjs-node) uses every core by itself; wasm and cpu are single-threaded in Node: split batches.
      new MlpEngine(spec, state, def.tfBackend === 'tensorflow' ? await TfjsSource.create(spec, def.tfBackend) : await WorkerPoolSource.create(spec, def.tfBackend)),
    );

  return {
    id: def.id,
    priority: def.priority,
    aliases: def.aliases,
    probe,
    async createModel(spec) {
      checkSpec(spec);
      await ready();
      return build(spec, initialState(spec));
    },
    async loadModel(dir) {
      const saved = await loadMlp(dir);
      await ready();
      return build(saved.spec, saved.state);
    },
    async createModelFrom(spec, dir) {
      checkSpec(spec);
      const state = await warmStartState(spec, dir);
      await ready();
      return build(spec, state);
    },
  };
}

const GPU_NOTE = 'needs CUDA and cuDNN, and internet access: its install downloads libtensorflow';
const NODE_NOTE = 'needs internet access: its install downloads libtensorflow';

/** tfjs-node-gpu: libtensorflow with CUDA. Optional; its install downloads libtensorflow. */
export const gpuBackend = (): VelocityBackend =>
  tfjsBackend({
    id: 'gpu', priority: 40, aliases: ['cuda', 'node-gpu'], pkg: '@tensorflow/tfjs-node-gpu', tfBackend: 'tensorflow',
    importer: () => importOptional('@tensorflow/tfjs-node-gpu'), what: 'TensorFlow with CUDA (@tensorflow/tfjs-node-gpu)', installNote: GPU_NOTE,
  });

/** tfjs-node: libtensorflow on the CPU. Optional; its install downloads libtensorflow. */
export const nodeBackend = (): VelocityBackend =>
  tfjsBackend({
    id: 'node', priority: 30, aliases: ['tensorflow'], pkg: '@tensorflow/tfjs-node', tfBackend: 'tensorflow',
    importer: () => importOptional('@tensorflow/tfjs-node'), what: 'TensorFlow on the CPU (@tensorflow/tfjs-node)', installNote: NODE_NOTE,
  });

/** tfjs-backend-wasm: WebAssembly with SIMD, ships inside its npm package; the fastest that always loads. */
export const wasmBackend = (): VelocityBackend =>
  tfjsBackend({
    id: 'wasm', priority: 20, pkg: '@tensorflow/tfjs-backend-wasm', tfBackend: 'wasm',
    importer: () => import('@tensorflow/tfjs-backend-wasm'), what: 'WebAssembly + SIMD (@tensorflow/tfjs-backend-wasm)',
  });

/** tfjs-backend-cpu: plain JavaScript; slow (~20× wasm) but runs anywhere. */
export const cpuBackend = (): VelocityBackend =>
  tfjsBackend({
    id: 'cpu', priority: 10, pkg: '@tensorflow/tfjs-backend-cpu', tfBackend: 'cpu',
    importer: () => import('@tensorflow/tfjs-backend-cpu'), what: 'plain JavaScript (@tensorflow/tfjs-backend-cpu; slow)',
  });
