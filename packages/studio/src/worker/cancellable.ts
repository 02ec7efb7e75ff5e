/**
 * Long work in the worker (a preview of many steps, the quality figures) stays cancellable mid-solve: the model it
 * runs on gives way to the worker's message loop every few milliseconds (so that a Pause, a Reset or a new value
 * is read at once) and then checks whether its work is still wanted. A model's evaluations resolve as microtasks
 * on every backend, which let no message in; a macrotask does. MessageChannel rather than setTimeout(0), which
 * browsers clamp to 4 ms once nested.
 */
import type { VelocityModel } from '@flow-visualizer/core';

/** Thrown into work whose result nobody wants any more (caught by whoever started it, never shown). */
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

/** How long work may run before it lets the message loop turn (ms): short enough that a click feels instant. */
const SLICE_MS = 25;

const channel = typeof MessageChannel === 'function' ? new MessageChannel() : undefined;
const waiting: (() => void)[] = [];
if (channel) channel.port1.onmessage = () => waiting.shift()?.();

/** Resolves after one turn of the message loop (pending messages, such as a pause, are handled first). */
export function nextMessageTurn(): Promise<void> {
  if (!channel) return new Promise((r) => setTimeout(r, 0));
  return new Promise((r) => {
    waiting.push(r);
    channel.port2.postMessage(0);
  });
}

/**
 * Whether work bound to `check` was cancelled, whatever reached its caller: a plugin (an integrator) may wrap the
 * Cancelled it saw into its own error, so the token is asked, not the error.
 */
export function wasCancelled(e: unknown, check: () => void): boolean {
  if (e instanceof Cancelled) return true;
  try {
    check();
    return false;
  } catch {
    return true;
  }
}

/** A cancellation token: `cancel()` makes every check of work started before it throw Cancelled. */
export class CancelToken {
  private generation = 0;
  /** A check bound to the work starting now. */
  start(): () => void {
    const mine = this.generation;
    return () => {
      if (mine !== this.generation) throw new Cancelled();
    };
  }
  cancel(): void {
    this.generation++;
  }
}

/**
 * `model` whose predictions give way to the message loop every SLICE_MS and then run `check` (which throws
 * Cancelled when the work is no longer wanted). Training calls (trainStep) are not for this wrapper.
 */
export function cancellableModel(model: VelocityModel, check: () => void): VelocityModel {
  let last = performance.now();
  const turn = async () => {
    if (performance.now() - last >= SLICE_MS) {
      await nextMessageTurn();
      last = performance.now();
    }
    check();
  };
  return {
    backend: model.backend,
    spec: model.spec,
    trainStep: () => Promise.reject(new Error('A cancellable view of a model does not train.')),
    // c: a conditional model's condition per point, passed on as given.
    async predict(x, t, c) {
      await turn();
      return c === undefined ? model.predict(x, t) : model.predict(x, t, c);
    },
    ...(model.jacobian
      ? {
          async jacobian(x: Float32Array, t: number) {
            await turn();
            return model.jacobian!(x, t);
          },
        }
      : {}),
    save: (dir) => model.save(dir),
    numTensors: () => model.numTensors(),
    dispose: () => model.dispose(),
  };
}
