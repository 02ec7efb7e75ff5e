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

/** Where each measurement (2 × probeCalls calls, alternating) begins, found by the count that steady calls do not use. */
function measurementStarts(used: number[], steady: number, probeCalls: number): number[] {
  const starts: number[] = [];
  used.forEach((th, i) => {
    // A measurement's first call is on one thread; in a stretch on one thread, its second call is the first on two.
    const start = steady === 2 ? i : i - 1;
    if (th !== steady && (starts.length === 0 || start - starts[starts.length - 1] >= 2 * probeCalls)) starts.push(start);
  });
  return starts;
}

const gapsOf = (starts: number[], probeCalls: number) => starts.slice(1).map((s, k) => s - starts[k] - 2 * probeCalls);

it('measures less and less often while the choice holds, and as often as at first once it changes', () => {
  const tuner = new ThreadTuner([1, 2], 2, 10, 40);
  // Quiet: two threads keep winning; the stretches between measurements double up to the cap.
  const quiet = drive(tuner, (th) => (th === 2 ? 1 : 2), 200);
  expect(gapsOf(measurementStarts(quiet, 2, 2), 2).slice(0, 4)).toEqual([10, 20, 40, 40]);
  // Busy from here: the next measurement switches to one thread, and the one after follows at the first stretch.
  const busy = drive(tuner, (th) => (th === 2 ? 5 : 2), 200);
  expect(tuner.chosen).toBe(1);
  const after = busy.slice(busy.indexOf(1) + 4); // from the end of the measurement that switched
  const starts = measurementStarts(after, 1, 2);
  expect(starts[0]).toBe(10);
  expect(gapsOf(starts, 2)[0]).toBe(20);
});
