/**
 * Coalesces triggers into one running task at a time: bursts are debounced, a steady stream
 * still runs every maxWaitMs, and a safety poll runs the task anyway, backing off while idle.
 * Every timer is unref'd so a watcher never keeps the process alive.
 */

export interface ScheduleOptions {
  debounceMs: number;
  maxWaitMs: number;
  pollMs: number;
  maxPollMs: number;
}

export class Coalescer {
  private current?: Promise<void>;
  private queued?: Promise<void>;
  private stopped = true;
  private firstTrigger = 0;
  private debounce?: NodeJS.Timeout;
  private poll?: NodeJS.Timeout;
  private pollMs: number;

  constructor(
    /** Resolves true when it found something: the poll then tightens again. */
    private readonly task: () => Promise<boolean>,
    private readonly opts: ScheduleOptions,
    private readonly onError: (err: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.pollMs = opts.pollMs;
  }

  start(): void {
    this.stopped = false;
    this.schedulePoll();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.debounce);
    clearTimeout(this.poll);
  }

  /** Something may have changed: run soon, once, however many times this is called. */
  trigger(): void {
    if (this.stopped) return;
    this.pollMs = this.opts.pollMs;
    if (!this.debounce) this.firstTrigger = this.now();
    clearTimeout(this.debounce);
    const waited = this.now() - this.firstTrigger;
    const delay = Math.max(0, Math.min(this.opts.debounceMs, this.opts.maxWaitMs - waited));
    this.debounce = setTimeout(() => void this.run(), delay).unref();
  }

  /** Runs the task now (or right after the current run) and resolves when that run is over. */
  run(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.current) {
      this.queued ??= this.current.then(() => {
        this.queued = undefined;
        return this.run();
      });
      return this.queued;
    }
    clearTimeout(this.debounce);
    this.debounce = undefined;
    this.current = this.execute().finally(() => (this.current = undefined));
    return this.current;
  }

  private async execute(): Promise<void> {
    let found = false;
    try {
      found = await this.task();
    } catch (err) {
      this.onError(err);
    }
    this.pollMs = found ? this.opts.pollMs : Math.min(this.pollMs * 2, this.opts.maxPollMs);
    this.schedulePoll();
  }

  private schedulePoll(): void {
    clearTimeout(this.poll);
    if (this.stopped) return;
    this.poll = setTimeout(() => void this.run(), this.pollMs).unref();
  }
}
