/**
 * The settings form: one input per config key, a message line beside each for bad input, the dataset's own
 * options under the dataset. It reports edits (key, parsed value); it never changes settings by itself, so the
 * app decides what is applied and the model is kept when a value is refused.
 */
import type { KeyedError } from '../worker/protocol.js';
import type { Catalog, OptionField } from './catalog.js';
import { clipMessage } from './clip-message.js';
import { describeLimits, limitsOf } from './limits.js';
import { attachStepper } from './stepper.js';
import { formatField, parseField, type FieldGroup, type FieldKind, type FieldSpec } from './fields.js';
import { keyChangeKind } from '../config/settings.js';

/** What a change does to a trained model, said beside each control before it is made (shown once a model has trained). */
const CHANGE_WORDS = {
  reset: { badge: '↺ restarts training', title: 'Changing it starts a new model at epoch 0: what was learned does not carry over.' },
  retune: { badge: 'keeps training', title: 'Changing it keeps the trained model: training goes on from the current epoch with the same weights and optimizer state.' },
  resample: { badge: 're-samples only', title: 'Changing it only re-draws the samples of the current model; training is untouched.' },
  continue: { badge: '', title: '' },
} as const;

type Edit = (key: string, value: unknown) => void;

interface Bound {
  spec: FieldSpec;
  input: HTMLInputElement | HTMLSelectElement;
  msg: HTMLElement;
}

export class ControlsForm {
  private readonly fields = new Map<string, Bound>();
  private readonly optionsBox: HTMLElement;
  private readonly general: HTMLElement;
  /** Values a select shows other than the setting's own (the page's wish before it becomes a setting). */
  private readonly shownAs = new Map<string, (value: unknown) => unknown>();

  constructor(
    primary: HTMLElement,
    more: HTMLElement,
    groups: FieldGroup[],
    private readonly cat: Catalog,
    private readonly onEdit: Edit,
  ) {
    this.general = el('div', 'msg general');
    this.general.setAttribute('role', 'alert');
    primary.append(this.general);
    const mainBox = el('div', 'fields main-fields');
    primary.append(mainBox);
    this.optionsBox = el('div', 'fields dataset-options');
    for (const g of groups) {
      const details = document.createElement('details');
      details.className = `group group-${g.id}`;
      details.open = true;
      const summary = document.createElement('summary');
      summary.textContent = g.title;
      const box = el('div', 'fields');
      details.append(summary, box);
      for (const f of g.fields) (f.main ? mainBox : box).append(this.field(f));
      if (g.id === 'data') box.append(this.optionsBox);
      if (box.childElementCount) more.append(details);
    }
  }

  /** Shows `values` in the inputs (and the chosen dataset's options); clears the messages of the keys shown. */
  show(get: (key: string) => unknown): void {
    for (const [key, b] of this.fields) {
      if (key.startsWith('data.options.')) continue;
      const as = this.shownAs.get(key);
      const v = formatField(b.spec.kind, as ? as(get(key)) : get(key));
      if (b.input instanceof HTMLSelectElement) {
        // A value the list lacks (from a link or an imported run) is added while shown, and dropped after.
        for (const o of [...b.input.options]) if (o.dataset.extra && o.value !== v) o.remove();
        if (![...b.input.options].some((o) => o.value === v)) {
          const extra = option(v);
          extra.textContent = clipMessage(v);
          extra.dataset.extra = '1';
          b.input.append(extra);
        }
      }
      b.input.value = v;
    }
    this.renderDatasetOptions(String(get('data.name')), get);
  }

  /** `key`'s control shows `as(value)` instead of the value (e.g. 'drawn' while the source pad waits for a stroke). */
  displayAs(key: string, as: (value: unknown) => unknown): void {
    this.shownAs.set(key, as);
  }

  /** The messages of a refused change: each beside its control (the nearest one for a nested key), or on top. */
  showErrors(errors: KeyedError[]): void {
    for (const e of errors) {
      const target = this.fieldFor(e.key);
      const text = clipMessage(e.hint ? `${e.message} ${e.hint}` : e.message);
      if (target) {
        target.msg.textContent = text;
        target.input.setAttribute('aria-invalid', 'true');
      } else this.general.textContent = text;
    }
  }

  clearErrors(keys?: string[]): void {
    for (const [key, b] of this.fields) {
      if (keys && !keys.includes(key)) continue;
      b.msg.textContent = '';
      b.input.removeAttribute('aria-invalid');
    }
    if (!keys) this.general.textContent = '';
  }

