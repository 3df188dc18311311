/**
 * Pure: the text a person saw on an alternate screen, from its frames (rows top to bottom, trailing
 * spaces trimmed). Full-screen TUIs (Codex) scroll their own history by redrawing rows, so nothing
 * scrolls off in terminal terms; a row's text is kept when it leaves the screen. A line that moved
 * to another row is the same line (a scroll), a changed row that still reads about the same is an
 * update (spinner, counter, typing), anything else is the old text leaving. A line that leaves is
 * kept after the nearest line above it that is still on screen, so the text reads in the order it
 * appeared, and a line that comes back after it was kept (a redraw of the same history) is not
 * kept twice.
 */
import { trimBlank } from './frames.js';
import { KeptLines } from './kept-lines.js';
import { carry } from './row-moves.js';
import { similarRow } from './similar-row.js';

/** A row that holds this many left lines under it is written out, so memory stays bounded. */
const MAX_TRAIL = 2000;

interface Row {
  text: string;
  /** Lines that left the screen while this row was the nearest one above them, in order. */
  trail: string[];
  /** The frame it first appeared in and its row there: its first neighbours make it known again. */
  first: { frame: readonly string[]; i: number } | null;
  /** Written already (or a redraw of a kept line): only the trail is left to write. */
  done: boolean;
}

export class AltRows {
  private rows: Row[] = [];
  private readonly kept = new KeptLines();

  constructor(private readonly emit: (lines: string[]) => void) {}

  /** One frame the person saw. */
  offer(frame: readonly string[]): void {
    const before = this.rows;
    if (before.length === frame.length && before.every((row, i) => row.text === frame[i])) return;
    const { next, origin } = carry(before, frame);
    const used = new Set(next.filter((r): r is Row => r !== undefined));
    const out: string[] = [];
    const texts = before.map((r) => r.text);
    before.forEach((row, j) => {
      if (used.has(row)) return;
      const i = row.text === '' ? -1 : updatedAt(before, next, frame, j);
      if (i !== -1) {
        row.text = frame[i]!;
        next[i] = row;
        used.add(row);
        return;
      }
      // A blank leaves only when a row from below took its place (a scroll), not when it is filled.
      if (row.text === '' && !((origin[j] ?? -1) > j)) return;
      const anchor = nearestShownAbove(before, j, used);
      const lines = this.linesOf(row, texts, j);
      if (anchor) anchor.trail.push(...lines);
      else out.push(...lines);
    });
    this.rows = frame.map((text, i) => next[i] ?? this.fresh(frame, i));
    if (out.length > 0) this.emit(out);
    this.bound();
  }

  /** Writes what is on screen (leaving the alternate screen, or the end) and starts over. */
  flush(): void {
    const texts = this.rows.map((r) => r.text);
    const lines = this.rows.flatMap((row, i) => this.linesOf(row, texts, i));
    this.rows = [];
    const trimmed = trimBlank(lines);
    if (trimmed.length > 0) this.emit(trimmed);
  }

  /** Row i of `frame` leaves (or is written): its text unless written already, then its trail. */
  private linesOf(row: Row, frame: readonly string[], i: number): string[] {
    const lines = row.done ? row.trail : [row.text, ...row.trail];
    if (row.text !== '') {
      this.kept.add(frame, i);
      if (row.first) this.kept.add(row.first.frame, row.first.i);
    }
    row.first = null;
    row.done = true;
    row.trail = [];
    return lines;
  }

  private fresh(frame: readonly string[], i: number): Row {
    const text = frame[i]!;
    if (text === '') return { text, trail: [], first: null, done: false };
    return { text, trail: [], first: { frame, i }, done: this.kept.has(frame, i) };
  }

  /** A row holding too much under it writes everything from the top down to it. */
  private bound(): void {
    const heavy = this.rows.findIndex((r) => r.trail.length > MAX_TRAIL);
    if (heavy === -1) return;
    const texts = this.rows.map((r) => r.text);
    this.emit(this.rows.slice(0, heavy + 1).flatMap((row, i) => this.linesOf(row, texts, i)));
  }
}

/** How far a changed row may have moved and still be the same line (a streamed line while it scrolls). */
const UPDATE_REACH = 3;

/**
 * The new row where old row j goes on as an update, or -1: a row not taken by another line that
 * reads about the same (similarRow), at the same place or a few rows off, with the nearest line
 * above or below it moved by as many rows (or staying), so it is not another line that looks alike.
 */
function updatedAt(before: readonly Row[], next: readonly (Row | undefined)[], frame: readonly string[], j: number): number {
  for (let d = 0; d <= UPDATE_REACH; d++) {
    for (const i of d === 0 ? [j] : [j - d, j + d]) {
      if (i < 0 || i >= frame.length || next[i] !== undefined || frame[i] === '') continue;
      if (similarRow(before[j]!.text, frame[i]!) && neighbourMoved(before, next, j, i - j)) return i;
    }
  }
  return -1;
}

/** The nearest non-blank row above or below old row j is `by` rows off now, as j would be. */
function neighbourMoved(before: readonly Row[], next: readonly (Row | undefined)[], j: number, by: number): boolean {
  const moved = (k: number) => next[k + by] === before[k];
  let k = j - 1;
  while (k >= 0 && before[k]!.text === '') k--;
  if (k >= 0 && moved(k)) return true;
  k = j + 1;
  while (k < before.length && before[k]!.text === '') k++;
  return k < before.length && moved(k);
}

function nearestShownAbove(before: readonly Row[], j: number, used: Set<Row>): Row | undefined {
  for (let k = j - 1; k >= 0; k--) if (before[k]!.text !== '' && used.has(before[k]!)) return before[k];
  return undefined;
}
