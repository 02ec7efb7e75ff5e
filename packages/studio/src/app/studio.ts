/**
 * The app: settings form, training worker, live views and the URL, wired together. Settings are applied only
 * when the worker accepts them (a refused value shows its message beside its control and the model stays as it
 * was); accepted settings go into the URL.
 */
import { catalog } from '../controls/catalog.js';
import { fieldGroups } from '../controls/fields.js';
import { ControlsForm } from '../controls/form.js';
import { defaultValues, getKey, setKey } from '../config/settings.js';
import { WorkerClient, type CommandResult } from '../worker/client.js';
import type { BackendLine, ChangeOutcome, ConditionInfo, ConfigValues, LikelihoodFigures, Preview, RunFileOut, StableQualityFigures, WorkerEvent } from '../worker/protocol.js';
import { addExplanation, addLegend, LEGENDS, type ViewId } from '../views/explain.js';
import { changeMessage } from './change-message.js';
import { FlowViews } from '../views/point-views.js';
import { LossView } from '../views/loss-view.js';
import { QualityView } from '../views/quality-view.js';
import { LikelihoodView } from '../views/likelihood-view.js';
import { StatusView } from '../views/status-view.js';
import { TimeSlider } from '../views/time-slider.js';
import { hashToValues, valuesToHash, type ImportedRun } from '../io/index.js';
import { DataPanel } from './data-panel.js';
import { inlinePointsConfig } from '../data/drop-file.js';
import { RunIo } from './run-io.js';
import { button } from './button.js';
import { LiveViews, type LiveState } from '../live/live-views.js';
import { ConditionPanel, type ConditionState } from './condition-panel.js';
import { conditionalChanges, drawnWithClasses, padClassNames } from './conditional-settings.js';
import { SourcePanel } from './source-panel.js';
import type { PairBatch } from '../live/live-protocol.js';

export interface StudioState extends LiveState {
  epoch: number;
  nEpochs: number;
  lossHistory: number[];
  running: boolean;
  backend: string;
  backends: BackendLine[];
  epochsPerSecond?: number;
  quality?: Preview['quality'];
  /** The likelihood view's latest figures (its grids left out): NLL, solver, epoch, or why there is none. */
  likelihood?: Omit<LikelihoodFigures, 'modelLogp' | 'targetLogp'>;
  /** Epoch of the model the views show, and how many previews arrived. */
  previewEpoch: number;
  previews: number;
  /** Messages shown beside controls, by key ('' for the general line). */
  errors: Record<string, string>;
  values: ConfigValues;
  /** Class to sample, guidance, brush class (conditional models; disabled otherwise). */
  conditioning: ConditionState;
  /** The quality bar's figure (the CLI's stable sliced-W1 ratio on a fixed number of points, its noise, W2 at rest). */
  stableQuality?: StableQualityFigures;
  /** What the last accepted settings change did to the model, and what the page said about it. */
  lastChange?: { outcome: ChangeOutcome; message: string };
  /** After an optimiser change: the epoch training went on from, and the Adam steps carried over (not reset to 0). */
  retuned?: { epoch: number; optimizerSteps: number };
  /** Previews given up half way because a pause, a reset or a new value came first. */
  previewsCancelled: number;
  /** The quality chart's points (epoch, ratio, points scored): every one of the same size. */
  qualityHistory: { epoch: number; ratio: number; n: number }[];
  /**
   * The source pad (shown, points on it) and where the views start: the paths view's t = 0 points (the ones it
   * draws) and the pairing view's start points, n×2 interleaved.
   */
  source: { padShown: boolean; padPoints: number; pathsStart?: number[]; pairsStart?: number[] };
}

