/**
 * Pure codec pair: the replayable part of a segment ('o' output and 'r' resize events) ↔ one string
 * of all output plus a flat timing array. zstd finds far more repeats in one run of output than in
 * JSON arrays where every event carries its own time and quotes.
 */
import type { StreamEvent } from './screen.js';

export const STREAM_CODES: ReadonlySet<string> = new Set(['o', 'r']);

export interface EncodedStream {
  /** Seconds of the first event; every time below is relative to the event before it. */
  t0: number;
  /** Per event: [milliseconds since the previous event, length]; length -1 is the next resize. */
  marks: number[];
  /** All output data, concatenated. */
  out: string;
  /** Resize data ("COLSxROWS"), in order. */
  sizes: string[];
}

/** Encodes the stream events of `events` (others are skipped). Times keep millisecond precision. */
export function encodeStream(events: Iterable<StreamEvent>): EncodedStream {
  const marks: number[] = [];
  const out: string[] = [];
  const sizes: string[] = [];
  let t0: number | null = null;
  let lastMs = 0;
  for (const [time, code, data] of events) {
    if (!STREAM_CODES.has(code)) continue;
    // Deltas of rounded absolute times: the error stays under 0.5 ms and never accumulates.
    const ms = Math.round(time * 1000);
    if (t0 === null) {
      t0 = ms / 1000;
      lastMs = ms;
    }
    marks.push(ms - lastMs, code === 'o' ? data.length : -1);
    lastMs = ms;
    if (code === 'o') out.push(data);
    else sizes.push(data);
  }
  return { t0: t0 ?? 0, marks, out: out.join(''), sizes };
}

/**
 * The events of a stream. A stream comes from someone else's note: it ends at the first mark that is
 * not a finite time and a length (the offsets after it cannot be trusted), and a size that is not a
 * string is an empty one, so every event is [finite seconds, code, string] as players expect.
 */
export function decodeEncodedStream(stream: EncodedStream): [number, string, string][] {
  const events: [number, string, string][] = [];
  let ms = Math.round(stream.t0 * 1000);
  let at = 0;
  let size = 0;
  for (let i = 0; i + 1 < stream.marks.length; i += 2) {
    ms += stream.marks[i]!;
    const length = stream.marks[i + 1]!;
    if (!Number.isFinite(ms) || !Number.isInteger(length)) break;
    if (length < 0) {
      const data = stream.sizes[size++];
      events.push([ms / 1000, 'r', typeof data === 'string' ? data : '']);
    } else {
      events.push([ms / 1000, 'o', stream.out.slice(at, at + length)]);
      at += length;
    }
  }
  return events;
}

/** The stream from event `from` on (a budget keeps the end, which shows the result). */
export function streamTail(stream: EncodedStream, from: number): EncodedStream {
  const events = decodeEncodedStream(stream).slice(from);
  return encodeStream(events);
}

export function isEncodedStream(v: unknown): v is EncodedStream {
  const s = v as Partial<EncodedStream> | null;
  return typeof s === 'object' && s !== null && typeof s.t0 === 'number' && Array.isArray(s.marks)
    && typeof s.out === 'string' && Array.isArray(s.sizes);
}
