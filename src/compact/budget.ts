/**
 * The per-note size budget (git config aisess.noteBudget). When a segment is huge the raw stream goes
 * first: its beginning is dropped and its end kept (the end shows the result), while the screen text
 * and the structured events always stay. What was dropped is recorded so `show` can say it.
 */
import { compressedAtMost, compressEnvelope, payloadChars } from '../notes/payload-line.js';
import { decodeEncodedStream, encodeStream, type EncodedStream } from './stream-codec.js';

/** Attempts at finding a tail that fits; each shrinks by the measured overshoot. */
const ATTEMPTS = 6;

/** The span of the raw stream left out of the note. Times in seconds since session start. */
export interface DroppedStream {
  from: number;
  to: number;
  events: number;
  /** UTF-16 code units of output left out. */
  chars: number;
  /** True when none of the stream is kept. */
  all: boolean;
}

export interface Budgeted {
  stream: EncodedStream | null;
  dropped?: DroppedStream;
}

/** Bytes a value takes on a note line: zstd as the notes codec compresses it, then its text encoding. */
export function noteBytes(value: unknown): number {
  return noteBytesUpTo(value, -Infinity);
}

/**
 * noteBytes, unless even uncompressed the value would take at most `limit`: then that bound, found
 * without compressing. Most segments fit their budget whole, and compressing one at level 19 only to
 * learn that it fits cost a bind as much again as writing its note line.
 */
export function noteBytesUpTo(value: unknown, limit: number): number {
  const json = Buffer.from(JSON.stringify(value), 'utf8');
  const most = payloadChars(compressedAtMost(json.length));
  return most <= limit ? most : payloadChars(compressEnvelope(json).length);
}

/** `measure(value, limit)`: the value's size on a note line, or any bound above it that is at most `limit`. */
export function fitBudget<B extends Budgeted>(body: B, budget: number, measure: (v: unknown, limit: number) => number = noteBytesUpTo): B {
  if (!body.stream || measure(body, budget) <= budget) return body;
  const events = decodeEncodedStream(body.stream);
  const room = budget - measure({ ...body, stream: null }, -Infinity);
  let from = 0;
  let kept = body.stream;
  for (let i = 0; i < ATTEMPTS && room > 0; i++) {
    const size = measure(kept, room);
    if (size <= room) return from === 0 ? body : { ...body, stream: kept, dropped: span(events, from, false) };
    from = tailStart(events, from, (room / size) * 0.9);
    kept = encodeStream(events.slice(from));
  }
  return { ...body, stream: null, dropped: span(events, events.length, true) };
}

/** First event of a tail holding about `fraction` of the output from `from` on. */
function tailStart(events: readonly [number, string, string][], from: number, fraction: number): number {
  let total = 0;
  for (let i = from; i < events.length; i++) total += events[i]![2].length;
  let keep = total * fraction;
  let i = events.length;
  while (i > from + 1 && keep > 0) keep -= events[--i]![2].length;
  return Math.max(i, from + 1);
}

function span(events: readonly [number, string, string][], upTo: number, all: boolean): DroppedStream {
  let chars = 0;
  for (let i = 0; i < upTo; i++) chars += events[i]![2].length;
  const last = events[Math.max(0, upTo - 1)];
  return { from: events[0]?.[0] ?? 0, to: upTo < events.length ? events[upTo]![0] : (last?.[0] ?? 0), events: upTo, chars, all };
}
