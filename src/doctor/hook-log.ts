/**
 * Pure: the recent failures in a store's hook.log. The log is written by the hooks' binder (one
 * line per event, `<ISO time> <text>`), by the hook script itself (`aisess <hook>: aisess not
 * found`, no time) and by node when the binder dies before it can log (a stack, no time). A
 * successful bind after a failure means binding works again: only what failed since counts.
 */

export interface HookLogFailure {
  /** Epoch ms, or null when the line carries no time (then it is no later than the file's mtime). */
  at: number | null;
  text: string;
  /** The hooks could not start aisess at all (moved or removed since init wrote them). */
  notFound: boolean;
}

const STAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z) (.*)$/;
const FAILED = / failed: |: session \S+ not bound: |^unknown hook /;
const NOT_FOUND = /^aisess [\w-]+: aisess not found\b/;

/** Failures since the last successful bind, newer than `since` (epoch ms); `mtime` dates the lines without a time. */
export function hookLogFailures(text: string, mtime: number, since: number): HookLogFailure[] {
  let failures: HookLogFailure[] = [];
  let raw: string[] = [];
  const flushRaw = (): void => {
    if (raw.length === 0) return;
    const line = raw.find((l) => NOT_FOUND.test(l)) ?? raw.find((l) => /\b(Error|error|failed|not found)\b/.test(l)) ?? raw[0]!;
    failures.push({ at: null, text: line.trim(), notFound: NOT_FOUND.test(line) });
    raw = [];
  };
  for (const line of text.split('\n')) {
    const m = STAMP.exec(line);
    if (!m) {
      // A stack's frames and blank lines belong to what came before; anything else is output of its own.
      if (line.trim() === '' || /^\s/.test(line)) continue;
      if (NOT_FOUND.test(line)) flushRaw();
      raw.push(line);
      if (NOT_FOUND.test(line)) flushRaw();
      continue;
    }
    flushRaw();
    const at = Date.parse(m[1]!);
    const body = m[2]!;
    if (/: bound /.test(body)) failures = [];
    else if (FAILED.test(body)) failures.push({ at, text: body, notFound: false });
  }
  flushRaw();
  return failures.filter((f) => (f.at ?? mtime) >= since);
}
