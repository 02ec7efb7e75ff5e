import { metricGroups } from './metrics-table.js';

describe('metrics table of a run with classes', () => {
  it('adds a "By class" group: the overall nearest-class share, then W2² and share per class', () => {
    const groups = metricGroups({
      sliced_w1: 0.02,
      nearest_class_share: 0.985,
      per_class: [
        { class: 0, name: 'upper moon', n: 500, w2: 0.2, w2_squared: 0.04, w2_points: 480, nearest_share: 0.99 },
        { class: 1, name: 'lower moon', n: 500, nearest_share: 0.98 },
      ],
    });
    const g = groups.find((x) => x.title === 'By class')!;
    expect(g.rows.map((r) => [r.label, r.value])).toEqual([
      ['Nearest own class', '98.5%'],
      ['0: upper moon', 'W2² 0.04 · 99% nearest own class'],
      ['1: lower moon', '98% nearest own class'],
    ]);
    expect(g.rows[1].explain).toContain('480 held-out points');
    // Not repeated under "Other" as raw JSON.
    expect(groups.find((x) => x.title === 'Other')).toBeUndefined();
  });

  it('an unconditional run has no such group', () => {
    expect(metricGroups({ sliced_w1: 0.02 }).map((g) => g.title)).not.toContain('By class');
  });
});
