/**
 * The one way tests wait for something that happens in the background (a binder, a watcher, a
 * pty): poll a probe with a generous deadline. Waits only, never asserts on timing: a slow machine
 * makes a test slower, not red. A probe that runs a process (the CLI, git) asks for a longer
 * interval so the waiting does not load the machine it waits on.
 */

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /**
   * A cheap fingerprint of what the probe reads (file stats, say). When given, the probe runs
   * again only once the fingerprint changed, or `staleMs` after its last run: a probe that starts
   * a process then costs nothing while nothing happens, and runs as soon as something does.
   */
  changes?: () => string;
  staleMs?: number;
}

const DEFAULTS = { timeoutMs: 20_000, intervalMs: 25, staleMs: 1000 };

const options = (opts: WaitOptions | number | undefined) =>
  typeof opts === 'number' ? { ...DEFAULTS, timeoutMs: opts } : { ...DEFAULTS, ...opts };

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls until probe returns a value (anything but undefined, null or false); throws naming `what` at the deadline. */
export async function waitFor<T>(probe: () => T | Promise<T>, what: string, opts?: WaitOptions | number): Promise<NonNullable<T>> {
  const found = (v: T): boolean => v !== undefined && v !== null && v !== false;
  const { value, passed, timeoutMs } = await poll(probe, found, options(opts));
  if (!passed) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
  return value as NonNullable<T>;
}

/**
 * Polls value() until test passes, then returns it; at the deadline returns the last value, so the
 * caller's assertion shows what was there instead of a bare timeout.
 */
export async function eventually<T>(value: () => T | Promise<T>, test: (v: T) => boolean, opts?: WaitOptions | number): Promise<T> {
  return (await poll(value, test, options(opts))).value;
}

async function poll<T>(
  probe: () => T | Promise<T>, test: (v: T) => boolean, o: ReturnType<typeof options>,
): Promise<{ value: T; passed: boolean; timeoutMs: number }> {
  const deadline = Date.now() + o.timeoutMs;
  let key = o.changes?.();
  for (;;) {
    const ranAt = Date.now();
    const value = await probe();
    if (test(value)) return { value, passed: true, timeoutMs: o.timeoutMs };
    if (Date.now() > deadline) return { value, passed: false, timeoutMs: o.timeoutMs };
    for (;;) {
      await sleep(o.intervalMs);
      if (!o.changes || Date.now() > deadline || Date.now() - ranAt >= o.staleMs) break;
      const now = o.changes();
      if (now !== key) {
        key = now;
        break;
      }
    }
  }
}