export class Studio {
  private readonly defaults = defaultValues();
  /** Every pairing (c2ot is offered only while the model is conditional). */
  private readonly pairings: string[];
  private values: ConfigValues;
  private readonly client: WorkerClient;
  private readonly form: ControlsForm;
  private readonly flow = new FlowViews();
  private readonly loss = new LossView();
  private readonly quality = new QualityView();
  private readonly likelihood = new LikelihoodView();
  private likelihoodFigures?: LikelihoodFigures;
  private readonly status = new StatusView();
  private readonly slider: TimeSlider;
  private readonly trainButton: HTMLButtonElement;
  private readonly data: DataPanel;
  private readonly runIo: RunIo;
  /** Particles, pairing lines, density over time and the pretrained demo (live/). */
  private readonly live: LiveViews;
  readonly conditioning: ConditionPanel;
  /**
   * The switch as the user set it, until the settings agree: a refused switch stays on (a drawing of one class
   * may still get its second), and a model announced before its settings are taken does not flip it back.
   */
  private wantConditional?: boolean;
  /** Classes shown without a conditional model (previewConditionalControls), until the next model. */
  private previewClasses?: string[];
  private target?: Float32Array;
  /** The model's condition (from the worker) and the class of each target point shown, for a conditional model. */
  private modelCondition?: ConditionInfo;
  private targetClasses?: Int32Array;
  private preview?: Preview;
  private previews = 0;
  private previewsCancelled = 0;
  private stableQuality?: StableQualityFigures;
  private lastChange?: { outcome: ChangeOutcome; message: string };
  private retuned?: { epoch: number; optimizerSteps: number };
  private readonly app: HTMLElement;
  private lossHistory: number[] = [];
  private epochSeconds: number[] = [];
  private epoch = 0;
  private nEpochs = 0;
  private running = false;
  private backend = '';
  private backendLines: BackendLine[] = [];
  private edits: Promise<unknown> = Promise.resolve();
  /** The built-in dataset in use before the pad was drawn on: Clear goes back to it. */
  private beforeDrawing?: { name: unknown; options: unknown };
  /** The source pad ("start from": drawn), the source used before drawing on it (Clear source goes back to it). */
  readonly sourcePad: SourcePanel;
  private beforeDrawingSource?: { name: unknown; options: unknown };
  /** "drawn" picked: the pad stays open (and the picker says "drawn") while it waits for a stroke. */
  private sourceWanted = false;
  /** Set while Clear source puts the old source back: the pad stays open for the next stroke. */
  private clearingSource = false;
  private pairsShown?: PairBatch;
  readonly ready: Promise<void>;

