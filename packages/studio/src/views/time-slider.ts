/** The time slider under the views (t from 0, noise, to 1, data) with a play button that sweeps it. */
import { PREVIEW_TIMES } from '../config/view-box.js';

export class TimeSlider {
  readonly root: HTMLElement;
  readonly input: HTMLInputElement;
  private readonly play: HTMLButtonElement;
  private readonly readout: HTMLOutputElement;
  private playing = 0;

  constructor(private readonly onChange: (index: number) => void) {
    this.root = document.createElement('div');
    this.root.className = 'time';
    this.play = document.createElement('button');
    this.play.type = 'button';
    this.play.className = 'play';
    this.play.textContent = '▶';
    this.play.setAttribute('aria-label', 'play the flow from noise to data');
    this.input = document.createElement('input');
    this.input.type = 'range';
    this.input.min = '0';
    this.input.max = String(PREVIEW_TIMES.length - 1);
    this.input.value = this.input.max;
    this.input.setAttribute('aria-label', 'time t');
    this.readout = document.createElement('output');
    this.readout.textContent = 't = 1.00';
    this.root.append(this.play, this.input, this.readout);
    this.input.addEventListener('input', () => this.changed());
    this.play.addEventListener('click', () => (this.playing ? this.stop() : this.start()));
  }

  get index(): number {
    return Number(this.input.value);
  }

  private changed(): void {
    this.readout.textContent = `t = ${PREVIEW_TIMES[this.index].toFixed(2)}`;
    this.onChange(this.index);
  }

  private start(): void {
    const last = PREVIEW_TIMES.length - 1;
    if (this.index === last) this.input.value = '0';
    this.play.textContent = '❚❚';
    let prev = performance.now();
    const tick = (now: number) => {
      if (now - prev >= 90) {
        prev = now;
        this.input.value = String(Math.min(last, this.index + 1));
        this.changed();
        if (this.index === last) return this.stop();
      }
      this.playing = requestAnimationFrame(tick);
    };
    this.playing = requestAnimationFrame(tick);
  }

  private stop(): void {
    cancelAnimationFrame(this.playing);
    this.playing = 0;
    this.play.textContent = '▶';
  }
}
