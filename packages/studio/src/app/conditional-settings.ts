/**
 * The settings a conditional change makes, apart from the page so that they are tested on their own: the switch
 * (model.conditional and what goes with it), and a drawing with class brushes (its labels, data.options.labels,
 * as `fv run` reads them from an exported config).
 */
import { getKey } from '../config/settings.js';
import type { ConfigValues } from '../worker/protocol.js';

/** The changes of turning the conditional switch on or off, or of conditioning on something else. */
export function conditionalChanges(values: ConfigValues, conditional: boolean, on: 'class' | 'x' | 'y'): Record<string, unknown> {
  const changes: Record<string, unknown> = { 'model.conditional': conditional, 'model.condition': on };
  // A class asked of the old condition means nothing to the new one; guidance means nothing without a condition.
  if (!conditional || on !== getKey(values, 'model.condition')) Object.assign(changes, { 'sampling.class': undefined, 'sampling.condition': undefined });
  if (!conditional) {
    changes['sampling.guidance'] = undefined;
    // C²OT couples by condition: without one, the nearest pairing is minibatch OT.
    if (getKey(values, 'flow.pairing') === 'c2ot') changes['flow.pairing'] = 'ot';
  }
  return changes;
}

export interface DrawnData {
  /** The dataset options to apply: the drawn points, with their labels when the drawing has classes. */
  options: Record<string, unknown>;
  /** Settings that go with the drawing (the conditional switch's, when it is on). */
  also: Record<string, unknown>;
  /** Set when nothing should be applied yet: what to draw next. */
  wait?: string;
}

/**
 * A drawing as settings: with any class but 0 its labels go with the points (data.options.labels); with the
 * conditional switch on (conditioned on classes) a drawing of one class waits for a second, since a conditional
 * model of one class has nothing to tell apart.
 */
export function drawnWithClasses(d: { options: Record<string, unknown> }, labels: ArrayLike<number>, conditionalOnClass: boolean): DrawnData {
  const seen = new Set<number>();
  for (let i = 0; i < labels.length; i++) seen.add(labels[i]);
  const labelled = [...seen].some((k) => k !== 0);
  const options = labelled ? { ...d.options, labels: Array.from(labels) } : d.options;
  if (!conditionalOnClass) return { options, also: {} };
  if (seen.size < 2) {
    const only = seen.size ? [...seen][0] : 0;
    return { options, also: {}, wait: `Class ${only} drawn. Pick the brush of class ${only === 0 ? 1 : 0} and draw a second class: a conditional model learns to tell the classes apart.` };
  }
  return { options, also: { 'model.conditional': true, 'model.condition': 'class' } };
}

/** "class 0" … for the classes drawn on the pad (at least two: a conditional model needs something to tell apart). */
export function padClassNames(labels: ArrayLike<number>): string[] {
  let k = 1;
  for (let i = 0; i < labels.length; i++) k = Math.max(k, labels[i]);
  return Array.from({ length: k + 1 }, (_, i) => `class ${i}`);
}
