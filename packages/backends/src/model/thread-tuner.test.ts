import { ThreadTuner } from './thread-tuner.js';

/** Runs `calls` calls through the tuner with a cost per thread count; returns the thread counts used. */
function drive(tuner: ThreadTuner, cost: (threads: number) => number, calls: number): number[] {
  const used: number[] = [];
  for (let i = 0; i < calls; i++) {
    const th = tuner.next();
    used.push(th);
    tuner.record(cost(th));
  }
  return used;
}

it('measures both thread counts alternately, then keeps the faster until the next measurement', () => {
  const tuner = new ThreadTuner([1, 2], 3, 10);
  const used = drive(tuner, (th) => (th === 2 ? 1.2 : 2.0), 6);
  expect(used).toEqual([1, 2, 1, 2, 1, 2]);
  expect(tuner.chosen).toBe(2);
  expect(drive(tuner, () => 1, 10)).toEqual(new Array(10).fill(2));
  // The machine got busy: two threads now lose, and the next measurement says so.
  drive(tuner, (th) => (th === 2 ? 5 : 2), 6);
  expect(tuner.chosen).toBe(1);
  expect(drive(tuner, () => 1, 5)).toEqual(new Array(5).fill(1));
});

it('does not measure when there is one candidate', () => {
  const tuner = new ThreadTuner([1, 1]);
  expect(drive(tuner, () => 1, 20)).toEqual(new Array(20).fill(1));
});

it('keeps all threads unless one is clearly faster', () => {
  const tuner = new ThreadTuner([1, 2], 3, 10);
  drive(tuner, (th) => (th === 2 ? 1.0 : 0.9), 6);
  expect(tuner.chosen).toBe(2);
});

it('is not fooled by one slow call', () => {
  const tuner = new ThreadTuner([1, 2], 5, 100);
  let k = 0;
  drive(tuner, (th) => (th === 2 ? (k++ === 0 ? 50 : 1) : 2), 10);
  expect(tuner.chosen).toBe(2);
});