  constructor(root: HTMLElement) {
    const cat = catalog();
    this.pairings = cat.pairings;
    const fromUrl = hashToValues(location.hash);
    this.values = fromUrl.values as unknown as ConfigValues;
    this.app = root;
    const [header, primary, views, more] = ['header', 'primary', 'views', 'more'].map((id) => root.querySelector<HTMLElement>(`#${id}`)!);
    header.append(this.status.root);

    const bar = document.createElement('div');
    bar.className = 'toolbar';
    this.trainButton = button('Train', 'train', () => void (this.running ? this.pause() : this.train()));
    bar.append(this.trainButton, button('Step', 'step', () => void this.step()), button('Reset', 'reset', () => void this.reset()));
    primary.append(bar);
    this.runIo = new RunIo({ exportFiles: () => this.exportFiles(), values: () => this.values, imported: (run) => this.importRun(run) });
    this.form = new ControlsForm(primary, more, fieldGroups(cat, []), cat, (key, value) => void (key === 'source.name' ? this.pickSource(value) : this.set({ [key]: value })));
    this.form.displayAs('source.name', (v) => (this.sourceWanted ? 'points' : v));
    this.form.show((k) => getKey(this.values, k));
    this.form.showErrors(fromUrl.problems);
    this.conditioning = new ConditionPanel({ changed: (c) => void this.resample(c), settings: (c) => void this.setConditional(c.conditional, c.on) });
    primary.append(this.conditioning.root);

    this.slider = new TimeSlider(() => this.drawFlow());
    const grid = document.createElement('div');
    grid.className = 'panels';
    this.data = new DataPanel({
      drawn: (d, labels) => {
        // With class brushes the drawing carries its classes; a conditional model waits for a second class.
        const drawn = drawnWithClasses(d, labels, this.conditioning.state.conditional && this.conditioning.state.on === 'class');
        if (drawn.wait) return void this.data.inform(drawn.wait);
        if (!['points', 'svg', 'image'].includes(String(getKey(this.values, 'data.name')))) this.beforeDrawing = { name: getKey(this.values, 'data.name'), options: getKey(this.values, 'data.options') };
        const trained = this.epoch;
        return this.set({ 'data.name': d.name, 'data.options': drawn.options, ...drawn.also }).then((r) => {
          // Said plainly where the finger is, not only in the status line at the top of the page.
          if (r.ok && r.change === 'reset') this.data.inform(trained > 0 ? `Your drawing is the data now: a new model starts at epoch 0 (the old one had trained ${trained} epoch${trained === 1 ? '' : 's'}). Press Train.` : 'Your drawing is the data now. Press Train.');
          return r;
        });
      },
      cleared: () => void this.padCleared(),
      // A points file goes inline (an exported config.yaml then needs no file beside it); an SVG or image by name.
      dropped: (r) => {
        const inline = inlinePointsConfig(r);
        void (inline ? this.set({ 'data.name': inline.name, 'data.options': inline.options }) : this.set({ 'data.name': r.data.name, 'data.options': r.data.options }, Object.fromEntries(r.files)));
      },
    });
    this.sourcePad = new SourcePanel({ drawn: (d) => this.drawnSource(d), cleared: () => void this.sourceCleared() });
    this.live = new LiveViews({ send: (cmd) => this.client.send(cmd), values: () => this.values, settled: () => this.edits, train: () => this.train() });
    // The new views' row: particles, pairing lines, loss; then the density over time across the whole row.
    const [particles, pairing, density] = this.live.panels;
    grid.append(this.flow.samples.root, this.flow.field.root, this.flow.paths.root, particles, pairing, this.loss.panel.root, density, this.quality.root, this.likelihood.root, this.data.root);
    // The source pad right under the target's, in the same column of the grid (hidden until "start from" is drawn).
    const pads = document.createElement('div');
    pads.className = 'pads';
    this.data.root.replaceWith(pads);
    pads.append(this.data.root, this.sourcePad.root);
    const explained: [HTMLElement, ViewId][] = [
      [this.flow.samples.root, 'samples'],
      [this.flow.field.root, 'vfield'],
      [this.flow.paths.root, 'paths'],
      [particles, 'particles'],
      [pairing, 'pairing'],
      [density, 'density'],
      [this.loss.panel.root, 'loss'],
      [this.quality.root, 'quality'],
      [this.likelihood.root, 'likelihood'],
      [this.data.root, 'data'],
    ];
    for (const [panel, id] of explained) {
      addExplanation(panel, id);
      // The quality panel places its legend under its own chart.
      if (LEGENDS[id] && id !== 'quality') addLegend(panel, LEGENDS[id]!);
    }
    this.quality.root.append(this.likelihood.nllLine);
    views.append(this.live.banner, this.slider.root, grid);
    more.append(this.runIo.root);
    if (window.matchMedia('(max-width: 700px)').matches) more.querySelectorAll('details').forEach((d) => (d.open = false));

    this.runIo.showCommand(this.values, []);
    this.updateConditioning();
    this.client = new WorkerClient((e) => this.onEvent(e));
    this.drawAll();
    this.ready = this.client.init(this.values).then((r) => {
      if (!r.ok) {
        // The link's settings were refused: say why, and start from the defaults.
        this.form.showErrors(r.errors);
        this.values = this.defaults;
        this.runIo.showCommand(this.values, []);
        return this.client.init(this.defaults).then(() => this.form.show((k) => getKey(this.values, k)));
      }
    }).then(() => this.followSource()).then(() => this.live.idle()).then(() => undefined);
  }

  /**
   * Applies settings by dotted key; refused ones leave everything as it was and show why. Edits queue: each
   * builds on the settings the one before it left, so a quick second edit never undoes the first.
   */
  set(changes: Record<string, unknown>, files?: Record<string, Uint8Array>): Promise<CommandResult> {
    const done = this.edits.then(() => this.applyNow(changes, files));
    this.edits = done.then(
      () => undefined,
      () => undefined,
    );
    return done;
  }

