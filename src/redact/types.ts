/** The redaction engine's shared shapes. A finding never carries the secret, only where it was. */

/** One detection in a scanned text: [start, end) in that text's coordinates. */
export interface Hit {
  kind: string;
  start: number;
  end: number;
  /** Higher wins when hits overlap: specific formats 3, assignments 2, entropy 1. */
  priority: number;
}

/** Finds candidate secrets in a text; pure, synchronous. */
export type Detector = (text: string) => Hit[];

export interface Rules {
  detectors: Detector[];
  /** A hit whose text matches one of these is not a secret (git config aisess.redact.allow). */
  allow: RegExp[];
  /** Drop terminal title / cwd / hyperlink-to-file / shell-integration OSC sequences from raw streams. */
  dropOsc: boolean;
}

export type FindingWhere = 'stream' | 'text' | 'event';

/** What was redacted and where; `offset`/`length` are in the scanned string before redaction. */
export interface Finding {
  kind: string;
  where: FindingWhere;
  /** Index of the event the secret started in ('stream' and 'event'). */
  event?: number;
  /** JSON path of the string inside a structured value ('event' and redactValue), e.g. `message.content[0].text`. */
  path?: string;
  offset: number;
  length: number;
}

export function marker(kind: string): string {
  return `[REDACTED:${kind}]`;
}

/** A string redacted: its new text and the secrets found, in the original string's coordinates. */
export interface StringResult {
  text: string;
  found: { kind: string; start: number; end: number }[];
}

/** Printable text of a raw stream as a rule reads it. */
export interface View {
  text: string;
  /** raw index of each view character. */
  map: Int32Array;
}
