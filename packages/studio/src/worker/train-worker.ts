/// <reference lib="webworker" />
/**
 * The Web Worker that owns the model: the page never trains on its own thread, so it stays responsive. Each
 * command is answered by one `done` message with its id; commands run in the order they came, except `pause`,
 * which must reach a running training at once.
 */
import { browserBackendPlugins } from '@flow-visualizer/backends/browser';
import { keyedErrors } from '../config/keyed-errors.js';
import { CommandError, Trainer } from './trainer.js';
import type { Command, WorkerEvent } from './protocol.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (event: WorkerEvent, transfer: Transferable[] = []) => scope.postMessage(event, transfer);
let trainer: Trainer | undefined;
let queue: Promise<void> = Promise.resolve();

async function handle(cmd: Command): Promise<void> {
  if (cmd.type === 'init') {
    trainer = new Trainer(post, () => browserBackendPlugins());
    return trainer.init(cmd.values);
  }
  if (!trainer) throw new Error('The worker got a command before init.');
  switch (cmd.type) {
    case 'configure':
      return trainer.configure(cmd.values);
    case 'train':
      return trainer.train();
    case 'pause':
      return trainer.pause();
    case 'step':
      return trainer.step();
    case 'reset':
      return trainer.reset();
  }
}

function answer(cmd: Command, work: Promise<void>): Promise<void> {
  return work.then(
    () => post({ type: 'done', id: cmd.id, ok: true }),
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