  private async applyNow(changes: Record<string, unknown>, files?: Record<string, Uint8Array>): Promise<CommandResult> {
    let next = this.values;
    const epochBefore = this.epoch;
    const datasetChanged = 'data.name' in changes && changes['data.name'] !== getKey(this.values, 'data.name');
    // Options of one dataset mean nothing to another.
    if (datasetChanged) next = setKey(next, 'data.options', {});
    // A class of the old data may not exist in the new (classes are the data's): sample every class again.
    if ((datasetChanged || 'data.options' in changes) && !('sampling.class' in changes)) next = setKey(next, 'sampling.class', undefined);
    if ('source.name' in changes && changes['source.name'] !== getKey(this.values, 'source.name')) next = setKey(next, 'source.options', {});
    for (const [k, v] of Object.entries(changes)) next = setKey(next, k, v);
    this.form.clearErrors([...Object.keys(changes), '']);
    // The worker takes new settings between epochs: say so when an epoch may take a while.
    let waiting = false;
    const wait = this.running ? setTimeout(() => ((waiting = true), this.status.say('New settings: applied when this epoch ends…', true)), 300) : undefined;
    const r = await this.client.send({ type: 'configure', values: next, ...(files ? { files } : {}) });
    clearTimeout(wait);
    // Only the waiting note goes: a message of what the last change did stays.
    if (waiting) this.status.say('', true);
    // A refused conditional setting (a dataset without classes, a class it lacks) is said beside the switch too.
    if (!r.ok && Object.keys(changes).some((k) => k.startsWith('model.condition') || k.startsWith('sampling.'))) this.conditioning.say(r.errors.map((e) => (e.hint ? `${e.message} ${e.hint}` : e.message)).join(' '));
    if (r.ok) {
      this.values = next;
      this.form.clearErrors();
      this.writeUrl();
      // The settings now hold what the switch asked for (e.g. a drawing's second class made the model conditional).
      if (getKey(this.values, 'model.conditional') === this.wantConditional) this.wantConditional = undefined;
      this.updateConditioning();
      this.conditioning.say('');
      this.followSource(changes);
      if (r.change && r.change !== 'none') {
        const message = changeMessage(r.change, Object.keys(changes), epochBefore);
        this.lastChange = { outcome: r.change, message };
        if (message) this.status.say(message, true);
      }
    }
    // Shown before the messages: showing redraws the dataset's options, which would drop a message beside one.
    this.form.show((k) => (r.ok || !(k in changes) ? getKey(this.values, k) : getKey(next, k)));
    if (!r.ok) this.form.showErrors(r.errors);
    return r;
  }

  /** An emptied pad is no dataset: training goes back to the built-in one used before drawing, and says so. */
  private async padCleared(): Promise<void> {
    if (String(getKey(this.values, 'data.name')) !== 'points') return;
    const back = this.beforeDrawing ?? { name: getKey(this.defaults, 'data.name'), options: getKey(this.defaults, 'data.options') };
    const r = await this.set({ 'data.name': back.name, 'data.options': back.options });
    if (r.ok) this.data.say(`Pad cleared: training uses the ${String(back.name)} dataset again. Draw to use your own.`);
  }

  /**
   * The "start from" picker: "drawn" (points) opens the source pad, whose points, when it has some, become the
   * source at once; any other choice closes it and is applied as usual.
   */
  private pickSource(value: unknown): Promise<CommandResult> | undefined {
    if (value !== 'points') {
      this.sourceWanted = false;
      return this.set({ 'source.name': value });
    }
    this.sourceWanted = true;
    this.sourcePad.show(true);
    this.sourcePad.root.scrollIntoView({ block: 'nearest' });
    if (this.sourcePad.drawable) return this.drawnSource(this.sourcePad.config());
    this.sourcePad.say(`Draw the start here. Until you do, the paths start from the ${String(getKey(this.values, 'source.name'))}.`, true);
    return undefined;
  }

  /** A stroke on the source pad: its points become the source (a new model), said beside the pad. */
  private drawnSource(d: { name: string; options: Record<string, unknown> }): Promise<CommandResult> {
    const name = getKey(this.values, 'source.name');
    if (name !== 'points') this.beforeDrawingSource = { name, options: getKey(this.values, 'source.options') };
    const trained = this.epoch;
    return this.set({ 'source.name': d.name, 'source.options': d.options }).then((r) => {
      if (r.ok && r.change === 'reset') this.sourcePad.say(trained > 0 ? `Your drawing is the start now: a new model starts at epoch 0 (the old one had trained ${trained} epoch${trained === 1 ? '' : 's'}). Press Train.` : 'Your drawing is the start now. Press Train.', true);
      else if (!r.ok) this.sourcePad.say(r.errors.map((e) => (e.hint ? `${e.message} ${e.hint}` : e.message)).join(' '));
      return r;
    });
  }

