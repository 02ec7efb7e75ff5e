/**
 * A gradient worker: its own tfjs (wasm or cpu) or C addon running the MLP on a slice of each batch. It reads the
 * parameters from shared memory (written by the main thread's Adam) and writes its partial gradient there.
 */
import { parentPort } from 'node:worker_threads';
import { registerTfBackend, useTfBackend } from '../../backends/tfjs-runtime.js';
import { createTfjsNet } from '../nets.js';
import { createNativeNet } from '../native-nets.js';
import type { MlpNet } from '../net.js';
import type { FromWorker, ToWorker } from './protocol.js';

const port = parentPort!;
let net: MlpNet | undefined;
let params: Float32Array;
let grad: Float32Array;

const send = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

port.on('message', async (m: ToWorker) => {
  try {
    if (m.kind === 'init') {
      const name = m.net;
      if (name === 'native') {
        net = createNativeNet(m.spec);
      } else {
        await registerTfBackend(name, () => (name === 'wasm' ? import('@tensorflow/tfjs-backend-wasm') : import('@tensorflow/tfjs-backend-cpu')));
        await useTfBackend(name);
        net = await createTfjsNet(m.spec, name);
      }
      params = new Float32Array(m.params);
      grad = new Float32Array(m.grad);
      send({ kind: 'ready' });
    } else if (m.kind === 'grad') {
      const sse = net!.lossAndGrad(params, m.x, m.t, m.target, m.scale, grad);
      send({ kind: 'grad', id: m.id, sse });
    } else if (m.kind === 'predict') {
      const out = net!.forward(params, m.x, m.t);
      send({ kind: 'predict', id: m.id, out }, [out.buffer as ArrayBuffer]);
    }
  } catch (e) {
    send({ kind: 'error', id: (m as { id?: number }).id, message: e instanceof Error ? e.stack ?? e.message : String(e) });
  }
});
