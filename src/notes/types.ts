/** What a person sees first in `git notes --ref=aisess show`: one line per record. */
export interface RecordSummary {
  /** When the segment started, Unix epoch milliseconds (the summary line keeps minutes, UTC). */
  time: number;
  /** Adapter name: 'claude', 'codex', 'generic'… (whitespace is replaced by '-'). */
  agent: string;
  durationMs: number;
  /** The prompt or task that led to the segment; shortened on the summary line. */
  title: string;
  /** Number of paths the segment changed. */
  files: number;
}

/** One bound segment. The id is unique (e.g. `<session-id>:<segment-index>`), so merges collapse copies. */
export interface NoteRecord {
  id: string;
  summary: RecordSummary;
  /** The segment payload: any JSON-serialisable value, opaque to this module. */
  body: unknown;
}

/** A record as listed without decoding its payload (from its summary line). */
export interface RecordHeadline {
  id: string;
  /** null when the note has a payload line for the id but no readable summary line. */
  summary: RecordSummary | null;
}

/** A line the reader could not use; the rest of the note is still read. */
export interface NoteProblem {
  /** 1-based line number within the note. */
  line: number;
  recordId?: string;
  reason: string;
}

export interface NoteRead {
  records: NoteRecord[];
  problems: NoteProblem[];
  /** Other payloads of records bound to several commits that were joined (src/notes/codec.ts). */
  variants?: NoteRecord[];
}
