/**
 * "Class and guidance": the conditional switch (model.conditional) and what the model is conditioned on
 * (model.condition: the data's class, or its x or y), then which class to sample (or all classes in proportion)
 * and the guidance weight w (v = v_uncond + w (v_cond − v_uncond)). A class or guidance change re-samples the
 * trained model at once through the settings `sampling.class` and `sampling.guidance` (no retraining). When the
 * model is not conditional the picker and slider stay visible but disabled, with a plain message saying why.
 */
import { theme } from '@flow-visualizer/renderers/plot';

export interface ConditionState {
  /** Whether the model takes a condition (model.conditional); the controls are disabled otherwise. */
  available: boolean;
  /** Class names, 0…K−1. */
  classes: string[];
  /** The class to sample, or null: every class in proportion. */
  class: number | null;
  /** A model conditioned on x or y: the value to sample at, or null: the target's own values, in proportion. */
  value: number | null;
  /** Guidance weight w: 0 = unconditional, 1 = conditional, more = pushed further. */
  guidance: number;
  /** The drawing pad's brush class. */
  brushClass: number;
  /** Re-samples asked for since the page opened (each class or guidance change asks for one). */
  resamples: number;
  /** The switch: the user wants a conditional model (the page may still refuse it, e.g. a pad of one class). */
  conditional: boolean;
  /** What the model is conditioned on (model.condition). */
  on: 'class' | 'x' | 'y';
  /** Whether guidance other than 1 is possible (trained with cond_dropout > 0: the null token). */
  guidable: boolean;
}

export const GUIDANCE = { min: 0, max: 4, step: 0.1 };
/** The values a model conditioned on x or y offers to sample at: across the data box [-2, 2]. */
export const VALUES = [-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2];
export const NOT_CONDITIONAL = 'Not a conditional model: turn on model.conditional to pick a class and the guidance.';

export const NO_GUIDANCE = 'Guidance needs the unconditional velocity: train with label dropout (training.cond_dropout) above 0.';

export interface ConditionHandlers {
  /** The user picked a class or moved the slider: re-sample with these. */
  changed(s: ConditionState): void;
  /** The switch or the condition kind changed: a new model with these settings (model.conditional, model.condition). */
  settings(s: Pick<ConditionState, 'conditional' | 'on'>): void;
}

export class ConditionPanel {
  readonly root: HTMLElement;
  private readonly select: HTMLSelectElement;
  private readonly slider: HTMLInputElement;
  private readonly out: HTMLOutputElement;
  private readonly msg: HTMLElement;
  private readonly swatch: HTMLElement;
  private readonly toggle: HTMLInputElement;
  /** "Class" or "Value" (a model conditioned on x or y) before the picker. */
  private readonly pickWord: Text;
  private readonly kind: HTMLSelectElement;
  /** A message of the page (a refused setting), shown until the next change. */
  private note = '';
  /** What the picker's options were built from (rebuilt only when it changes, so that an open list stays put). */
  private optionsKey = '';
  readonly state: ConditionState = { available: false, classes: [], class: null, value: null, guidance: 1, brushClass: 0, resamples: 0, conditional: false, on: 'class', guidable: true };

  constructor(private readonly h: ConditionHandlers) {
    this.root = document.createElement('fieldset');
    this.root.className = 'conditioning';
    const legend = document.createElement('legend');
    legend.textContent = 'Class and guidance';
    const toggleLabel = document.createElement('label');
    toggleLabel.className = 'switch';
    this.toggle = document.createElement('input');
    Object.assign(this.toggle, { type: 'checkbox', name: 'model.conditional' });
    this.toggle.setAttribute('role', 'switch');
    toggleLabel.title = 'A conditional model v(x, t, c) learns each class (or each x or y) of the data apart, so that you can ask for one. Changing it starts a new model.';
    toggleLabel.append(this.toggle, ' conditional');
    const kindLabel = document.createElement('label');
    kindLabel.textContent = 'on ';
    this.kind = document.createElement('select');
    this.kind.name = 'model.condition';
    this.kind.setAttribute('aria-label', 'Condition on');
    this.kind.append(new Option('class', 'class'), new Option('x of the point', 'x'), new Option('y of the point', 'y'));
    kindLabel.title = "class: the data's labels (or the pad's class brushes); x or y: that coordinate of each target point, a continuous condition.";
    kindLabel.append(this.kind);
    const classLabel = document.createElement('label');
    this.pickWord = document.createTextNode('Class ');
    classLabel.append(this.pickWord);
    this.select = document.createElement('select');
    this.select.name = 'sampling-class';
    this.select.setAttribute('aria-label', 'Class to sample');
    this.swatch = document.createElement('span');
    this.swatch.className = 'class-swatch';
    this.swatch.setAttribute('aria-hidden', 'true');
    this.swatch.style.cssText = 'display:inline-block;width:10px;height:10px;border-radius:50%;margin-left:6px;vertical-align:middle';
    classLabel.append(this.select, this.swatch);
    const wLabel = document.createElement('label');
    wLabel.textContent = 'Guidance ';
    this.slider = document.createElement('input');
    Object.assign(this.slider, { type: 'range', name: 'guidance', min: String(GUIDANCE.min), max: String(GUIDANCE.max), step: String(GUIDANCE.step), value: '1' });
    this.slider.setAttribute('aria-label', 'Guidance weight w');
    this.out = document.createElement('output');
    this.out.setAttribute('for', 'guidance');
    wLabel.append(this.slider, this.out);
    this.msg = document.createElement('p');
    this.msg.className = 'msg';
    this.msg.setAttribute('role', 'status');
    this.root.append(legend, toggleLabel, kindLabel, classLabel, wLabel, this.msg);
    this.toggle.addEventListener('change', () => this.setSettings({ conditional: this.toggle.checked }));
    this.kind.addEventListener('change', () => this.setSettings({ on: this.kind.value as ConditionState['on'] }));
    this.select.addEventListener('change', () => {
      const v = this.select.value === '' ? null : Number(this.select.value);
      this.pick(this.state.on === 'class' ? { class: v } : { value: v });
    });
    // Re-sample while dragging: the model is not retrained, a preview is quick.
    this.slider.addEventListener('input', () => this.pick({ guidance: Number(this.slider.value) }));
    this.update(false, []);
  }

