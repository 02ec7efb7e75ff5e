/**
 * Worker thread of the PairingPool: builds the pairing its spec names, then answers pair requests in order.
 * Errors go back as data (code, message, hint) so that the training thread can raise the same FvError.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Pairing, PairingWorkerSpec } from '../ports/probability-path.js';
import { createRng } from '../rng.js';
import type { PairRequest, PairReply } from './pairing-protocol.js';

const port = parentPort!;
const spec = workerData as PairingWorkerSpec;

function errorReply(id: number, e: unknown): PairReply {
  const err = e as { code?: string; message?: string; hint?: string };
  return { id, error: { code: err.code, message: err.message ?? String(e), hint: err.hint } };
}

const ready: Promise<Pairing> = import(spec.module).then((mod: Record<string, unknown>) => {
  const factory = mod[spec.export];
  if (typeof factory !== 'function') throw new Error(`${spec.module} has no export '${spec.export}'`);
  return (factory as (o: unknown) => Pairing)(spec.options);
});
// Reported on the first request instead of killing the thread unseen.
ready.catch(() => undefined);

port.on('message', (req: PairRequest) => {
  ready
    .then((pairing) => {
      const out = pairing.pair(req.x0, req.x1, createRng(req.seed, req.label));
      port.postMessage({ id: req.id, out } satisfies PairReply, [out.buffer as ArrayBuffer]);
    })
    .catch((e: unknown) => port.postMessage(errorReply(req.id, e)));
});
