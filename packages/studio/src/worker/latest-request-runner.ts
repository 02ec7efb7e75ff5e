/**
 * The worker's figure jobs (likelihood, quality) run one at a time and only for the latest request: a request made
 * while a job runs waits for it, replacing any older waiting one, rather than cancelling it (which would starve a
 * view while requests come faster than a job ends). How a job is cancelled, and what it posts, is its owner's.
 */
export class LatestRequestRunner<T> {
  private running = false;
  private wanted?: () => T;

  /** `run` does one job from `make` (called when the job starts, so that its input is current); it must not throw. */
  constructor(private readonly run: (make: () => T) => Promise<void>) {}

  /** Starts a job at once, or when the running one ends (replacing any request still waiting). */
  request(make: () => T): void {
    this.wanted = make;
    if (!this.running) void this.drain();
  }

  /** Forgets the waiting request; the running job is its owner's to cancel. */
  dropWaiting(): void {
    this.wanted = undefined;
  }

  /** Whether a request waits for the running job. */
  get waiting(): boolean {
    return this.wanted !== undefined;
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.wanted) {
        const make = this.wanted;
        this.wanted = undefined;
        await this.run(make);
      }
    } finally {
      this.running = false;
    }
  }
}