  /** An emptied source pad is no source: the paths start from the one used before drawing again; the pad stays open. */
  private async sourceCleared(): Promise<void> {
    if (getKey(this.values, 'source.name') !== 'points') return;
    const back = this.beforeDrawingSource ?? { name: getKey(this.defaults, 'source.name'), options: getKey(this.defaults, 'source.options') };
    this.clearingSource = true;
    const r = await this.set({ 'source.name': back.name, 'source.options': back.options });
    this.clearingSource = false;
    if (r.ok) this.sourcePad.say(`Pad cleared: the paths start from the ${String(back.name)} again. Draw to start from your points.`, true);
  }

  /**
   * The source pad follows the settings: open with a drawn source's points on it (from a stroke, a link or an
   * imported run), or while "drawn" waits for a stroke; closed when another source is set.
   */
  private followSource(changed: Record<string, unknown> = {}): void {
    const name = getKey(this.values, 'source.name');
    if ('source.name' in changed && !this.clearingSource) this.sourceWanted = name === 'points';
    const points = getKey(this.values, 'source.options.points');
    if (name === 'points' && Array.isArray(points)) {
      this.sourceWanted = true;
      this.sourcePad.load(points as [number, number][]);
    }
    this.sourcePad.show(this.sourceWanted);
  }

  private sourceState(): StudioState['source'] {
    const p = this.preview && !this.preview.pretrained ? this.preview : undefined;
    // The paths view draws the first 160 particles from their t = 0 positions.
    const paths = p ? Array.from(p.points.subarray(0, 2 * Math.min(160, p.n))) : undefined;
    return {
      padShown: this.sourcePad.shown,
      padPoints: this.sourcePad.pointCount,
      ...(paths ? { pathsStart: paths } : {}),
      ...(this.pairsShown ? { pairsStart: Array.from(this.pairsShown.x0) } : {}),
    };
  }

  /** Accepted settings into the URL; a drawn or dropped shape (target or source) stays out (too long for a link: export it instead). */
  private writeUrl(): void {
    const own = (section: string) => ['points', 'svg', 'image'].includes(String(getKey(this.values, `${section}.name`)));
    // output.dir is where this machine keeps runs (an imported run's folder): no business of whoever opens the link.
    const skip = [...(own('data') ? ['data'] : []), ...(own('source') ? ['source'] : []), 'output'];
    const hash = valuesToHash(this.values, { skip });
    history.replaceState(null, '', hash || location.pathname + location.search);
    this.runIo.showCommand(this.values, skip);
  }

  /** The run folder's files of the current settings and model, or why there are none. */
  async exportFiles(): Promise<RunFileOut[] | string> {
    const r = await this.client.send({ type: 'export' });
    return r.ok && r.files ? r.files : r.errors.map((e) => (e.hint ? `${e.message} ${e.hint}` : e.message)).join(' ');
  }

  /** A CLI run read from its files: its settings and model replace the page's (refused ones change nothing). */
  async importRun(run: ImportedRun): Promise<string | undefined> {
    const values = structuredClone(run.values) as unknown as ConfigValues;
    const r = await this.client.send({ type: 'import', values, spec: run.spec, state: run.state, lossHistory: run.lossHistory });
    if (!r.ok) return r.errors.map((e) => (e.hint ? `${e.message} ${e.hint}` : e.message)).join(' ');
    this.values = values;
    this.form.clearErrors();
    this.followSource({ 'source.name': getKey(values, 'source.name') });
    this.form.show((k) => getKey(this.values, k));
    this.writeUrl();
    this.updateConditioning();
    return undefined;
  }

  train = async () => {
    const r = await this.client.send({ type: 'train' });
    this.form.clearErrors(['training.n_epochs']);
    if (!r.ok) this.form.showErrors(r.errors);
    return r;
  };
  pause = () => this.client.send({ type: 'pause' });
  step = () => this.client.send({ type: 'step' });
  reset = async () => {
    const r = await this.client.send({ type: 'reset' });
    // "Already trained: raise epochs" no longer holds for a fresh model.
    if (r.ok) {
      this.form.clearErrors(['training.n_epochs', '']);
      this.status.say('', true);
    }
    return r;
  };

