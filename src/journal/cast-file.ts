/**
 * Plain asciicast files (v3, and v2 which asciinema 2 wrote) → events with absolute times.
 * v3 event lines go through the journal's own decoder; only the headers and v2's absolute-time
 * lines are read here. Unreadable lines are skipped and reported, like a damaged journal.
 */
import { UserError } from '../errors/user-error.js';
import { EventDecoder } from './codec.js';
import type { JournalEvent } from './events.js';
import type { TermSize } from './events.js';

export interface CastContents {
  term: TermSize;
  events: JournalEvent[];
  /** One line per skipped line: what it was and why. */
  skipped: string[];
}

export function parseCast(text: string, name: string): CastContents {
  const newline = text.indexOf('\n');
  const first = newline === -1 ? text : text.slice(0, newline);
  const body = newline === -1 ? '' : text.slice(newline + 1);
  const header = parseHeader(first, name);
  if (header.version === 3) {
    const decoder = new EventDecoder();
    const events: JournalEvent[] = [];
    decoder.decode(body, events);
    // The decoder counts from the body's first line; the file's line number is one more.
    return { term: header.term, events, skipped: decoder.errors.map((e) => `line ${e.line + 1}: ${e.reason}`) };
  }
  return { term: header.term, ...decodeV2(body) };
}

function parseHeader(line: string, name: string): { version: 2 | 3; term: TermSize } {
  let h: Record<string, any> | null = null;
  try {
    h = JSON.parse(line) as Record<string, any> | null;
  } catch {
    // reported below
  }
  const hint = 'expected an asciicast v2 or v3 file (a JSON header line, then one event per line)';
  if (h?.version === 3 && isSize(h.term?.cols, h.term?.rows)) {
    return { version: 3, term: { cols: h.term.cols, rows: h.term.rows } };
  }
  if (h?.version === 2 && isSize(h.width, h.height)) return { version: 2, term: { cols: h.width, rows: h.height } };
  const got = JSON.stringify(line.length > 60 ? `${line.slice(0, 60)}…` : line);
  throw new UserError(`${name} is not a playable recording: its first line is ${got}`, { kind: 'badData', hint });
}

function isSize(cols: unknown, rows: unknown): boolean {
  return Number.isInteger(cols) && Number.isInteger(rows) && (cols as number) > 0 && (rows as number) > 0;
}

function decodeV2(body: string): { events: JournalEvent[]; skipped: string[] } {
  const events: JournalEvent[] = [];
  const skipped: string[] = [];
  body.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      value = undefined;
    }
    // Number.isFinite: JSON reads 1e400 as Infinity, a time the player would wait for forever.
    if (!Array.isArray(value) || !Number.isFinite(value[0]) || typeof value[1] !== 'string' || typeof value[2] !== 'string') {
      skipped.push(`line ${i + 2}: expected [time, code, data], got ${JSON.stringify(line.slice(0, 60))}`);
      return;
    }
    events.push({ time: value[0], code: value[1], data: value[2] });
  });
  return { events, skipped };
}
