/**
 * Pure: a note record → what `aisess show` and `aisess replay <commit>` need from it. The body is
 * read defensively: a record written by another version may lack fields, and must still show.
 */
import type { NoteRecord } from '../notes/index.js';
import { decodeStream } from '../compact/decode.js';
import type { SegmentBody } from '../segment/body.js';

export interface SegmentView {
  id: string;
  session: string | null;
  agent: string;
  argv: string[];
  /** Unix epoch milliseconds of the segment's first event. */
  start: number;
  durationMs: number;
  title: string;
  paths: { path: string; status: string; bound: 'full' | 'partial' | null }[];
  term: { cols: number; rows: number };
  /** [seconds since session start, code, data], as bound. */
  events: [number, string, string][];
  /** The screen text rendered when the segment was bound (body v2); null for older bodies. */
  screen: string | null;
  boundAt: number | null;
  boundBy: string | null;
}

const DEFAULT_TERM = { cols: 80, rows: 24 };

export function segmentView(record: NoteRecord): SegmentView {
  const body = (record.body ?? {}) as Partial<SegmentBody>;
  const session = body.session;
  return {
    id: record.id,
    session: typeof session?.id === 'string' ? session.id : null,
    agent: record.summary.agent,
    argv: Array.isArray(session?.argv) ? session.argv.filter((a): a is string => typeof a === 'string') : [],
    start: record.summary.time,
    durationMs: record.summary.durationMs,
    title: record.summary.title,
    paths: Array.isArray(body.paths) ? body.paths.filter((p) => typeof p?.path === 'string').map((p) => ({ path: p.path, status: String(p.status ?? ''), bound: p.bound ?? null })) : [],
    term: isTerm(body.term) ? { cols: body.term.cols, rows: body.term.rows } : DEFAULT_TERM,
    events: decodeStream(body),
    screen: typeof (body as { screen?: unknown }).screen === 'string' ? (body as { screen: string }).screen : null,
    boundAt: typeof body.boundAt === 'number' ? body.boundAt : null,
    boundBy: typeof body.boundBy === 'string' ? body.boundBy : null,
  };
}

/** Segments in the order they happened (ties: record id), so numbering is stable. */
export function sortViews(views: readonly SegmentView[]): SegmentView[] {
  return [...views].sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The output data of a segment, in order. */
export function outputOf(view: SegmentView): string[] {
  return view.events.filter((e) => e[1] === 'o').map((e) => e[2]);
}

function isTerm(t: unknown): t is { cols: number; rows: number } {
  const v = t as { cols?: unknown; rows?: unknown } | undefined;
  return Number.isInteger(v?.cols) && Number.isInteger(v?.rows) && (v!.cols as number) > 0 && (v!.rows as number) > 0;
}

function isEvent(e: unknown): e is [number, string, string] {
  return Array.isArray(e) && e.length === 3 && typeof e[0] === 'number' && typeof e[1] === 'string' && typeof e[2] === 'string';
}
