/**
 * The asciicast v3 text codec: header line plus `[interval, code, data]` lines.
 * Times are kept as integer microseconds so intervals computed from absolute times never drift.
 */
import { constants } from 'node:os';
import type { ExitStatus, JournalEvent, JournalHeader } from './events.js';

/** A line that could not be decoded, reported with its position in the decoded text. */
export interface LineError {
  line: number;
  reason: string;
}

export function toMicros(seconds: number): number {
  return Math.round(seconds * 1e6);
}

export function encodeHeader(header: JournalHeader): string {
  return `${JSON.stringify(header)}\n`;
}

/** Encodes events one batch at a time, remembering the previous event's time across batches. */
export class EventEncoder {
  private prevMicros: number;

  constructor(prevSeconds = 0) {
    this.prevMicros = toMicros(prevSeconds);
  }

  /** Absolute time (seconds) of the last event encoded, as a reader will see it. */
  get lastTime(): number {
    return this.prevMicros / 1e6;
  }

  encode(events: readonly JournalEvent[]): string {
    let out = '';
    for (const e of events) out += `${JSON.stringify([this.next(e.time), e.code, e.data])}\n`;
    return out;
  }

  /**
   * As encode, where some data is already the body of a JSON string: the same bytes, as UTF-8.
   * `alloc` may hand out a reused buffer (the worker's, to spare a flood its page faults).
   */
  encodeBytes(events: readonly EncodableEvent[], alloc: (size: number) => Buffer = Buffer.allocUnsafe): Buffer {
    const parts: Uint8Array[] = [];
    let text = '';
    for (const e of events) {
      if (typeof e.data === 'string') {
        text += `${JSON.stringify([this.next(e.time), e.code, e.data])}\n`;
        continue;
      }
      parts.push(Buffer.from(`${text}[${JSON.stringify(this.next(e.time))},${JSON.stringify(e.code)},"`), e.data);
      text = '"]\n';
    }
    parts.push(Buffer.from(text));
    const size = parts.reduce((sum, part) => sum + part.byteLength, 0);
    const out = alloc(size);
    let at = 0;
    for (const part of parts) {
      out.set(part, at);
      at += part.byteLength;
    }
    return out.subarray(0, size);
  }

  /** The interval (seconds) to an event at `time`; the encoder moves on to it. */
  private next(time: number): number {
    // A clock that steps back (or an event pushed late) must not give a negative interval.
    const interval = Math.max(0, toMicros(time) - this.prevMicros);
    this.prevMicros += interval;
    return interval / 1e6;
  }
}

/** An event to encode whose data may already be a JSON string's body (JournalSink.outputJsonText). */
export interface EncodableEvent {
  time: number;
  code: string;
  data: string | Uint8Array;
}

/** Decodes event lines, accumulating intervals from `startSeconds`. Blank and `#` lines are skipped. */
export class EventDecoder {
  private micros: number;
  readonly errors: LineError[] = [];
  private lineNo = 0;

  constructor(startSeconds = 0) {
    this.micros = toMicros(startSeconds);
  }

  get time(): number {
    return this.micros / 1e6;
  }

  decode(text: string, into: JournalEvent[]): void {
    for (const line of text.split('\n')) {
      this.lineNo++;
      if (line === '' || line.startsWith('#')) continue;
      const event = this.decodeLine(line);
      if (event) into.push(event);
    }
    // split() yields one empty string after the final newline: it is not a line.
    this.lineNo--;
  }

  private decodeLine(line: string): JournalEvent | null {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      this.errors.push({ line: this.lineNo, reason: `not JSON: ${excerpt(line)}` });
      return null;
    }
    if (!Array.isArray(value) || value.length !== 3 || typeof value[0] !== 'number' || value[0] < 0
      || typeof value[1] !== 'string' || typeof value[2] !== 'string') {
      this.errors.push({ line: this.lineNo, reason: `expected [interval, code, data], got ${excerpt(line)}` });
      return null;
    }
    const micros = this.micros + toMicros(value[0]);
    // JSON reads 1e400 as Infinity, and 1e308 s is Infinity µs: a player would wait for it forever.
    if (!Number.isFinite(micros)) {
      this.errors.push({ line: this.lineNo, reason: `interval out of range: ${excerpt(line)}` });
      return null;
    }
    this.micros = micros;
    return { time: this.micros / 1e6, code: value[1], data: value[2] };
  }
}

/** Parses and checks a header line; throws an Error naming what was wrong. */
export function decodeHeader(line: string): JournalHeader {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new Error(`header is not JSON: ${excerpt(line)}`);
  }
  const h = value as Partial<JournalHeader> | null;
  if (h === null || typeof h !== 'object' || h.version !== 3) {
    throw new Error(`expected an asciicast v3 header, got ${excerpt(line)}`);
  }
  if (typeof h.term?.cols !== 'number' || typeof h.term.rows !== 'number') {
    throw new Error(`header has no term size: ${excerpt(line)}`);
  }
  if (typeof h.aisess?.id !== 'string') throw new Error(`header has no aisess session info: ${excerpt(line)}`);
  return h as JournalHeader;
}

/**
 * The 'x' event's data. asciinema reads it as an integer status, so a death by signal is written
 * the way a shell reports it (128 + signal number); the signal name itself lives in the metadata.
 */
export function exitData(status: ExitStatus): string {
  if ('code' in status) return String(status.code);
  const num = (constants.signals as Record<string, number | undefined>)[status.signal] ?? 0;
  return String(128 + num);
}

function excerpt(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}
