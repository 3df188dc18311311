/**
 * Reading the events back out of a note body of any version, for replay and `show`. Version 1
 * bodies carry every event in `events`; version 2 keeps output and resizes in `stream`.
 */
import type { DroppedStream } from '../compact/budget.js';
import { decodeEncodedStream, isEncodedStream } from '../compact/stream-codec.js';

export type BodyEvent = [number, string, string];

/** Label of the marker that stands where a budget dropped the start of the stream. */
export const DROPPED_MARKER = 'aisess: earlier output not kept in the note (aisess.noteBudget)';

/** All events of a body in time order: stream and structured events merged (stable). */
export function decodeStream(body: unknown): BodyEvent[] {
  const b = (body ?? {}) as { events?: unknown; stream?: unknown; dropped?: DroppedStream };
  const structured = Array.isArray(b.events) ? b.events.filter(isEvent) : [];
  if (!isEncodedStream(b.stream)) return structured;
  const stream = decodeEncodedStream(b.stream);
  if (b.dropped && !b.dropped.all && stream[0]) stream.unshift([stream[0][0], 'm', DROPPED_MARKER]);
  return merge(stream, structured);
}

function merge(a: BodyEvent[], b: BodyEvent[]): BodyEvent[] {
  const out: BodyEvent[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]![0] <= b[j]![0])) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  return out;
}

function isEvent(e: unknown): e is BodyEvent {
  // JSON reads 1e400 as Infinity: a player would wait for it forever.
  return Array.isArray(e) && e.length === 3 && Number.isFinite(e[0]) && typeof e[1] === 'string' && typeof e[2] === 'string';
}
