/**
 * "Class and guidance": which class to sample (or all classes in proportion) and the guidance weight w
 * (v = v_uncond + w (v_cond − v_uncond)), for a conditional model. A change re-samples the trained model at once
 * through the settings `sampling.class` and `sampling.guidance` (no retraining). When the model is not
 * conditional the controls stay visible but disabled, with a plain message saying why.
 */
import { theme } from '@flow-visualizer/renderers/plot';

export interface ConditionState {
  /** Whether the model takes a condition (model.conditional); the controls are disabled otherwise. */
  available: boolean;
  /** Class names, 0…K−1. */
  classes: string[];
  /** The class to sample, or null: every class in proportion. */
  class: number | null;
  /** Guidance weight w: 0 = unconditional, 1 = conditional, more = pushed further. */
  guidance: number;
  /** The drawing pad's brush class. */
  brushClass: number;
  /** Re-samples asked for since the page opened (each class or guidance change asks for one). */
  resamples: number;
}

export const GUIDANCE = { min: 0, max: 4, step: 0.1 };
export const NOT_CONDITIONAL = 'Not a conditional model: turn on model.conditional to pick a class and the guidance.';

export interface ConditionHandlers {
  /** The user picked a class or moved the slider: re-sample with these. */
  changed(s: ConditionState): void;
}

export class ConditionPanel {
  readonly root: HTMLElement;
  private readonly select: HTMLSelectElement;
  private readonly slider: HTMLInputElement;
  private readonly out: HTMLOutputElement;
  private readonly msg: HTMLElement;
  private readonly swatch: HTMLElement;
  readonly state: ConditionState = { available: false, classes: [], class: null, guidance: 1, brushClass: 0, resamples: 0 };

  constructor(private readonly h: ConditionHandlers) {
    this.root = document.createElement('fieldset');
    this.root.className = 'conditioning';
    const legend = document.createElement('legend');
    legend.textContent = 'Class and guidance';
    const classLabel = document.createElement('label');
    classLabel.textContent = 'Class ';
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
    this.root.append(legend, classLabel, wLabel, this.msg);
    this.select.addEventListener('change', () => this.pick({ class: this.select.value === '' ? null : Number(this.select.value) }));
    // Re-sample while dragging: the model is not retrained, a preview is quick.
    this.slider.addEventListener('input', () => this.pick({ guidance: Number(this.slider.value) }));
    this.update(false, []);
  }

  /** The model's conditioning: whether it has one and its class names. */
  update(available: boolean, classes: string[]): void {
    const same = available === this.state.available && classes.join('\n') === this.state.classes.join('\n');
    Object.assign(this.state, { available, classes: [...classes] });
    if (this.state.class !== null && this.state.class >= classes.length) this.state.class = null;
    if (this.state.brushClass >= Math.max(1, classes.length)) this.state.brushClass = 0;
    if (!same) {
      this.select.replaceChildren(new Option('all classes, in proportion', ''), ...classes.map((c, k) => new Option(`${k}: ${c}`, String(k))));
    }
    this.select.disabled = this.slider.disabled = !available;
    this.root.classList.toggle('disabled', !available);
    this.msg.textContent = available ? '' : NOT_CONDITIONAL;
    this.show();
  }

  /**
   * Applies a choice as the controls do; refused (with the reason) when the model is not conditional or the
   * class does not exist. Returns the reason, or undefined when applied.
   */
  pick(p: Partial<Pick<ConditionState, 'class' | 'guidance'>>): string | undefined {
    if (!this.state.available) return NOT_CONDITIONAL;
    if (p.class !== undefined && p.class !== null && !(Number.isInteger(p.class) && p.class >= 0 && p.class < this.state.classes.length)) {
      return `There is no class ${p.class}: the classes are 0…${this.state.classes.length - 1}.`;
    }
    if (p.guidance !== undefined && !(p.guidance >= GUIDANCE.min && p.guidance <= GUIDANCE.max)) return `Guidance must be from ${GUIDANCE.min} to ${GUIDANCE.max}.`;
    Object.assign(this.state, p);
    this.state.resamples++;
    this.show();
    this.h.changed({ ...this.state, classes: [...this.state.classes] });
    return undefined;
  }

  private show(): void {
    this.select.value = this.state.class === null ? '' : String(this.state.class);
    this.slider.value = String(this.state.guidance);
    this.out.textContent = ` w = ${this.state.guidance.toFixed(1)}`;
    const k = this.state.class;
    this.swatch.style.background = k === null ? 'transparent' : theme.classColors[k % theme.classColors.length];
  }
}
