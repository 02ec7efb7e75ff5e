/**
 * Where training stands: the epoch counter, epochs per second (over the last few epochs), the backend that
 * trains, and every backend with the reason it was taken or passed over (as `fv doctor` lists them).
 */
import { clipMessage } from '../controls/clip-message.js';
import type { BackendLine } from '../worker/protocol.js';

export class StatusView {
  readonly root: HTMLElement;
  private readonly epochEl: HTMLElement;
  private readonly speedEl: HTMLElement;
  private readonly backendEl: HTMLElement;
  private readonly list: HTMLElement;
  private readonly message: HTMLElement;

  constructor() {
    this.root = document.createElement('div');
    this.root.className = 'status';
    this.root.innerHTML =
      '<span class="stat"><b>epoch</b> <output id="epoch">0 / 0</output></span>' +
      '<span class="stat"><b>epochs/s</b> <output id="speed">–</output></span>' +
      '<span class="stat"><b>backend</b> <output id="backend">…</output></span>' +
      '<details class="backends"><summary>why this backend</summary><ul></ul></details>' +
      '<p class="status-msg" role="status"></p>';
    this.epochEl = this.root.querySelector('#epoch')!;
    this.speedEl = this.root.querySelector('#speed')!;
    this.backendEl = this.root.querySelector('#backend')!;
    this.list = this.root.querySelector('.backends ul')!;
    this.message = this.root.querySelector('.status-msg')!;
  }

  epoch(epoch: number, nEpochs: number, running: boolean): void {
    this.epochEl.textContent = `${epoch} / ${nEpochs}`;
    this.root.classList.toggle('running', running);
  }

  speed(epochsPerSecond: number | undefined): void {
    this.speedEl.textContent = epochsPerSecond === undefined ? '–' : epochsPerSecond >= 10 ? epochsPerSecond.toFixed(0) : epochsPerSecond.toFixed(2);
  }

  backends(lines: BackendLine[], taken: string): void {
    this.backendEl.textContent = taken;
    this.list.replaceChildren(
      ...lines.map((l) => {
        const li = document.createElement('li');
        li.dataset.backend = l.id;
        li.className = l.taken ? 'taken' : l.ok ? 'ok' : 'passed';
        const state = l.taken ? 'taken' : l.ok ? 'loads (lower priority, or not chosen)' : 'passed over';
        li.textContent = `${l.id}: ${state}: ${l.reason}${!l.ok && l.hint ? ` ${l.hint}` : ''}`;
        return li;
      }),
    );
  }

  /** A line under the status: a failure (red) or a note (grey). */
  say(text: string, note = false): void {
    this.message.textContent = clipMessage(text);
    this.message.classList.toggle('note', note);
  }
}