  state(): StudioState {
    const recent = this.epochSeconds.slice(-5);
    const mean = recent.reduce((s, v) => s + v, 0) / (recent.length || 1);
    return {
      epoch: this.epoch,
      nEpochs: this.nEpochs,
      lossHistory: [...this.lossHistory],
      running: this.running,
      backend: this.backend,
      backends: this.backendLines,
      epochsPerSecond: recent.length ? 1 / mean : undefined,
      quality: this.preview?.quality,
      likelihood: this.likelihoodFigures ? (({ modelLogp: _m, targetLogp: _t, ...rest }) => rest)(this.likelihoodFigures) : undefined,
      previewEpoch: this.preview && !this.preview.pretrained ? this.preview.epoch : -1,
      previews: this.previews,
      errors: this.form.errors(),
      values: structuredClone(this.values),
      ...this.live.state(),
      conditioning: { ...this.conditioning.state, classes: [...this.conditioning.state.classes], brushClass: this.data.pad.brushClass() },
      stableQuality: this.stableQuality,
      lastChange: this.lastChange,
      retuned: this.retuned,
      previewsCancelled: this.previewsCancelled,
      qualityHistory: this.quality.historyPoints(),
      source: this.sourceState(),
    };
  }

  /**
   * Whether the controls of a conditional model are live: model.conditional on (or the preview hook below), with
   * the model's class names when the preview brings them, else the pad's brushes.
   */
  private updateConditioning(): void {
    const conditional = getKey(this.values, 'model.conditional') === true;
    const on = (getKey(this.values, 'model.condition') as ConditionState['on'] | undefined) ?? 'class';
    const fromModel = conditional ? this.modelCondition?.classNames : undefined;
    const classes = this.previewClasses ?? fromModel ?? (conditional && on === 'class' ? padClassNames(this.data.pad.labels()) : []);
    const available = conditional || !!this.previewClasses;
    const cls = getKey(this.values, 'sampling.class'), w = getKey(this.values, 'sampling.guidance'), value = getKey(this.values, 'sampling.condition');
    const wanted = this.wantConditional ?? conditional;
    this.conditioning.update(available, classes, {
      conditional: wanted,
      on,
      ...(typeof cls === 'number' ? { class: cls } : {}),
      ...(typeof value === 'number' ? { value } : {}),
      ...(typeof w === 'number' ? { guidance: w } : {}),
      guidable: !!this.previewClasses || Number(getKey(this.values, 'training.cond_dropout') ?? 0.1) > 0,
    });
    // The brushes follow the switch: with it on, the pad can be given its classes before the model takes them.
    const brushes = available || (this.conditioning.state.conditional && on === 'class');
    this.data.showClasses(brushes, Math.max(classes.length, 2));
    // C²OT couples by condition: offered only with a conditional model.
    this.form.setChoices('flow.pairing', this.pairings.filter((p) => conditional || p !== 'c2ot'));
  }

  /** A class or guidance change: the trained model re-samples with them (settings only, no retraining). */
  private resample(c: ConditionState): Promise<CommandResult> | undefined {
    if (this.previewClasses) return undefined; // no conditional model behind the controls: nothing to sample
    // Only the key of the model's kind of condition (the status line names what changed).
    const picked = c.on === 'class' ? { 'sampling.class': c.class ?? undefined } : { 'sampling.condition': c.value ?? undefined };
    return this.set({ 'sampling.guidance': c.guidance, ...picked });
  }

  /** The switch or the condition kind: a new model (refused with the reason, e.g. a dataset without classes). */
  private setConditional(conditional: boolean, on: ConditionState['on']): Promise<CommandResult> {
    this.wantConditional = conditional;
    return this.set(conditionalChanges(this.values, conditional, on)).then((r) => {
      if (r.ok) this.wantConditional = undefined;
      this.updateConditioning();
      return r;
    });
  }

  /**
   * Shows the conditional controls with these classes although the model is not conditional: for tests and demos
   * of the controls alone (studio-conditional-training.browser.test.ts trains a real conditional model). Changes
   * then only move the state (nothing to re-sample); [] undoes it.
   */
  previewConditionalControls(classes: string[]): void {
    this.previewClasses = classes.length ? [...classes] : undefined;
    this.updateConditioning();
  }

  /** The latest preview's generated points at t = 1 and each one's condition (tests read what the views draw). */
  samples(): { points: number[]; conditions: number[] } | undefined {
    const p = this.preview;
    if (!p) return undefined;
    const last = p.times.length - 1;
    return { points: Array.from(p.points.subarray(last * 2 * p.n, (last + 1) * 2 * p.n)), conditions: p.conditions ? Array.from(p.conditions) : [] };
  }

