/**
 * Pure: a bound segment → the note record written on its commit. The body is versioned JSON
 * designed to grow (agent events, screen text, redaction come later, each as a new field).
 */
import type { JournalHeader } from '../journal/events.js';
import type { NoteRecord, RecordSummary } from '../notes/types.js';
import type { BoundSegment } from './rules.js';
import type { Segment } from './types.js';

export const BODY_VERSION = 1;

/** What identifies a commit's change beyond its id, so `aisess rebind` can find it after a squash. */
export interface CommitFacts {
  id: string;
  tree: string;
  /** `git patch-id --stable`; null for a commit with an empty diff. */
  patchId: string | null;
  paths: string[];
}

export interface SegmentBody {
  v: typeof BODY_VERSION;
  session: { id: string; agent: string; argv: string[]; cwd: string; startedAt: number };
  segment: { index: number; start: number; end: number; firstChangeAt: number | null; conversation: boolean };
  term: { cols: number; rows: number };
  /** The slice of the journal: [seconds since session start, code, data]. */
  events: [number, string, string][];
  /** The segment's changes; `bound` says whether this commit took each one in full or in part. */
  paths: { path: string; blob: string | null; status: string; bound: 'full' | 'partial' | null }[];
  commit: CommitFacts;
  /** Unix epoch milliseconds. */
  boundAt: number;
  boundBy: string | null;
}

export interface SegmentRecord extends NoteRecord {
  body: SegmentBody;
}

export interface RecordContext {
  header: JournalHeader;
  commit: CommitFacts;
  boundAt: number;
  boundBy: string | null;
}

export function recordId(sessionId: string, segment: number): string {
  return `${sessionId}/${segment}`;
}

export function segmentRecord(segment: Segment, bound: BoundSegment, ctx: RecordContext): SegmentRecord {
  const info = ctx.header.aisess;
  const body: SegmentBody = {
    v: BODY_VERSION,
    session: { id: info.id, agent: info.agent, argv: info.argv, cwd: info.cwd, startedAt: info.startedAt },
    segment: {
      index: segment.index,
      start: segment.start,
      end: segment.end,
      firstChangeAt: segment.firstChangeAt,
      conversation: bound.conversation,
    },
    term: { cols: ctx.header.term.cols, rows: ctx.header.term.rows },
    events: segment.events.map((e) => [e.time, e.code, e.data]),
    paths: segment.changes.map((c) => ({
      ...c,
      bound: bound.taken.includes(c.path) ? 'full' : bound.partial.includes(c.path) ? 'partial' : null,
    })),
    commit: ctx.commit,
    boundAt: ctx.boundAt,
    boundBy: ctx.boundBy,
  };
  return { id: recordId(info.id, segment.index), summary: recordSummary(body, null), body };
}

/** What `git notes show` lists first: date, agent, duration, the prompt when known, files. */
export function recordSummary(body: SegmentBody, prompt: string | null): RecordSummary {
  return {
    time: body.session.startedAt + Math.round(body.segment.start * 1000),
    agent: body.session.agent,
    durationMs: Math.round((body.segment.end - body.segment.start) * 1000),
    title: prompt ?? (body.segment.conversation ? '(conversation)' : ''),
    files: body.paths.filter((p) => p.bound !== null).length,
  };
}
