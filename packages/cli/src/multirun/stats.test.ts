import { groupRuns, meanSd } from './stats.js';

describe('seed groups', () => {
  it('mean and sample standard deviation; no sd for one run', () => {
    expect(meanSd([1, 2, 3, 4])).toEqual({ mean: 2.5, sd: Math.sqrt(5 / 3), n: 4 });
    expect(meanSd([7])).toEqual({ mean: 7, sd: null, n: 1 });
  });

  it('groups by every key but the seed, counting only runs with metrics (completed ones)', () => {
    const keys = ['flow.pairing', 'training.seed'];
    const run = (index: number, pairing: string, seed: string, w1: number | null) => ({ index, values: { 'flow.pairing': pairing, 'training.seed': seed }, metrics: w1 === null ? null : { sliced_w1: w1 } });
    const groups = groupRuns(keys, [run(0, 'none', '1', 0.2), run(1, 'none', '2', 0.4), run(2, 'ot', '1', 0.1), run(3, 'ot', '2', null)]);
    expect(groups.map((g) => [g.values, g.runs])).toEqual([[{ 'flow.pairing': 'none' }, [0, 1]], [{ 'flow.pairing': 'ot' }, [2, 3]]]);
    expect(groups[0].stats.sliced_w1.mean).toBeCloseTo(0.3, 12);
    expect(groups[0].stats.sliced_w1.sd).toBeCloseTo(Math.SQRT2 * 0.1, 12);
    expect(groups[1].stats.sliced_w1).toEqual({ mean: 0.1, sd: null, n: 1 });
  });

  it('without a swept seed every run is its own group', () => {
    const groups = groupRuns(['flow.pairing'], [{ index: 0, values: { 'flow.pairing': 'none' }, metrics: { a: 1 } }, { index: 1, values: { 'flow.pairing': 'none' }, metrics: { a: 2 } }]);
    expect(groups.map((g) => g.runs)).toEqual([[0], [1]]);
  });
});