  /**
   * The model's conditioning: whether it has one, its class names (none for x or y), whether it can be guided;
   * `from`: the switch (the settings' model.conditional, or what the user asked for), model.condition and
   * sampling.class / sampling.guidance, shown as they are.
   */
  update(available: boolean, classes: string[], from?: { conditional: boolean; on: ConditionState['on']; class?: number; value?: number; guidance?: number; guidable?: boolean }): void {
    Object.assign(this.state, { available, classes: [...classes] });
    if (from) {
      Object.assign(this.state, { conditional: from.conditional, on: from.on, class: from.class ?? null, value: from.value ?? null, guidance: from.guidance ?? 1, guidable: from.guidable ?? true });
    }
    if (this.state.class !== null && this.state.class >= classes.length) this.state.class = null;
    if (this.state.brushClass >= Math.max(1, classes.length)) this.state.brushClass = 0;
    const continuous = this.state.on !== 'class';
    // A continuous condition offers values across the data box (and the one the settings hold).
    const values = continuous ? [...new Set([...VALUES, ...(this.state.value !== null ? [this.state.value] : [])])].sort((a, b) => a - b) : [];
    const key = JSON.stringify([this.state.on, classes, values]);
    if (key !== this.optionsKey) {
      this.optionsKey = key;
      const all = continuous ? `the target's own ${this.state.on}, in proportion` : 'all classes, in proportion';
      const options = continuous ? values.map((v) => new Option(`${this.state.on} = ${v}`, String(v))) : classes.map((c, k) => new Option(`${k}: ${c}`, String(k)));
      this.select.replaceChildren(new Option(all, ''), ...options);
    }
    this.select.disabled = !available || (!continuous && classes.length === 0);
    this.slider.disabled = !available || !this.state.guidable;
    this.root.classList.toggle('disabled', !available);
    this.show();
  }

  /** A message of the page under the controls (a refused setting, what to draw next); '' clears it. */
  say(text: string): void {
    this.note = text;
    this.show();
  }

  private setSettings(p: Partial<Pick<ConditionState, 'conditional' | 'on'>>): void {
    Object.assign(this.state, p);
    this.note = '';
    this.show();
    this.h.settings({ conditional: this.state.conditional, on: this.state.on });
  }

  /**
   * Applies a choice as the controls do; refused (with the reason) when the model is not conditional or the
   * class does not exist. Returns the reason, or undefined when applied.
   */
  pick(p: Partial<Pick<ConditionState, 'class' | 'value' | 'guidance'>>): string | undefined {
    if (!this.state.available) return NOT_CONDITIONAL;
    if (p.guidance !== undefined && p.guidance !== 1 && !this.state.guidable) return NO_GUIDANCE;
    if (p.class !== undefined && p.class !== null && !(Number.isInteger(p.class) && p.class >= 0 && p.class < this.state.classes.length)) {
      return `There is no class ${p.class}: the classes are 0…${this.state.classes.length - 1}.`;
    }
    if (p.value !== undefined && p.value !== null && !Number.isFinite(p.value)) return `${p.value} is not a value to condition on.`;
    if (p.guidance !== undefined && !(p.guidance >= GUIDANCE.min && p.guidance <= GUIDANCE.max)) return `Guidance must be from ${GUIDANCE.min} to ${GUIDANCE.max}.`;
    Object.assign(this.state, p);
    this.note = '';
    this.state.resamples++;
    this.show();
    this.h.changed({ ...this.state, classes: [...this.state.classes] });
    return undefined;
  }

  private show(): void {
    this.toggle.checked = this.state.conditional;
    this.kind.value = this.state.on;
    this.msg.textContent = this.note || (!this.state.available ? NOT_CONDITIONAL : !this.state.guidable ? NO_GUIDANCE : '');
    const picked = this.state.on === 'class' ? this.state.class : this.state.value;
    this.pickWord.data = this.state.on === 'class' ? 'Class ' : 'Value ';
    this.select.setAttribute('aria-label', this.state.on === 'class' ? 'Class to sample' : 'Value to sample');
    this.select.value = picked === null ? '' : String(picked);
    this.slider.value = String(this.state.guidance);
    this.out.textContent = ` w = ${this.state.guidance.toFixed(1)}`;
    const k = this.state.class;
    this.swatch.style.background = k === null ? 'transparent' : theme.classColors[k % theme.classColors.length];
  }
}
