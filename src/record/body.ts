/**
 * A bound segment → the note record written on its commit. The body is versioned JSON designed to
 * grow; version 2 carries the compact form (src/compact): structured events, the screen text and
 * the raw stream for replay, within a size budget. Version 1 bodies (every event in `events`) are
 * still read by src/record/decode.ts.
 */
import { fitBudget, type DroppedStream } from '../compact/budget.js';
import { DEFAULT_NOTE_BUDGET } from '../config/aisess-config.js';
import type { BodyEvent } from './decode.js';
import { renderScreenText } from '../compact/screen.js';
import { encodeStream, STREAM_CODES, type EncodedStream } from '../compact/stream-codec.js';
import { firstPrompt } from './prompt.js';
import type { JournalEvent, JournalHeader } from '../journal/events.js';
import type { NoteRecord, RecordSummary } from '../notes/types.js';
import { builtinRules, createRedactor, type Redactor, type Rules } from '../redact/index.js';
import { filterCastEvents } from '../term/screen-filter.js';
import { segmentModel, turnPrompt } from '../segment/lead.js';
import type { BoundSegment } from '../segment/rules.js';
import type { Segment } from '../segment/types.js';

export const BODY_VERSION = 2;

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
  /** `piped`: the agent ran on pipes (no terminal); cols and rows are a stand-in. */
  term: { cols: number; rows: number; piped?: true };
  /** Structured events of the slice, all but output and resizes: [seconds since session start, code, data]. */
  events: BodyEvent[];
  /** Agent events from before the slice it belongs to: the latest `session`, `model` and `prompt` (src/segment/lead.ts). */
  lead?: BodyEvent[];
  /** The text a person saw on the terminal during the segment. */
  screen: string;
  /** Output and resizes for replay; null when the budget left no room for any of it. */
  stream: EncodedStream | null;
  /** The part of the stream the note budget left out; absent when nothing was. */
  dropped?: DroppedStream;
  /** The segment's changes; `bound` says whether this commit took each one in full or in part. */
  paths: { path: string; blob: string | null; status: string; bound: 'full' | 'partial' | null }[];
  commit: CommitFacts;
  /** Unix epoch milliseconds. */
  boundAt: number;
  boundBy: string | null;
  /**
   * `import`: built by `aisess import` from the agent's own transcript, with no terminal recording
   * (screen empty, stream null, term a stand-in); absent for a recorded session.
   */
  source?: 'import';
  /** Set on a copy `aisess rebind` wrote after the record's commit was rewritten elsewhere; absent otherwise. */
  rebound?: Rebound;
}

/**
 * Where a rebound record came from and why it is here (docs/note-format.md, "Rewritten elsewhere"):
 * `commit` above then names the commit it is on now, and `was` keeps what it named before.
 */
export interface Rebound {
  /** The commit the record was bound to before (still carrying it: nothing is removed there). */
  from: string;
  /** `patch-id`: same `git patch-id --stable`; `contained`: this commit's diff holds the record's change. */
  rule: 'patch-id' | 'contained';
  /** Unix epoch milliseconds, and who ran the rebind (git `user.email`). */
  at: number;
  by: string | null;
  /** The record's `commit` facts before the rebind, as it held them (absent in very old bodies). */
  was?: CommitFacts;
}

export interface SegmentRecord extends NoteRecord {
  body: SegmentBody;
}

export interface RecordContext {
  header: JournalHeader;
  commit: CommitFacts;
  boundAt: number;
  boundBy: string | null;
  /** Largest note line for one record, in bytes (git config aisess.noteBudget). */
  noteBudget?: number;
  /** Redaction rules (built-ins plus the user's, src/redact loadRules); the built-ins when omitted. */
  rules?: Rules;
  /** What the segment inherits from earlier segments of its session (leadEvents). */
  lead?: JournalEvent[];
  /** Marks a record `aisess import` built from a transcript (SegmentBody.source). */
  source?: 'import';
}

export function recordId(sessionId: string, segment: number): string {
  return `${sessionId}:${segment}`;
}

