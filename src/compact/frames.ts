/**
 * Pure: which full-screen frames a person saw. A TUI redraws the same view many times (spinner,
 * prompt box, growing answer); only the last state of a view is kept, and a new view flushes the
 * previous one. Lines that a view scrolled away between two samples are kept once, in order.
 */

/** A frame shares at least this fraction of its lines with the next: the same view, evolving. */
const SAME_VIEW = 0.5;

export class FrameLog {
  private pending: string[] | null = null;
  private lastEmitted = '';

  constructor(private readonly emit: (lines: string[]) => void) {}

  /** A sampled frame (logical lines, trailing spaces trimmed). Blank frames are ignored. */
  offer(frame: string[]): void {
    const lines = trimBlank(frame);
    if (lines.length === 0) return;
    const pending = this.pending;
    this.pending = lines;
    if (!pending) return;
    if (sameView(pending, lines)) {
      const gone = scrolledAway(pending, lines);
      if (gone.length > 0) this.emit(gone);
    } else {
      this.write(pending);
    }
  }

  /** Emits the view in progress (on leaving the alternate screen, and at the end). */
  flush(): void {
    if (this.pending) this.write(this.pending);
    this.pending = null;
  }

  private write(lines: string[]): void {
    const text = lines.join('\n');
    if (text === this.lastEmitted) return;
    this.lastEmitted = text;
    this.emit(lines);
  }
}

export function trimBlank(lines: readonly string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start++;
  while (end > start && lines[end - 1]!.trim() === '') end--;
  return lines.slice(start, end);
}

export function sameView(before: readonly string[], after: readonly string[]): boolean {
  const now = new Set(after);
  const content = before.filter((l) => l.trim() !== '');
  if (content.length === 0) return true;
  const kept = content.filter((l) => now.has(l)).length;
  return kept / content.length >= SAME_VIEW;
}

/**
 * Lines of `before` missing from `after` whose next surviving line moved up: they scrolled out of
 * the view (a chat log inside a full-screen TUI). A changed line whose neighbours stay put (a spinner,
 * a counter) is an update, not history.
 */
export function scrolledAway(before: readonly string[], after: readonly string[]): string[] {
  const at = new Map<string, number>();
  after.forEach((l, i) => {
    if (!at.has(l)) at.set(l, i);
  });
  const gone: string[] = [];
  let missing: string[] = [];
  before.forEach((line, i) => {
    const j = at.get(line);
    if (j === undefined) {
      missing.push(line);
      return;
    }
    if (missing.length > 0 && j < i) gone.push(...missing.filter((l) => l.trim() !== ''));
    missing = [];
  });
  return gone;
}
