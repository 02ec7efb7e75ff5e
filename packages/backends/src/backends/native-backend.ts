import { FvError, errorMessage, type BackendProbe, type ModelSpec, type VelocityBackend, type VelocityModel } from '@flow-visualizer/core';
import { MlpVelocityModel } from '../model/mlp-model.js';
import { loadAddon } from '../model/native-net.js';
import { MlpEngine } from '../model/engine.js';
import { NativeSource } from '../model/sources/native-source.js';
import { checkSpec, inputDimOf } from '../model/spec.js';
import { initialState, type MlpState } from '../model/state.js';
import { loadMlp } from '../model/store.js';
import { warmStartState } from '../model/warm-start.js';
import { threadsNote } from './threads-note.js';

const BUILD_HINT =
  'It is compiled by `npm run build` when a C compiler (gcc) and the Node-API headers are present: install gcc, then run `npm run build -w @flow-visualizer/backends`.';

/**
 * The MLP in C (native/fv_mlp_*.c), compiled by the package's build with kernels for several instruction sets
 * (chosen at load): not tfjs, but the same model, maths and files, ~7× faster than tfjs-wasm (README, Speed), on a thread pool
 * of its own. Optional: without a compiler (and no prebuilt addon in the package) it reports itself unavailable.
 */
export function nativeBackend(): VelocityBackend {
  const probe = async (): Promise<BackendProbe> => {
    try {
      const addon = loadAddon();
      return { ok: true, reason: `C addon, ${addon.isa} kernels (of ${addon.isas.replace(/,/g, ', ')} on this CPU; FV_NATIVE_ISA=<set> to force one); ${threadsNote('native')}` };
    } catch (e) {
      if ((e as { code?: string }).code === 'FV_NATIVE_NOT_BUILT') return { ok: false, reason: `${errorMessage(e)}.`, hint: BUILD_HINT };
      return { ok: false, reason: `the native addon does not load: ${errorMessage(e)}`, hint: BUILD_HINT };
    }
  };
  const build = async (spec: ModelSpec, state: MlpState): Promise<VelocityModel> => {
    const p = await probe();
    if (!p.ok) throw new FvError('BACKEND_UNAVAILABLE', `The 'native' backend cannot load here: ${p.reason}`, { hint: p.hint });
    return new MlpVelocityModel('native', spec, new MlpEngine(spec, state, new NativeSource(spec)));
  };
  return {
    id: 'native',
    // Above wasm: where it builds (gcc + Node-API headers, this CPU) it trains ~7× faster than tfjs-wasm (README, Speed).
    priority: 25,
    aliases: ['c'],
    probe,
    // fv_mlp_grad.c's training step keeps a transpose buffer of maxWidth × max(maxWidth, batch) floats (per thread).
    extraMemoryBytes(spec, batch) {
      const maxd = Math.max(inputDimOf(spec) + spec.timeEmbedDim, ...spec.hiddenDims);
      return 4 * maxd * Math.max(maxd, batch);
    },
    async createModel(spec) {
      checkSpec(spec);
      return build(spec, initialState(spec));
    },
    async loadModel(dir) {
      const saved = await loadMlp(dir);
      return build(saved.spec, saved.state);
    },
    async createModelFrom(spec, dir) {
      checkSpec(spec);
      return build(spec, await warmStartState(spec, dir));
    },
  };
}