/**
 * The compaction pipeline: slice the events → redact → render the screen text → encode the stream
 * → fit the budget. Each step sees the previous step's output, so redaction reaches all three parts.
 */
export async function segmentRecord(segment: Segment, bound: BoundSegment, ctx: RecordContext): Promise<SegmentRecord> {
  const term = { cols: ctx.header.term.cols, rows: ctx.header.term.rows, ...(ctx.header.term.piped && { piped: true as const }) };
  // One redactor for every part: a secret found anywhere is replaced everywhere else too.
  const redactor = createRedactor(ctx.rules ?? builtinRules(), { cols: term.cols });
  // The note keeps only what draws the screen (src/term/screen-filter.ts); the journal keeps it all.
  const events = redactor.events(filterCastEvents(segment.events.map((e): BodyEvent => [e.time, e.code, e.data]))).events;
  const lead = ctx.lead ?? [];
  const screen = await renderScreenText(events, { cols: term.cols, rows: term.rows });
  const body = fitBudget<SegmentBody>({
    ...redactDescription(describe(segment, bound, ctx), redactor),
    term,
    events: events.filter((e) => !STREAM_CODES.has(e[1])),
    ...(lead.length > 0 && { lead: redactor.events(lead.map((e): BodyEvent => [e.time, e.code, e.data])).events }),
    stream: encodeStream(events),
    // After the stream, so zstd finds the screen's lines in the output it has already seen.
    screen: redactor.text(screen.text).text,
    ...(ctx.source && { source: ctx.source }),
  }, ctx.noteBudget ?? DEFAULT_NOTE_BUDGET);
  // Without agent events, a line typed into the terminal (when input is captured) is the best evidence.
  const prompt = turnPrompt(segment, lead) ?? firstPrompt(segment.events);
  const title = prompt === null ? null : redactor.text(prompt).text;
  return { id: recordId(ctx.header.aisess.id, segment.index), summary: recordSummary(body, title, segmentModel(segment, lead)), body };
}

/** The agent's argv and cwd can hold secrets too (`--api-key …`, a path with a token). */
function redactDescription(d: Description, redactor: Redactor): Description {
  return { ...d, session: redactor.value(d.session).value };
}

type Description = Pick<SegmentBody, 'v' | 'session' | 'segment' | 'paths' | 'commit' | 'boundAt' | 'boundBy'>;

function describe(segment: Segment, bound: BoundSegment, ctx: RecordContext): Description {
  const info = ctx.header.aisess;
  return {
    v: BODY_VERSION,
    session: { id: info.id, agent: info.agent, argv: info.argv, cwd: info.cwd, startedAt: info.startedAt },
    segment: {
      index: segment.index,
      start: segment.start,
      end: segment.end,
      firstChangeAt: segment.firstChangeAt,
      conversation: bound.conversation,
    },
    paths: segment.changes.map((c) => ({
      path: c.path,
      blob: c.blob,
      status: c.status,
      bound: bound.taken.includes(c.path) ? 'full' : bound.partial.includes(c.path) ? 'partial' : null,
    })),
    commit: ctx.commit,
    boundAt: ctx.boundAt,
    boundBy: ctx.boundBy,
  };
}

/**
 * What `git notes show` lists first: date, agent, duration, the prompt when known, files. The
 * model rides on the agent word as `<agent>/<model>` (the summary line has no field of its own for
 * it, and `aisess log` must show it without decoding a payload); agent names never hold '/'.
 */
export function recordSummary(body: SegmentBody, prompt: string | null, model: string | null = null): RecordSummary {
  return {
    time: body.session.startedAt + Math.round(body.segment.start * 1000),
    agent: model ? `${body.session.agent}/${model}` : body.session.agent,
    durationMs: Math.round((body.segment.end - body.segment.start) * 1000),
    title: prompt ?? (body.segment.conversation ? '(conversation)' : ''),
    files: body.paths.filter((p) => p.bound !== null).length,
  };
}
