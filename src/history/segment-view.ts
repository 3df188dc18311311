/**
 * Pure: a note record → what `aisess show` and `aisess replay <commit>` need from it. The body is
 * read defensively: a record written by another version may lack fields, and must still show.
 */
import type { NoteRecord } from '../notes/index.js';
import type { DroppedStream } from '../compact/budget.js';
import { decodeStream } from '../record/decode.js';
import type { SegmentBody } from '../record/body.js';

export interface SegmentView {
  id: string;
  session: string | null;
  agent: string;
  /** The model the segment ran on, from its summary (`<agent>/<model>`); null when unknown. */
  model?: string | null;
  argv: string[];
  /** The directory the session ran in (as recorded, redacted). */
  cwd?: string | null;
  /** Unix epoch milliseconds of the segment's first event. */
  start: number;
  durationMs: number;
  title: string;
  paths: { path: string; status: string; bound: 'full' | 'partial' | null }[];
  /** `piped`: recorded from pipes; the size is a stand-in. */
  term: { cols: number; rows: number; piped?: true };
  /** [seconds since session start, code, data], as bound. */
  events: [number, string, string][];
  /** Agent events the segment inherits from earlier in its session (latest session, model, prompt). */
  lead?: [number, string, string][];
  /** The part of the stream the note budget left out. */
  dropped?: DroppedStream | null;
  /** The screen text rendered when the segment was bound (body v2); null for older bodies. */
  screen: string | null;
  boundAt: number | null;
  boundBy: string | null;
  /** `import`: built by `aisess import` from the agent's transcript, no terminal recorded; null for a recording. */
  source?: 'import' | null;
  /** Where the record came from when it was found on another commit (`aisess rebind`, or a pull request at read time); null otherwise. */
  rebound?: ReboundView | null;
}

/** A pull/merge request whose head kept the commits a squash replaced. */
export interface RequestRef {
  kind: 'pull' | 'merge';
  number: number;
  /** The ref its head was read from, e.g. `refs/remotes/origin/pull/7/head`. */
  ref: string;
}

export interface ReboundView {
  from: string;
  rule: 'patch-id' | 'contained';
  at: number | null;
  by: string | null;
  /** Set when found at read time through a request's head, not written by `aisess rebind`. */
  via: RequestRef | null;
}

const DEFAULT_TERM = { cols: 80, rows: 24 };

export function segmentView(record: NoteRecord): SegmentView {
  const body = (record.body ?? {}) as Partial<SegmentBody>;
  const session = body.session;
  const slash = record.summary.agent.indexOf('/');
  return {
    id: record.id,
    session: typeof session?.id === 'string' ? session.id : null,
    agent: typeof session?.agent === 'string' ? session.agent : slash < 0 ? record.summary.agent : record.summary.agent.slice(0, slash),
    model: slash < 0 ? null : record.summary.agent.slice(slash + 1),
    cwd: typeof session?.cwd === 'string' ? session.cwd : null,
    argv: Array.isArray(session?.argv) ? session.argv.filter((a): a is string => typeof a === 'string') : [],
    start: record.summary.time,
    durationMs: record.summary.durationMs,
    title: record.summary.title,
    paths: Array.isArray(body.paths) ? body.paths.filter((p) => typeof p?.path === 'string').map((p) => ({ path: p.path, status: String(p.status ?? ''), bound: p.bound ?? null })) : [],
    term: isTerm(body.term) ? { cols: body.term.cols, rows: body.term.rows, ...(body.term.piped === true && { piped: true as const }) } : DEFAULT_TERM,
    events: decodeStream(body),
    lead: Array.isArray(body.lead) ? body.lead.filter(isEvent) : [],
    dropped: isDropped(body.dropped) ? body.dropped : null,
    screen: typeof (body as { screen?: unknown }).screen === 'string' ? (body as { screen: string }).screen : null,
    boundAt: typeof body.boundAt === 'number' ? body.boundAt : null,
    boundBy: typeof body.boundBy === 'string' ? body.boundBy : null,
    rebound: reboundOf((body as { rebound?: unknown }).rebound),
    source: body.source === 'import' ? 'import' : null,
  };
}

/** The `rebound` provenance of a body (src/record/body.ts), or null when absent or malformed. */
function reboundOf(r: unknown): ReboundView | null {
  const v = r as { from?: unknown; rule?: unknown; at?: unknown; by?: unknown } | null | undefined;
  if (typeof v !== 'object' || v === null || typeof v.from !== 'string' || (v.rule !== 'patch-id' && v.rule !== 'contained')) return null;
  return { from: v.from, rule: v.rule, at: typeof v.at === 'number' && Number.isFinite(v.at) ? v.at : null, by: typeof v.by === 'string' ? v.by : null, via: null };
}

/** Segments in the order they happened (ties: record id), so numbering is stable. */
export function sortViews(views: readonly SegmentView[]): SegmentView[] {
  return [...views].sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The output data of a segment, in order. */
export function outputOf(view: SegmentView): string[] {
  return view.events.filter((e) => e[1] === 'o').map((e) => e[2]);
}

function isTerm(t: unknown): t is { cols: number; rows: number; piped?: unknown } {
  const v = t as { cols?: unknown; rows?: unknown } | undefined;
  return Number.isInteger(v?.cols) && Number.isInteger(v?.rows) && (v!.cols as number) > 0 && (v!.rows as number) > 0;
}

function isEvent(e: unknown): e is [number, string, string] {
  return Array.isArray(e) && e.length === 3 && typeof e[0] === 'number' && typeof e[1] === 'string' && typeof e[2] === 'string';
}

/** `show` prints the counts of a dropped stream: from a note, they must be numbers, not text. */
function isDropped(d: unknown): d is DroppedStream {
  const v = d as Partial<Record<keyof DroppedStream, unknown>> | null | undefined;
  return typeof v === 'object' && v !== null && typeof v.all === 'boolean'
    && [v.from, v.to, v.events, v.chars].every((n) => typeof n === 'number' && Number.isFinite(n));
}
