/**
 * The one way tests wait for something that happens in the background (a binder, a watcher, a
 * pty): poll a probe with a generous deadline. Waits only, never asserts on timing: a slow machine
 * makes a test slower, not red. A probe that runs a process (the CLI, git) asks for a longer
 * interval so the waiting does not load the machine it waits on.
 */

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

const DEFAULTS = { timeoutMs: 20_000, intervalMs: 25 };

const options = (opts: WaitOptions | number | undefined): Required<WaitOptions> =>
  typeof opts === 'number' ? { ...DEFAULTS, timeoutMs: opts } : { ...DEFAULTS, ...opts };

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls until probe returns a value (anything but undefined, null or false); throws naming `what` at the deadline. */
export async function waitFor<T>(probe: () => T | Promise<T>, what: string, opts?: WaitOptions | number): Promise<NonNullable<T>> {
  const { timeoutMs, intervalMs } = options(opts);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/**
 * Polls value() until test passes, then returns it; at the deadline returns the last value, so the
 * caller's assertion shows what was there instead of a bare timeout.
 */
export async function eventually<T>(value: () => T | Promise<T>, test: (v: T) => boolean, opts?: WaitOptions | number): Promise<T> {
  const { timeoutMs, intervalMs } = options(opts);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await value();
    if (test(v) || Date.now() > deadline) return v;
    await sleep(intervalMs);
  }
}
