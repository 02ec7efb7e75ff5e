/**
 * Picks, while work runs, the faster of two thread counts for it: a few calls with each, alternately, then the
 * one with the lower median for a long stretch, then measure again. The native backend's numbers do not depend
 * on its thread count (only on the batch's parts), so this changes speed only. It is there for shared machines:
 * when other jobs hold the cores, a second thread is often descheduled and the first waits for it (measured here
 * at load 12: 2 threads 2× slower than 1); on a quiet machine 2 threads win and are kept. Each measurement that
 * confirms the choice doubles the stretch before the next (up to maxStretch): the single-thread calls of a
 * measurement cost ~1% of a quiet run's training when repeated every 400 calls.
 */
export class ThreadTuner {
  private readonly samples: [number[], number[]] = [[], []];
  private choice: number;
  private probing: boolean;
  private sinceProbe = 0;
  private turn = 0;
  private measured = false;
  private gap: number;

  constructor(
    /** The two candidates: one thread, and the most this work can use. */
    readonly candidates: readonly [number, number],
    /** Calls of each candidate per measurement. */
    private readonly probeCalls = 6,
    /** Calls between measurements, at first and after a measurement that changed the choice. */
    private readonly stretch = 400,
    /** The most calls between measurements. */
    private readonly maxStretch = 16 * stretch,
  ) {
    this.gap = stretch;
    this.choice = candidates[1];
    this.probing = candidates[0] !== candidates[1];
  }

  /** Threads for the next call. */
  next(): number {
    if (!this.probing) return this.choice;
    return this.candidates[this.turn % 2];
  }

  /** How long the call that next() was asked for took. */
  record(seconds: number): void {
    if (!this.probing) {
      if (++this.sinceProbe >= this.gap && this.candidates[0] !== this.candidates[1]) {
        this.probing = true;
        this.sinceProbe = 0;
        this.turn = 0;
      }
      return;
    }
    this.samples[this.turn % 2].push(seconds);
    this.turn++;
    if (this.turn < 2 * this.probeCalls) return;
    const [a, b] = this.samples.map(median);
    // One thread only when clearly faster: a measurement disturbed by a burst of other work must not halve the
    // speed of the whole next stretch on a machine where all threads do pay.
    const choice = a < 0.85 * b ? this.candidates[0] : this.candidates[1];
    this.gap = this.measured && choice === this.choice ? Math.min(2 * this.gap, this.maxStretch) : this.stretch;
    this.measured = true;
    this.choice = choice;
    this.samples[0] = [];
    this.samples[1] = [];
    this.probing = false;
  }

  /** The choice of the last measurement (the larger count before any). */
  get chosen(): number {
    return this.choice;
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
