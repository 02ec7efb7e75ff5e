/**
 * The page's side of the worker protocol: starts the training worker, sends commands and resolves each with the
 * worker's answer, and hands every other event to the listener.
 */
import type { ChangeOutcome, Command, ConfigValues, KeyedError, RunFileOut, WorkerEvent } from './protocol.js';

export interface CommandResult {
  ok: boolean;
  errors: KeyedError[];
  /** What `export` answers with. */
  files?: RunFileOut[];
  /** What a settings change did to the model (configure only). */
  change?: ChangeOutcome;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export class WorkerClient {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, (r: CommandResult) => void>();

  constructor(onEvent: (event: WorkerEvent) => void) {
    this.worker = new Worker(new URL('./train-worker.ts', import.meta.url), { type: 'module', name: 'fv-train' });
    this.worker.onmessage = (ev: MessageEvent<WorkerEvent>) => {
      const e = ev.data;
      if (e.type === 'done') {
        this.pending.get(e.id)?.({ ok: e.ok, errors: e.errors ?? [], ...(e.files ? { files: e.files } : {}), ...(e.change ? { change: e.change } : {}) });
        this.pending.delete(e.id);
      } else onEvent(e);
    };
    this.worker.onerror = (ev) => onEvent({ type: 'error', error: { key: '', message: `The training worker failed: ${ev.message}` } });
  }

  send(cmd: DistributiveOmit<Command, 'id'>, transfer: Transferable[] = []): Promise<CommandResult> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.worker.postMessage({ ...cmd, id } as Command, transfer);
    });
  }

  init(values: ConfigValues, wasmPaths?: Record<string, string>) {
    return this.send({ type: 'init', values, ...(wasmPaths ? { wasmPaths } : {}) });
  }
}
