/** The segmenter's vocabulary: what a session changed, in which span, and what a commit took. */
import type { JournalEvent } from '../journal/events.js';

/** One path's state after a working-tree change: blob null means the file is gone. */
export interface PathChange {
  path: string;
  blob: string | null;
  /** The watcher's status word, kept for the note (e.g. 'modified', 'added', 'deleted'). */
  status: string;
}

/** A span of a session between cuts, with the changes it made (last state of each path wins). */
export interface Segment {
  index: number;
  /** Seconds since session start: the first and last event of the span. */
  start: number;
  end: number;
  /** Time of the first change in the span (the prompt is everything before it), or null. */
  firstChangeAt: number | null;
  events: JournalEvent[];
  changes: PathChange[];
}

/** What a commit changed relative to its first parent (the empty tree for a root commit). */
export interface CommitDiff {
  id: string;
  /** path → new blob (null: deleted by the commit). */
  paths: Map<string, string | null>;
}

/** A (segment, path, blob) change that no longer waits for a commit. */
export interface Settled {
  segment: number;
  path: string;
  blob: string | null;
  /** The commit that took it; null when it resolved without one (reverted, already in history). */
  commit: string | null;
}

/** What a session has already bound: the ledger kept in its pending file. */
export interface Ledger {
  settled: Settled[];
  /** Segments written to a commit's note (by change or as conversation between changes). */
  bound: { segment: number; commit: string }[];
}

export const emptyLedger = (): Ledger => ({ settled: [], bound: [] });
