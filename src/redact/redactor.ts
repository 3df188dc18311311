/**
 * The redaction API. A Redactor remembers every secret text it has found, so a secret caught in
 * one place (an `export TOKEN=…` line) is also replaced where no rule would see it (the bare value
 * echoed later, in the screen text or a transcript line): redact a segment's parts with one Redactor.
 */
import { applyEdits } from './edits.js';
import { addKnown, DEFAULT_WRAP_WIDTH, learn, resolve, scan, type Scanned, type Secret } from './scan.js';
import type { Finding, Rules, StringResult } from './types.js';
import { learnTree, redactTree } from './value.js';

export type CastEvent = [number, string, string];

export interface Redactor {
  /** A segment's events `[time, code, data]`: output and input as streams, the rest as text/JSON. */
  events(events: readonly CastEvent[]): { events: CastEvent[]; findings: Finding[] };
  /** Plain text (screen text): found secrets and known ones are replaced, nothing else changes. */
  text(text: string): { text: string; findings: Finding[] };
  /** Any JSON-like value: every string in it (object keys stay). */
  value<T>(value: T): { value: T; findings: Finding[] };
}

export interface RedactorOptions {
  /** Terminal width (the recording's cols): a line this long may continue a token on the next line. */
  cols?: number;
}

export function createRedactor(rules: Rules, opts: RedactorOptions = {}): Redactor {
  const known = new Map<string, string>();
  const width = opts.cols ?? DEFAULT_WRAP_WIDTH;
  const text = (s: string) => redactString(s, rules, known, false, width);
  return {
    events: (events) => redactCast(events, rules, known, Math.min(width, ...events.flatMap(resizeCols))),
    text: (s) => {
      const r = text(s);
      return { text: r.text, findings: r.found.map((f) => ({ kind: f.kind, where: 'text', offset: f.start, length: f.end - f.start })) };
    },
    value: (v) => {
      const read = reader(rules, known, width);
      return redactTree(v, read.text, read.learn, known, rules);
    },
  };
}

/** One call's strings, each learned before any is redacted (JSON data even twice). */
interface Reader {
  learn(s: string): void;
  /** As redactString. */
  text(s: string): StringResult;
}

/** The rules search a string once per call: a string read again (to redact what was learned) only has its views built. */
function reader(rules: Rules, known: Map<string, string>, width: number): Reader {
  const found = new Map<string, Secret[]>();
  const scanOf = (s: string): Scanned => {
    const scanned = scan(s, rules, false, width, found.get(s));
    // A copy: redacting adds the known secrets to the scan's own list.
    if (!found.has(s)) found.set(s, [...scanned.secrets]);
    return scanned;
  };
  return {
    learn: (s) => learn({ raw: s, secrets: found.get(s) ?? scanOf(s).secrets }, known),
    text: (s) => finish(scanOf(s), known),
  };
}

/** Scan, learn, add every known secret, edit. */
export function redactString(s: string, rules: Rules, known: Map<string, string>, stream: boolean, width: number): StringResult {
  const scanned = scan(s, rules, stream, width);
  return finish(scanned, known);
}

function finish(scanned: Scanned, known: Map<string, string>): StringResult {
  learn(scanned, known);
  addKnown(scanned, known);
  const { edits, found } = resolve(scanned);
  if (edits.length === 0) return { text: scanned.raw, found: [] };
  return { text: applyEdits([scanned.raw], edits).chunks[0]!, found };
}

/** A resize to fewer columns makes shorter lines wrap. */
function resizeCols(e: CastEvent): number[] {
  const m = e[1] === 'r' ? /^(\d+)x\d+$/.exec(e[2]) : null;
  return m ? [Number(m[1])] : [];
}

function redactCast(events: readonly CastEvent[], rules: Rules, known: Map<string, string>, width: number) {
  const out: CastEvent[] = events.map((e) => [e[0], e[1], e[2]]);
  const findings: Finding[] = [];
  // Learn first from every part, so a secret seen anywhere is replaced everywhere.
  const streams = (['o', 'i'] as const).map((code) => {
    const idx = out.flatMap((e, i) => (e[1] === code ? [i] : []));
    const scanned = scan(idx.map((i) => out[i]![2]).join(''), rules, true, width);
    learn(scanned, known);
    return { idx, scanned };
  });
  const others = out.flatMap((e, i) => (isTextual(e[1]) ? [i] : []));
  const read = reader(rules, known, width);
  for (const i of others) learnOther(out[i]![2], read);
  for (const { idx, scanned } of streams) {
    if (idx.length > 0) findings.push(...applyStream(out, idx, scanned, known));
  }
  for (const i of others) findings.push(...redactOther(out, i, read, known, rules));
  return { events: out, findings };
}

function applyStream(out: CastEvent[], idx: number[], scanned: Scanned, known: Map<string, string>): Finding[] {
  addKnown(scanned, known);
  const { edits, found } = resolve(scanned);
  if (edits.length === 0) return [];
  const chunks = idx.map((i) => out[i]![2]);
  const applied = applyEdits(chunks, edits);
  idx.forEach((i, k) => (out[i]![2] = applied.chunks[k]!));
  const starts: number[] = [];
  chunks.reduce((at, c) => (starts.push(at), at + c.length), 0);
  return found.map((f) => {
    const k = applied.chunkOf[f.edit]!;
    return { kind: f.kind, where: 'stream', event: idx[k]!, offset: f.start - starts[k]!, length: f.end - f.start };
  });
}

/** Markers ('m'), and aisess's own events (JSON data) can carry text; resize and exit cannot. */
function isTextual(code: string): boolean {
  return code === 'm' || code.startsWith('aisess.');
}

/** An event's JSON data as a value, or null when it is text. */
function parseData(data: string): object | null {
  try {
    const value: unknown = JSON.parse(data);
    return typeof value === 'object' && value !== null ? value : null;
  } catch {
    return null;
  }
}

/** Learns as redactOther reads: JSON data string by string, so escapes never join two values into one "secret". */
function learnOther(data: string, read: Reader): void {
  const value = parseData(data);
  if (value) learnTree(value, read.learn);
  else read.learn(data);
}

function redactOther(out: CastEvent[], i: number, read: Reader, known: Map<string, string>, rules: Rules): Finding[] {
  const data = out[i]![2];
  const text = read.text;
  const value = parseData(data);
  if (value) {
    const r = redactTree(value, text, read.learn, known, rules);
    if (r.findings.length > 0) out[i]![2] = JSON.stringify(r.value);
    return r.findings.map((f) => ({ ...f, event: i }));
  }
  const r = text(data);
  out[i]![2] = r.text;
  return r.found.map((f) => ({ kind: f.kind, where: 'event', event: i, offset: f.start, length: f.end - f.start }));
}
