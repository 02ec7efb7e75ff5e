/**
 * The richer live views and the pretrained demo, wired to the page: particles with trails, the pairing lines
 * of a batch, the density over time, and the banner that says when the views show a pretrained model rather
 * than the user's. The studio hands it the worker's events; it asks the worker for pairs and for the demo.
 */
import './live-views.css';
import type { CommandResult } from '../worker/client.js';
import type { Command, ConfigValues, Preview } from '../worker/protocol.js';
import { DensityView } from './density-view.js';
import { PairingView } from './pairing-view.js';
import { ParticlesView } from './particles-view.js';
import { PretrainedModels } from './pretrained.js';
import type { PairBatch, PretrainedInfo } from './live-protocol.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface LiveHost {
  send(cmd: DistributiveOmit<Command, 'id'>): Promise<CommandResult>;
  /** The page's accepted settings. */
  values(): ConfigValues;
  /** Resolves once the edits under way are applied (the settings then match the worker's model). */
  settled(): Promise<unknown>;
  train(): Promise<unknown>;
}

/** What `window.fvStudio.state()` adds for these views. */
export interface LiveState {
  /** Set while the views show the pretrained demo model (the run's own model is untrained). */
  pretrained?: PretrainedInfo;
  particles: { playing: boolean; t: number };
  /** `x1`: the couples' data points (n×2); `classes`: a class-conditional run's, each one's class. */
  pairs?: { pairing: string; own: boolean; n: number; cost: number; x1: number[]; classes?: number[] };
  /** The density view's colouring: one ramp, or by class (a class-conditional model's, when its box is ticked). */
  density: { byClass: boolean };
}

export class LiveViews {
  readonly density = new DensityView();
  readonly particles = new ParticlesView();
  readonly pairing: PairingView;
  /** The "pretrained — train it yourself" line above the views. */
  readonly banner: HTMLElement;
  private readonly bannerText: HTMLSpanElement;
  private readonly models = new PretrainedModels();
  private demo?: PretrainedInfo;
  private batch?: PairBatch;
  private target?: Float32Array;
  private pending: Promise<unknown> = Promise.resolve();

  constructor(private readonly host: LiveHost) {
    this.pairing = new PairingView(() => void this.requestPairs());
    this.banner = document.createElement('div');
    this.banner.className = 'pretrained-note';
    this.banner.setAttribute('role', 'status');
    this.banner.hidden = true;
    this.bannerText = document.createElement('span');
    const yours = document.createElement('button');
    yours.type = 'button';
    yours.name = 'train-yourself';
    yours.textContent = 'Train it yourself';
    yours.addEventListener('click', () => void this.host.train());
    this.banner.append(this.bannerText, yours);
  }

  /** The panels, in the order they go into the page's grid (the density's spans the row). */
  get panels(): HTMLElement[] {
    return [this.particles.panel.root, this.pairing.panel.root, this.density.panel.root];
  }

  /** A new model in the worker (settings, reset, import): fresh pairs; the demo when the model is untrained. */
  model(target: Float32Array, epoch: number): void {
    this.target = target;
    this.showDemo(undefined);
    this.particles.show(undefined, target);
    this.density.draw(undefined);
    void this.requestPairs();
    if (epoch === 0) {
      this.pending = this.host
        .settled()
        .then(() => this.models.forValues(this.host.values()))
        .then((m) => (m ? this.host.send({ type: 'pretrained', model: m }) : undefined));
    }
  }

  preview(p: Preview): void {
    this.showDemo(p.pretrained);
    this.particles.show(p, this.target);
    this.density.draw(p.density, p.pretrained ? `pretrained model, ${p.n} samples per frame` : `epoch ${p.epoch}, ${p.n} samples per frame`, p.condition?.classNames);
  }

  pairs(batch: PairBatch): void {
    this.batch = batch;
    this.pairing.show(batch);
  }

  running(on: boolean): void {
    if (on && this.demo) this.bannerText.textContent = `Training your own ${this.demo.dataset} model: it replaces the pretrained one at its first preview.`;
  }

  /** Resolves when the demo asked for on the last new model has been shown (or found missing). */
  idle(): Promise<unknown> {
    return this.pending;
  }

  state(): LiveState {
    const b = this.batch;
    return {
      ...(this.demo ? { pretrained: { ...this.demo } } : {}),
      particles: { playing: this.particles.playing, t: this.particles.time },
      density: { byClass: this.density.showingClasses },
      ...(b ? { pairs: { pairing: b.pairing, own: b.own, n: b.n, cost: b.cost, x1: Array.from(b.x1), ...(b.classes ? { classes: Array.from(b.classes) } : {}) } } : {}),
    };
  }

  private async requestPairs(): Promise<void> {
    const r = await this.host.send({ type: 'pairs', ...(this.pairing.wanted ? { pairing: this.pairing.wanted } : {}) });
    if (!r.ok) this.pairing.problem(r.errors.map((e) => e.message).join(' '));
  }

  private showDemo(info: PretrainedInfo | undefined): void {
    this.demo = info;
    this.banner.hidden = !info;
    if (!info) return;
    this.bannerText.textContent = `Pretrained demo: a small ${info.hiddenDims.join('×')} network, ${info.epochs} epochs on ${info.dataset} (scripts/make-pretrained.mjs), not your model. Yours replaces it as soon as it trains.`;
  }
}