  /** The class of each point drawn on the pad. */
  padLabels(): number[] {
    return Array.from(this.data.pad.labels());
  }

  /** As the controls do: class and guidance through the panel (refused with its reason), the brush class on the pad. */
  setConditioning(p: { class?: number | null; value?: number | null; guidance?: number; brushClass?: number }): string | undefined {
    if (p.brushClass !== undefined) {
      if (!this.conditioning.state.available) return this.conditioning.pick({});
      this.data.classBar.select(p.brushClass);
    }
    const { brushClass: _b, ...rest } = p;
    return Object.keys(rest).length ? this.conditioning.pick(rest) : undefined;
  }

  private onEvent(e: WorkerEvent): void {
    switch (e.type) {
      case 'backends':
        this.backend = e.taken;
        this.backendLines = e.lines;
        this.status.backends(e.lines, e.taken);
        this.form.setChoices('training.device', ['auto', ...e.lines.map((l) => l.id)]);
        this.form.show((k) => getKey(this.values, k));
        break;
      case 'model':
        Object.assign(this, { target: e.target, modelCondition: e.condition, targetClasses: e.targetClasses, preview: undefined, lossHistory: e.lossHistory, epochSeconds: [], epoch: e.epoch, nEpochs: e.nEpochs, backend: e.backend });
        this.status.speed(undefined);
        this.quality.clear();
        this.stableQuality = undefined;
        this.likelihoodFigures = undefined;
        this.likelihood.clear();
        this.updateConditioning();
        this.trainButton.textContent = 'Train';
        this.drawAll();
        this.live.model(e.target, e.epoch);
        break;
      case 'epoch':
        this.epoch = e.epoch;
        this.nEpochs = e.nEpochs;
        this.lossHistory.push(e.loss);
        this.epochSeconds.push(e.epochSeconds);
        this.status.speed(this.state().epochsPerSecond);
        this.status.epoch(this.epoch, this.nEpochs, this.running);
        this.loss.draw(this.lossHistory, this.nEpochs);
        this.trainedChanged();
        break;
      case 'running':
        this.running = e.running;
        this.nEpochs = e.nEpochs;
        this.trainButton.textContent = e.running ? 'Pause' : this.epoch > 0 && this.epoch < this.nEpochs ? 'Resume' : 'Train';
        this.status.epoch(this.epoch, this.nEpochs, this.running);
        this.loss.draw(this.lossHistory, this.nEpochs);
        this.live.running(e.running);
        break;
      case 'preview':
        this.preview = e.preview;
        // The pretrained demo is no preview of the run's model: it is drawn, not counted, and has no figures.
        if (!e.preview.pretrained) {
          this.previews++;
          const one = e.preview.condition && !e.preview.quality;
          this.quality.show(e.preview.quality, e.preview.epoch, one ? 'No preview figures while one class (or one value) is asked: the bar above scores every class in proportion, at this guidance.' : undefined);
        }
        this.drawFlow();
        this.live.preview(e.preview);
        break;
      case 'pairs':
        this.pairsShown = e.batch;
        this.live.pairs(e.batch);
        break;
      case 'stable-quality':
        this.stableQuality = e.figures;
        this.quality.showStable(e.figures);
        break;
      case 'retuned':
        this.retuned = { epoch: e.epoch, optimizerSteps: e.optimizerSteps };
        break;
      case 'preview-cancelled':
        this.previewsCancelled++;
        break;
      case 'likelihood':
        this.likelihoodFigures = e.figures;
        this.likelihood.show(e.figures);
        break;
      case 'error':
        this.status.say(e.error.hint ? `${e.error.message} ${e.error.hint}` : e.error.message);
        break;
    }
  }

  private drawAll(): void {
    this.trainedChanged();
    this.status.epoch(this.epoch, this.nEpochs, this.running);
    this.loss.draw(this.lossHistory, this.nEpochs);
    this.drawFlow();
  }

  /** A trained model has something to lose: the controls say which changes restart it, the pad says what drawing does. */
  private trainedChanged(): void {
    this.app.classList.toggle('trained', this.epoch > 0);
    this.data.trainedEpochs(this.epoch, ['points', 'svg', 'image'].includes(String(getKey(this.values, 'data.name'))));
  }

  private drawFlow(): void {
    this.flow.draw({ target: this.target, preview: this.preview, timeIndex: this.slider.index, targetClasses: this.targetClasses });
  }
}

