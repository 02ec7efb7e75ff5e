/** The settings a conditional change makes, read back through the URL and the CLI's schema as the page does. */
import { parseValues, changeKind, keyChangeKind } from '../config/settings.js';
import { hashToValues, valuesToHash, valuesToOverrides } from '../io/url-state.js';
import { resolveValues } from '../io/problems.js';
import { conditionalChanges, drawnWithClasses, padClassNames } from './conditional-settings.js';

const drawn = { options: { points: [[0, 0], [1, 1], [2, 2]], normalize: false } };

describe('the conditional switch', () => {
  it('on: model.conditional and what it conditions on; a class of another condition is dropped', () => {
    expect(conditionalChanges({ model: { condition: 'class' } }, true, 'class')).toEqual({ 'model.conditional': true, 'model.condition': 'class' });
    expect(conditionalChanges({ model: { condition: 'class' }, sampling: { class: 2 } }, true, 'x')).toEqual({ 'model.conditional': true, 'model.condition': 'x', 'sampling.class': undefined, 'sampling.condition': undefined });
  });

  it('off: the sampling keys go, and c2ot (which couples by condition) becomes ot', () => {
    expect(conditionalChanges({ model: { conditional: true, condition: 'class' }, flow: { pairing: 'c2ot' }, sampling: { class: 1, guidance: 3 } }, false, 'class')).toEqual({
      'model.conditional': false,
      'model.condition': 'class',
      'sampling.class': undefined,
      'sampling.condition': undefined,
      'sampling.guidance': undefined,
      'flow.pairing': 'ot',
    });
  });
});

describe('a drawing with class brushes', () => {
  it('one class: the points alone, as an unlabelled drawing always was', () => {
    expect(drawnWithClasses(drawn, [0, 0, 0], false)).toEqual({ options: drawn.options, also: {} });
  });

  it('classes: the labels go with the points, and with the switch on the model is made conditional on them', () => {
    expect(drawnWithClasses(drawn, [0, 1, 1], false).options).toEqual({ ...drawn.options, labels: [0, 1, 1] });
    expect(drawnWithClasses(drawn, [0, 1, 1], true)).toEqual({ options: { ...drawn.options, labels: [0, 1, 1] }, also: { 'model.conditional': true, 'model.condition': 'class' } });
  });

  it('with the switch on, one class waits for a second and says which brush to take', () => {
    expect(drawnWithClasses(drawn, [0, 0, 0], true).wait).toMatch(/Class 0 drawn\. Pick the brush of class 1/);
    expect(drawnWithClasses(drawn, [2, 2, 2], true).wait).toMatch(/Class 2 drawn\. Pick the brush of class 0/);
  });

  it('names the pad\'s classes, at least two', () => {
    expect(padClassNames([])).toEqual(['class 0', 'class 1']);
    expect(padClassNames([0, 2, 1])).toEqual(['class 0', 'class 1', 'class 2']);
  });
});

describe('conditional settings through the schema, the URL and the CLI overrides', () => {
  const values = resolveValues({
    data: { name: 'points', options: { points: [[0, 0], [1, 0], [3, 3], [4, 3]], labels: [0, 0, 1, 1], normalize: false } },
    model: { conditional: true, condition: 'class' },
    training: { cond_dropout: 0.2 },
    flow: { pairing: 'c2ot' },
    sampling: { class: 1, guidance: 2.5 },
  });

  it('the schema takes them (labels included) and the URL reads them back unchanged', () => {
    const config = parseValues(values);
    expect(config.model).toMatchObject({ conditional: true, condition: 'class' });
    expect(config.sampling).toMatchObject({ class: 1, guidance: 2.5 });
    const hash = valuesToHash(values);
    for (const part of ['model.conditional=true', 'training.cond_dropout=0.2', 'flow.pairing=c2ot', 'sampling.class=1', 'sampling.guidance=2.5', 'data.options.labels=[0,0,1,1]']) expect(hash).toContain(part);
    const back = hashToValues(hash);
    expect(back.problems).toEqual([]);
    expect(back.values).toEqual(values);
    expect(valuesToOverrides(values)).toEqual(expect.arrayContaining(['model.conditional=true', 'sampling.guidance=2.5']));
  });

  it('class and guidance re-sample the model; the switch, the condition and label dropout start a new one', () => {
    const a = parseValues(values);
    const with_ = (v: Record<string, unknown>) => changeKind(a, parseValues({ ...values, ...v }));
    expect(with_({ sampling: { class: 0, guidance: 2.5 } })).toBe('resample');
    expect(with_({ sampling: { class: 1, guidance: 0 } })).toBe('resample');
    expect(with_({ training: { cond_dropout: 0.5 } })).toBe('reset');
    expect(with_({ model: { conditional: true, condition: 'x' } })).toBe('reset');
    expect(['sampling.class', 'sampling.guidance'].map(keyChangeKind)).toEqual(['resample', 'resample']);
    expect(['model.conditional', 'training.cond_dropout'].map(keyChangeKind)).toEqual(['reset', 'reset']);
  });
});
