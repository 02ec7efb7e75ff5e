/// <reference lib="webworker" />
/**
 * The Web Worker that owns the model: the page never trains on its own thread, so it stays responsive. Each
 * command is answered by one `done` message with its id; commands run in the order they came, except `pause`,
 * which must reach a running training at once.
 */
// tsyringe (the run's container) needs Reflect's metadata API before it loads: the smallest polyfill, first.
import '@abraham/reflection';
import { browserBackendPlugins } from '@flow-visualizer/backends/browser';
// tfjs-backend-wasm's binaries, served beside the app (Vite copies them into dist/assets): no request leaves the origin.
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { keyedErrors } from '../config/keyed-errors.js';
import { CommandError, Trainer } from './trainer.js';
import type { ChangeOutcome, Command, RunFileOut, WorkerEvent } from './protocol.js';

const wasmPaths = { 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded };
const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (event: WorkerEvent, transfer: Transferable[] = []) => scope.postMessage(event, transfer);
let trainer: Trainer | undefined;
let queue: Promise<void> = Promise.resolve();

async function handle(cmd: Command): Promise<void | RunFileOut[] | ChangeOutcome> {
  if (cmd.type === 'init') {
    trainer = new Trainer(post, (device) => browserBackendPlugins({ wasmPaths, device }));
    return trainer.init(cmd.values);
  }
  if (!trainer) throw new Error('The worker got a command before init.');
  switch (cmd.type) {
    case 'configure':
      return trainer.configure(cmd.values, cmd.files);
    case 'import':
      return trainer.import(cmd.values, cmd.spec, cmd.state, cmd.lossHistory);
    case 'train':
      return trainer.train();
    case 'pause':
      return trainer.pause();
    case 'step':
      return trainer.step();
    case 'reset':
      return trainer.reset();
    case 'export':
      return trainer.export();
    case 'pairs':
      return trainer.pairs(cmd.pairing);
    case 'pretrained':
      return trainer.pretrained(cmd.model);
  }
}

function answer(cmd: Command, work: Promise<void | RunFileOut[] | ChangeOutcome>): Promise<void> {
  return work.then(
    (r) => {
      // A configure answers what became of the model; an export, its files.
      const files = Array.isArray(r) ? r : undefined;
      post({ type: 'done', id: cmd.id, ok: true, ...(files ? { files } : {}), ...(typeof r === 'string' ? { change: r } : {}) }, files ? files.map((f) => f.data.buffer as ArrayBuffer) : []);
    },
    (e) => post({ type: 'done', id: cmd.id, ok: false, errors: e instanceof CommandError ? e.errors : keyedErrors(e) }),
  );
}

scope.onmessage = (ev: MessageEvent<Command>) => {
  const cmd = ev.data;
  if (cmd.type === 'pause') {
    void answer(cmd, Promise.resolve().then(() => handle(cmd)));
    return;
  }
  queue = queue.then(() => answer(cmd, handle(cmd)));
};
