/** The segmenter's vocabulary: what a session changed, in which span, and what it has bound. */
import type { JournalEvent } from '../journal/events.js';

/** One path's change in one working-tree event of the journal. */
export interface PathChange {
  /** Stable for the life of the journal: `<event ordinal>:<path>`. */
  key: string;
  path: string;
  /** The blob after the change; null when the file is gone. */
  blob: string | null;
  /** The blob before it (as the watcher last knew the path); undefined when the journal does not say. */
  before?: string | null;
  /** The watcher's status word, kept for the note (e.g. 'modified', 'added', 'deleted'). */
  status: string;
  /** When the file was last written (epoch ms), when known: the best evidence of who wrote it. */
  mtime?: number;
}

/** A span of a session between cuts, with the changes it made. */
export interface Segment {
  /** The segment's name within its session: once a segment is frozen, the index never changes. */
  index: number;
  /** Seconds since session start: the first and last event of the span. */
  start: number;
  end: number;
  /** Time of the first change in the span (the prompt is everything before it), or null. */
  firstChangeAt: number | null;
  events: JournalEvent[];
  /** The journal ordinal of each event (positions in the journal, stable as it grows). */
  ordinals: number[];
  changes: PathChange[];
}

/** What a commit changed relative to its first parent (the empty tree for a root commit). */
export interface CommitDiff {
  id: string;
  /** path → new blob (null: deleted by the commit). */
  paths: Map<string, string | null>;
}
