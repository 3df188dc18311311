/**
 * Which rows of the screen may have changed since they were last read, so a frame re-reads only
 * those (reading a row's text is what a long full-screen session spends its time on). xterm keeps
 * this range for its renderer but does not publish it: it is read from its input handler, which
 * marks every row it writes, erases or scrolls, resets the range when it starts parsing a chunk and
 * reports it when done. Without those internals (another xterm version) every row is read.
 */
import type xterm from '@xterm/headless';

interface Tracker {
  start: number;
  end: number;
}
interface Handler {
  _dirtyRowTracker?: Tracker;
  onRequestRefreshRows?: (listener: (range: { start: number; end: number } | undefined) => void) => unknown;
}

export class DirtyRows {
  private readonly tracker: Tracker | undefined;
  private start = 0;
  private end = Number.MAX_SAFE_INTEGER;

  constructor(term: xterm.Terminal) {
    const handler = (term as unknown as { _core?: { _inputHandler?: Handler } })._core?._inputHandler;
    const tracker = handler?._dirtyRowTracker;
    if (!handler || typeof tracker?.start !== 'number' || typeof handler.onRequestRefreshRows !== 'function') return;
    this.tracker = tracker;
    handler.onRequestRefreshRows((range) => (range ? this.add(range.start, range.end) : this.all()));
  }

  /** Everything may have changed (buffer switch, resize, reset). */
  all(): void {
    this.start = 0;
    this.end = Number.MAX_SAFE_INTEGER;
  }

  /** The rows [from, to] to read now, and none after until they change again. */
  take(): { from: number; to: number } {
    if (!this.tracker) return { from: 0, to: Number.MAX_SAFE_INTEGER };
    // The chunk being parsed has its own range, not reported yet.
    this.add(this.tracker.start, this.tracker.end);
    const taken = { from: this.start, to: this.end };
    this.start = Number.MAX_SAFE_INTEGER;
    this.end = -1;
    return taken;
  }

  private add(start: number, end: number): void {
    this.start = Math.min(this.start, start);
    this.end = Math.max(this.end, end);
  }
}