  /** Keys whose control shows a message now. */
  errors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, b] of this.fields) if (b.msg.textContent) out[key] = b.msg.textContent;
    if (this.general.textContent) out[''] = this.general.textContent;
    return out;
  }

  setChoices(key: string, choices: string[]): void {
    const b = this.fields.get(key);
    if (!(b?.input instanceof HTMLSelectElement)) return;
    const v = b.input.value;
    b.input.replaceChildren(...choices.map(option));
    if (choices.includes(v)) b.input.value = v;
  }

  private fieldFor(key: string): Bound | undefined {
    for (let k = key; k; k = k.includes('.') ? k.slice(0, k.lastIndexOf('.')) : '') {
      const b = this.fields.get(k);
      if (b) return b;
      if (k.startsWith('data.options')) return this.fields.get('data.name');
    }
    return undefined;
  }

  private field(spec: FieldSpec): HTMLElement {
    const wrap = el('label', 'field');
    wrap.dataset.key = spec.key;
    const name = el('span', 'label');
    name.textContent = spec.label;
    const limits = spec.kind === 'select' || spec.kind === 'boolean' ? undefined : limitsOf(spec.key);
    const range = limits ? ` (${describeLimits(limits)})` : '';
    const change = CHANGE_WORDS[keyChangeKind(spec.key)];
    wrap.dataset.change = keyChangeKind(spec.key);
    if (spec.title || range) wrap.title = `${spec.title ?? spec.label}${range}${change.title ? ` ${change.title}` : ''}`;
    let input: HTMLInputElement | HTMLSelectElement;
    if (spec.kind === 'select' || spec.kind === 'boolean') {
      input = document.createElement('select');
      for (const c of spec.kind === 'boolean' ? ['true', 'false'] : (spec.choices ?? [])) {
        const o = option(c);
        if (spec.choiceText?.[c]) o.textContent = spec.choiceText[c];
        input.append(o);
      }
    } else {
      input = document.createElement('input');
      input.type = 'text';
      input.inputMode = spec.kind === 'list' ? 'text' : 'decimal';
      input.autocomplete = 'off';
      input.spellcheck = false;
    }
    input.name = spec.key;
    if (limits && input instanceof HTMLInputElement) {
      input.dataset.min = String(limits.min);
      input.dataset.max = String(limits.max);
    }
    const msg = el('span', 'msg');
    msg.setAttribute('aria-live', 'polite');
    // aria-hidden: the control's accessible name stays its label; the status line says the same after a change.
    const badge = el('span', 'change-badge');
    badge.setAttribute('aria-hidden', 'true');
    badge.textContent = change.badge;
    wrap.append(name, input, badge, msg);
    this.fields.set(spec.key, { spec, input, msg });
    input.addEventListener('change', () => this.edited(spec.key, spec.kind, input.value));
    if (limits && input instanceof HTMLInputElement && (spec.kind === 'number' || spec.kind === 'integer')) attachStepper(input, spec.kind, limits, (text) => this.edited(spec.key, spec.kind, text));
    return wrap;
  }

  private edited(key: string, kind: FieldKind, text: string): void {
    const parsed = parseField(kind, text, limitsOf(key));
    this.clearErrors([key]);
    if ('error' in parsed) this.showErrors([{ key, message: parsed.error }]);
    else this.onEdit(key, parsed.value);
  }

  private renderDatasetOptions(datasetId: string, get: (key: string) => unknown): void {
    for (const key of [...this.fields.keys()]) if (key.startsWith('data.options.')) this.fields.delete(key);
    const ds = this.cat.datasets.find((d) => d.id === datasetId);
    const opts = ds?.options ?? [];
    this.optionsBox.replaceChildren(...opts.map((o) => this.optionField(o, get)));
  }

  private optionField(o: OptionField, get: (key: string) => unknown): HTMLElement {
    const kind: FieldKind = o.type === 'enum' ? 'select' : o.type === 'boolean' ? 'boolean' : o.type === 'integer' ? 'integer' : 'number';
    const node = this.field({ key: `data.options.${o.name}`, label: o.name.replaceAll('_', ' '), kind, choices: o.choices, title: o.description });
    const v = get(`data.options.${o.name}`) ?? o.default;
    const b = this.fields.get(`data.options.${o.name}`)!;
    b.input.value = formatField(kind, v);
    return node;
  }
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = className;
  return e;
}

function option(v: string): HTMLOptionElement {
  const o = document.createElement('option');
  o.value = v;
  o.textContent = v;
  return o;
}
