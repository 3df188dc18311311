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
import { KeptLines } from './kept-lines.js';
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
        next[i] = { ...row, text: frame[i]! };
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

/**
 * Old rows carried into the new frame: the same text on the same row, else the same text on the
 * nearest free old row (moved). `origin[i]` is the old row that new row i came from.
 */
function carry(before: readonly Row[], frame: readonly string[]): { next: (Row | undefined)[]; origin: (number | undefined)[] } {
  const next: (Row | undefined)[] = frame.map((text, i) => (before[i]?.text === text ? before[i] : undefined));
  const origin: (number | undefined)[] = next.map((r, i) => (r ? i : undefined));
  const free = new Map<string, number[]>();
  before.forEach((row, j) => {
    if (row.text === '' || next[j] === row) return;
    const list = free.get(row.text);
    if (list) list.push(j);
    else free.set(row.text, [j]);
  });
  frame.forEach((text, i) => {
    const js = next[i] === undefined && text !== '' ? free.get(text) : undefined;
    if (!js || js.length === 0) return;
    let best = 0;
    for (let k = 1; k < js.length; k++) if (Math.abs(js[k]! - i) < Math.abs(js[best]! - i)) best = k;
    const j = js.splice(best, 1)[0]!;
    next[i] = before[j];
    origin[i] = j;
  });
  // Lines keep their order on screen: of moves that cross, the most that do not stay moves.
  const keep = increasingRun(origin.map((j, i) => (frame[i] === '' ? undefined : j)));
  origin.forEach((j, i) => {
    if (j !== undefined && frame[i] !== '' && !keep.has(i)) next[i] = origin[i] = undefined;
  });
  return { next, origin };
}

/**
 * Indexes of the defined values to keep so they increase from left to right, as many as can be; a
 * value above its index (a line moved up, as history scrolls) counts a little more than one moved
 * down, so a tie keeps the scroll. O(n²), run only when some moves cross.
 */
function increasingRun(values: readonly (number | undefined)[]): Set<number> {
  const at = values.flatMap((v, i) => (v === undefined ? [] : [i]));
  const crossed = at.some((i, k) => k > 0 && values[i]! <= values[at[k - 1]!]!);
  if (!crossed) return new Set(at);
  const weight = (i: number): number => (values[i]! >= i ? 1 : 0.999);
  const best: number[] = at.map(weight);
  const back = at.map(() => -1);
  at.forEach((i, k) => {
    for (let m = 0; m < k; m++) {
      if (values[at[m]!]! < values[i]! && best[m]! + weight(i) > best[k]!) {
        best[k] = best[m]! + weight(i);
        back[k] = m;
      }
    }
  });
  let k = best.indexOf(Math.max(...best));
  const run = new Set<number>();
  for (; k !== -1; k = back[k]!) run.add(at[k]!);
  return run;
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

function trimBlank(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start] === '') start++;
  while (end > start && lines[end - 1] === '') end--;
  return lines.slice(start, end);
}
