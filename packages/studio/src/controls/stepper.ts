/**
 * Arrow keys step a numeric field within the schema's limits (a stepper, as the CLI's limits allow): an integer by 1
 * (Shift: 10), a decimal by one unit of its last significant digit (0.003 → 0.004 → 0.005; 0.01 ← 0.009), so a
 * step never jumps past the value's own scale. A step that would leave the limits stops at the limit; one the
 * field's own check refuses (a key that must stay above 0) is not taken. The field reads as a spinbutton with
 * its limits, so a screen reader says where the value stands.
 */
import type { NumberLimits } from '@flow-visualizer/core';
import { parseField, type FieldKind } from './fields.js';

export function attachStepper(input: HTMLInputElement, kind: FieldKind, limits: NumberLimits, commit: (text: string) => void): void {
  input.setAttribute('role', 'spinbutton');
  if (Number.isFinite(limits.min)) input.setAttribute('aria-valuemin', String(limits.min));
  if (Number.isFinite(limits.max)) input.setAttribute('aria-valuemax', String(limits.max));
  const sayNow = () => {
    const v = Number(input.value);
    if (input.value.trim() !== '' && Number.isFinite(v)) input.setAttribute('aria-valuenow', String(v));
    else input.removeAttribute('aria-valuenow');
  };
  sayNow();
  input.addEventListener('input', sayNow);
  input.addEventListener('focus', sayNow);
  input.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    const v = Number(input.value);
    if (input.value.trim() === '' || !Number.isFinite(v)) return;
    e.preventDefault();
    const next = stepped(v, e.key === 'ArrowUp' ? 1 : -1, kind === 'integer', e.shiftKey, limits);
    const text = String(next);
    if (next === v || 'error' in parseField(kind, text, limits)) return;
    input.value = text;
    sayNow();
    commit(text);
  });
}

/** The value one step up (dir 1) or down (−1), clamped to the limits. */
export function stepped(v: number, dir: 1 | -1, integer: boolean, big: boolean, limits: NumberLimits): number {
  let next: number;
  if (integer) next = v + dir * (big ? 10 : 1);
  else {
    // One unit of the last significant digit; down from a bare power of ten (0.01), a tenth of it (→ 0.009).
    const decade = v === 0 ? 0.1 : 10 ** Math.floor(Math.log10(Math.abs(v)) + 1e-9);
    let u = v === 0 ? 0.01 : decade * 10 ** -(significantDigits(v) - 1);
    if (dir < 0 && Math.abs(v) === decade) u = decade / 10;
    next = Number((v + dir * (big ? 10 * u : u)).toPrecision(12));
  }
  return Math.min(limits.max, Math.max(limits.min, next));
}

function significantDigits(x: number): number {
  const digits = Math.abs(x).toExponential().split('e')[0].replace('.', '').replace(/0+$/, '');
  return Math.max(1, digits.length);
}
