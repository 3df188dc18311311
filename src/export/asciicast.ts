/**
 * Pure: an export document → one asciicast recording, written as v3 (asciinema 3, asciinema-player)
 * or v2 (asciinema 2.x). Segments follow each other as replay joins them (src/replay/from-commit.ts);
 * a marker stands at the start of every segment and at every prompt, so a player can jump between
 * them. Only output, resizes and markers are written: input, exit and aisess's own events stay out.
 */
import { EventEncoder } from '../journal/codec.js';
import type { JournalEvent } from '../journal/events.js';
import { safeText } from '../history/safe-text.js';
import { joinSegments } from '../replay/from-commit.js';
import type { ExportDocument, ExportSegment } from './document.js';

export interface Cast {
  term: { cols: number; rows: number };
  /** Unix epoch seconds of the first segment's start. */
  timestamp: number;
  title: string;
  /** Seconds from the cast's start, codes 'o', 'r' and 'm'. */
  events: JournalEvent[];
  /** Where each marker stands: `segment` counts segments over the whole export from 0, `prompt` within it. */
  marks: Mark[];
}

export interface Mark {
  time: number;
  segment: number;
  /** null for the marker at the segment's start. */
  prompt: number | null;
}

const LABEL_MAX = 72;

export function castOf(doc: ExportDocument): Cast {
  const all = doc.commits.flatMap((c) => c.segments.map((s) => ({ commit: c.commit, total: c.segments.length, s })));
  const first = all[0]?.s;
  const views = all.map(({ commit, total, s }) => ({ session: s.session, term: s.term, events: segmentEvents(s, commit, total) }));
  const events = joinSegments(views);
  return {
    term: first ? { cols: first.term.cols, rows: first.term.rows } : { cols: 80, rows: 24 },
    timestamp: first ? Math.floor(first.startMs / 1000) : 0,
    title: label(`aisess ${doc.target}`),
    events,
    marks: marksOf(events, views.map((v) => v.events.filter((e) => e[1] === 'm').length)),
  };
}

/** joinSegments keeps each segment's events in order and adds only resizes: the n-th marker out is the n-th in. */
function marksOf(events: readonly JournalEvent[], perSegment: readonly number[]): Mark[] {
  const times = events.filter((e) => e.code === 'm').map((e) => e.time);
  const marks: Mark[] = [];
  perSegment.forEach((count, segment) => {
    for (let k = 0; k < count; k++) marks.push({ time: times[marks.length] ?? 0, segment, prompt: k === 0 ? null : k - 1 });
  });
  return marks;
}

/** The segment's stream with its markers, in time order (a prompt may come before the first output). */
function segmentEvents(s: ExportSegment, commit: string | null, total: number): [number, string, string][] {
  const prompts = s.items.flatMap((i): [number, string, string][] => (i.type === 'prompt' ? [[i.time, 'm', label(`❯ ${i.text}`)]] : []));
  const events: [number, string, string][] = [...s.stream, ...prompts].sort((a, b) => a[0] - b[0]);
  const start = events[0]?.[0] ?? 0;
  const where = `${commit ? `${commit.slice(0, 12)} ` : ''}segment ${s.number}/${total}`;
  return [[start, 'm', label(s.title ? `${where}: ${s.title}` : where)], ...events];
}

/** One line of safe text: a marker label is shown by players and by `asciinema play`'s terminal. */
export function label(text: string): string {
  const line = safeText(text.replace(/\s+/g, ' ').trim());
  const chars = [...line];
  return chars.length > LABEL_MAX ? `${chars.slice(0, LABEL_MAX - 1).join('')}…` : line;
}

export function encodeV3(cast: Cast): string {
  const header = { version: 3, term: cast.term, timestamp: cast.timestamp, title: cast.title };
  return `${JSON.stringify(header)}\n${new EventEncoder().encode(cast.events)}`;
}

/** v2 times are absolute; microsecond precision, as asciinema writes them. */
export function encodeV2(cast: Cast): string {
  const header = { version: 2, width: cast.term.cols, height: cast.term.rows, timestamp: cast.timestamp, title: cast.title };
  const lines = cast.events.map((e) => JSON.stringify([Math.round(e.time * 1e6) / 1e6, e.code, e.data]));
  return `${[JSON.stringify(header), ...lines].join('\n')}\n`;
}
