/**
 * One raw string (a whole terminal stream, or a plain text) → the edits that redact it. Detection
 * runs on all three views (src/redact/views.ts, src/redact/unwrap.ts); hits map back to raw runs of printable characters; overlapping hits merge
 * into one secret, named by the most specific kind; the marker replaces its first run and the
 * other runs are removed, so control sequences and line breaks between them stay intact.
 */
import { detect } from './detect.js';
import type { Edit } from './edits.js';
import { tokenize } from '../term/escapes.js';
import { leaksOsc, oscDrops } from './osc.js';
import { marker, type Rules } from './types.js';
import { continuation, detectAcross, ENTROPY, secretLike } from './across.js';
import { isFrame, unwrap, type Unwrapped } from './unwrap.js';
import { execAll } from './matches.js';
import type { View } from './types.js';
import { buildViews, rawPieces } from './views.js';

export interface Secret {
  kind: string;
  priority: number;
  pieces: [number, number][];
}

export interface Scanned {
  raw: string;
  /** Lines kept, lines joined, program wraps joined. */
  views: [View, View, Unwrapped];
  drops: Edit[];
  secrets: Secret[];
}

/** Secrets shorter than this are not searched for elsewhere: too likely to hit innocent text. */
const MIN_LITERAL = 8;

/**
 * A line counts as wrapped (its last token may go on in the next line) when it fills the terminal
 * width (or all but the last column, which some programs leave empty). Otherwise a joined-view hit
 * stops at the line break, so a secret ending a line does not swallow the next line's first word.
 */
export const DEFAULT_WRAP_WIDTH = 80;

/**
 * `found`: the secrets an earlier scan of the same raw string (same rules, stream and width) found.
 * Only the views are built again then: the rules are pure, so they would find the same.
 */
export function scan(raw: string, rules: Rules, stream: boolean, wrapWidth = DEFAULT_WRAP_WIDTH, found?: readonly Secret[]): Scanned {
  const tokens = tokenize(raw);
  const dropping = stream && rules.dropOsc;
  const drops = dropping ? oscDrops(raw, tokens) : [];
  const skip = (t: (typeof tokens)[number]) => dropping && t.type === 'osc' && leaksOsc(raw.slice(t.payloadStart, t.payloadEnd));
  const [lines, joined] = buildViews(raw, tokens, skip);
  const unwrapped = unwrap(raw, tokens, lines, wrapWidth);
  const views: Scanned['views'] = [lines, joined, unwrapped];
  return { raw, views, drops, secrets: found ? [...found] : find(raw, views, rules, wrapWidth) };
}

function find(raw: string, views: Scanned['views'], rules: Rules, wrapWidth: number): Secret[] {
  const [lines, joined, unwrapped] = views;
  const cut = cutByJoin(unwrapped);
  const secrets: Secret[] = [];
  const lineHits = detect(lines.text, rules);
  for (const h of lineHits) {
    const pieces = rawPieces(lines, h.start, h.end);
    if (!(h.priority <= ENTROPY && cut(pieces))) secrets.push({ kind: h.kind, priority: h.priority, pieces });
  }
  // Where hits end on their own (the joined view's are cut at short lines), and markers of earlier
  // redaction (a note scanned again): a join there is in doubt.
  const ends = new Set(secrets.map((x) => x.pieces[x.pieces.length - 1]?.[1] ?? -1));
  for (const m of execAll(MARKER, lines.text)) ends.add(lines.map[m.index + m[0].length - 1]! + 1);
  // Text without line breaks is the same in both views: the rules would find the same again.
  for (const h of joined.text === lines.text ? lineHits : detect(joined.text, rules)) {
    const pieces = rawPieces(joined, h.start, wrappedEnd(raw, lines, joined, h.start, h.end, wrapWidth));
    if (!(h.priority <= ENTROPY && cut(pieces))) secrets.push({ kind: h.kind, priority: h.priority, pieces });
  }
  for (const h of detectAcross(unwrapped, rules, ends)) secrets.push({ kind: h.kind, priority: h.priority, pieces: rawPieces(unwrapped, h.start, h.end) });
  // Not the entropy rule's: its hits are whole tokens (or rows of one too long for it to judge).
  for (const secret of secrets) if (secret.priority > ENTROPY) extend(secret, unwrapped);
  return secrets;
}

const MARKER = /\[REDACTED:[\w.-]+\]/g;

/**
 * True for hits that begin or end where a program wrapped the line, inside a longer token: a piece
 * of an integrity hash or identifier can look random; the unwrapped view judges the whole token.
 * Not when the whole token is longer than the entropy rule reads (a key block whose header
 * scrolled away): then its rows are judged one by one, as before.
 */
function cutByJoin(u: Unwrapped): (pieces: [number, number][]) => boolean {
  const joins = new Set(u.junctions);
  return (pieces) => {
    if (joins.size === 0 || pieces.length === 0) return false;
    const first = indexOfRaw(u, pieces[0]![0]);
    const last = indexOfRaw(u, pieces[pieces.length - 1]![1] - 1);
    if (!((first !== -1 && joins.has(first)) || (last !== -1 && joins.has(last + 1)))) return false;
    return tokenLength(u.text, first !== -1 ? first : last, LONGEST_TOKEN + 1) <= LONGEST_TOKEN;
  };
}

/** The entropy rule's longest token (src/redact/entropy.ts). */
const LONGEST_TOKEN = 130;

/** Length of the run of token characters around `at`, counted up to `cap`. */
function tokenLength(text: string, at: number, cap: number): number {
  const token = (i: number) => i >= 0 && i < text.length && /[A-Za-z0-9+/=_-]/.test(text[i]!);
  let a = at;
  let b = at;
  while (b - a < cap && token(a - 1)) a--;
  while (b - a < cap && token(b + 1)) b++;
  return b - a + 1;
}

/**
 * A head a rule recognised (a fixed-length key, or a line view's hit) whose characters go on in the
 * next line of a program wrap: the continuation is part of the secret (and learned with it).
 */
function extend(secret: Secret, unwrapped: Unwrapped): void {
  const last = secret.pieces[secret.pieces.length - 1];
  if (!last || unwrapped.junctions.length === 0) return;
  const at = indexOfRaw(unwrapped, last[1] - 1);
  if (at === -1) return;
  const end = continuation(unwrapped, at + 1);
  if (end > at + 1) secret.pieces.push(...rawPieces(unwrapped, at + 1, end));
}

/** The view index of a raw position (the view's map only grows), or -1. */
function indexOfRaw(v: View, rawPos: number): number {
  let lo = 0;
  let hi = v.map.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v.map[mid]! < rawPos) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < v.map.length && v.map[k] === rawPos; k++) if (v.text[k] !== '\n') return k;
  return -1;
}

/** The secret texts found, to be redacted wherever else they appear (kind by text). */
export function learn(s: Pick<Scanned, 'raw' | 'secrets'>, known: Map<string, string>): void {
  for (const secret of s.secrets) {
    const text = secret.pieces.map(([a, b]) => s.raw.slice(a, b)).join('');
    if (text.length >= MIN_LITERAL && !known.has(text)) known.set(text, secret.kind);
  }
}

/**
 * Adds every occurrence of a known secret text, in either view, and of any piece of it at least
 * PIECE characters long: an agent streaming its answer draws every prefix of a secret on the way
 * (no rule matches a half-drawn key), and an input box that scrolls sideways shows windows of it.
 */
export function addKnown(s: Scanned, known: ReadonlyMap<string, string>): void {
  // Most strings are redacted knowing no secret yet: no index to build (its filter is 128 KB).
  if (known.size === 0) return;
  const index = cachedIndex(known);
  if (index.grams.size === 0 && index.short.size === 0) return;
  const found = s.views.map((v) => ({ v, ...findKnown(v.text, index) }));
  for (const { v, whole } of found) for (const hit of whole) s.secrets.push({ kind: hit.kind, priority: 0, pieces: rawPieces(v, hit.start, hit.end) });
  for (const { v, pieces } of found) for (const hit of pieces) s.secrets.push({ kind: hit.kind, priority: 0, pieces: rawPieces(v, hit.start, hit.end) });
}

/** Shorter pieces are too likely to be a public prefix (`https://`, `sk-proj-`) or innocent text. */
const PIECE = 12;

export interface PieceIndex {
  /** Every PIECE-long substring of a known secret → where it occurs. */
  grams: Map<string, { text: string; at: number; kind: string }[]>;
  /** Known secrets shorter than PIECE (searched whole), by their first MIN_LITERAL characters. */
  short: Map<string, { text: string; kind: string }[]>;
  /** One bit per hashed first HEAD characters of every gram and short secret (see headHash). */
  heads: Uint32Array;
}

/**
 * Most positions of a view start no gram: the filter rules them out with a few character reads,
 * before any string is sliced. A false positive costs only a slice and a Map lookup.
 */
const HEAD = 4;
const HEAD_BITS = 20;

function headHash(s: string, i: number): number {
  let h = 0;
  for (let k = 0; k < HEAD; k++) h = Math.imul(h ^ s.charCodeAt(i + k), 0x9e3779b1);
  return h >>> (32 - HEAD_BITS);
}

function addHead(heads: Uint32Array, s: string): void {
  const h = headHash(s, 0);
  heads[h >>> 5]! |= 1 << (h & 31);
}

function hasHead(heads: Uint32Array, s: string, i: number): boolean {
  const h = headHash(s, i);
  return (heads[h >>> 5]! & (1 << (h & 31))) !== 0;
}

/**
 * Runs of token characters: a hit found across a TUI's drawing (a key block beside a box border)
 * also holds borders and padding, and those must not be searched for everywhere.
 */
const TOKEN_RUN = new RegExp(`[\\w+/=.~!@#$%^&*:?-]{${PIECE},}`, 'g');

// A Redactor's `known` only grows, and addKnown runs once per string of every event: index once per size.
const indexes = new WeakMap<ReadonlyMap<string, string>, { size: number; index: PieceIndex }>();

export function cachedIndex(known: ReadonlyMap<string, string>): PieceIndex {
  const hit = indexes.get(known);
  if (hit && hit.size === known.size) return hit.index;
  const index = pieceIndex(known);
  indexes.set(known, { size: known.size, index });
  return index;
}

function pieceIndex(known: ReadonlyMap<string, string>): PieceIndex {
  const grams: PieceIndex['grams'] = new Map();
  const short: PieceIndex['short'] = new Map();
  const heads = new Uint32Array(1 << (HEAD_BITS - 5));
  for (const [text, kind] of known) {
    if (text.length >= PIECE) continue;
    const key = text.slice(0, MIN_LITERAL);
    const list = short.get(key);
    if (list) list.push({ text, kind });
    else short.set(key, [{ text, kind }]);
    addHead(heads, text);
  }
  const runs = [...known].flatMap(([secret, kind]) => [...secret.matchAll(TOKEN_RUN)].map((m) => [m[0], kind, m.index === 0] as const));
  for (const [text, kind, first] of runs) {
    for (let at = 0; at + PIECE <= text.length; at++) {
      const gram = text.slice(at, at + PIECE);
      // The secret's own prefix is kept whatever it looks like: streaming draws it (`https://hooks.slack.com/…`).
      if (!(first && at === 0) && !secretLike(gram)) continue;
      const list = grams.get(gram);
      if (list) list.push({ text, at, kind });
      else grams.set(gram, [{ text, at, kind }]);
      addHead(heads, gram);
    }
  }
  return { grams, short, heads };
}

type Hit = { kind: string; start: number; end: number };

/**
 * In one pass over `view`: `whole`, every occurrence of a short known secret (one occurrence of a
 * text does not overlap the last); `pieces`, the maximal runs that agree with a known secret over at
 * least PIECE characters (a run is not searched again inside itself).
 */
export function findKnown(view: string, index: PieceIndex): { whole: Hit[]; pieces: Hit[] } {
  const whole: Hit[] = [];
  const pieces: Hit[] = [];
  const shortEnds = new Map<string, number>();
  let piecesFrom = 0;
  for (let i = 0; i + MIN_LITERAL <= view.length; i++) {
    if (!hasHead(index.heads, view, i)) continue;
    const shorts = index.short.size > 0 ? index.short.get(view.slice(i, i + MIN_LITERAL)) : undefined;
    for (const { text, kind } of shorts ?? []) {
      if (i >= (shortEnds.get(text) ?? 0) && view.startsWith(text, i)) {
        whole.push({ kind, start: i, end: i + text.length });
        shortEnds.set(text, i + text.length);
      }
    }
    if (i < piecesFrom || i + PIECE > view.length) continue;
    const places = index.grams.get(view.slice(i, i + PIECE));
    if (!places) continue;
    let best = { kind: '', start: i, end: i };
    for (const { text, at, kind } of places) {
      let back = 0;
      while (back < at && back < i && view[i - back - 1] === text[at - back - 1]) back++;
      let end = i + PIECE;
      while (end < view.length && at + (end - i) < text.length && view[end] === text[at + (end - i)]) end++;
      if (end - (i - back) > best.end - best.start) best = { kind, start: i - back, end };
    }
    pieces.push(best);
    piecesFrom = best.end;
  }
  return { whole, pieces };
}

export interface Resolved {
  edits: Edit[];
  /** One per merged secret: kind and raw span; edits[found[i].edit] carries its marker. */
  found: { kind: string; start: number; end: number; edit: number }[];
}

export function resolve(s: Scanned): Resolved {
  const edits: Edit[] = [...s.drops];
  const found: Resolved['found'] = [];
  for (const group of merge(s.secrets)) {
    const pieces = union(group.flatMap((g) => g.pieces));
    if (pieces.length === 0) continue;
    const kind = pick(group);
    found.push({ kind, start: pieces[0]![0], end: pieces[pieces.length - 1]![1], edit: edits.length });
    pieces.forEach(([a, b], i) => edits.push({ start: a, end: b, insert: i === 0 ? marker(kind) : '' }));
  }
  return { edits, found };
}

/** Groups secrets whose raw spans overlap. */
function merge(secrets: Secret[]): Secret[][] {
  const spans = secrets
    .filter((x) => x.pieces.length > 0)
    .map((x) => ({ x, a: x.pieces[0]![0], b: x.pieces[x.pieces.length - 1]![1] }))
    .sort((p, q) => p.a - q.a);
  const groups: Secret[][] = [];
  let end = -1;
  for (const { x, a, b } of spans) {
    if (a < end) groups[groups.length - 1]!.push(x);
    else groups.push([x]);
    end = Math.max(end, b);
  }
  return groups;
}

function union(pieces: [number, number][]): [number, number][] {
  const sorted = [...pieces].sort((p, q) => p[0] - q[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function pick(group: Secret[]): string {
  const size = (x: Secret) => x.pieces.reduce((n, [a, b]) => n + b - a, 0);
  return [...group].sort((p, q) => q.priority - p.priority || size(q) - size(p))[0]!.kind;
}

/** Where a joined-view hit must stop: at the first line break after a line shorter than the width. */
function wrappedEnd(raw: string, lines: View, joined: View, start: number, end: number, width: number): number {
  for (let k = start; k + 1 < end; k++) {
    const a = joined.map[k]!;
    const b = joined.map[k + 1]!;
    if (b === a + 1 || !/[\r\n]/.test(raw.slice(a + 1, b))) continue;
    const length = lineLength(lines, a, width + 1);
    if (length < width - 1 || length > width) {
      // Not the box's border and padding the hit took on its way to the next line.
      let cut = k + 1;
      while (cut > start + 1 && isFrame(joined.text.charCodeAt(cut - 1))) cut--;
      return cut;
    }
  }
  return end;
}

/** Printable characters from the start of the line up to and including raw position `rawPos`. */
function lineLength(lines: View, rawPos: number, cap: number): number {
  let lo = 0;
  let hi = lines.map.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines.map[mid]! <= rawPos) lo = mid;
    else hi = mid - 1;
  }
  let n = 0;
  for (let k = lo; k >= 0 && n < cap && !'\r\n'.includes(lines.text[k]!); k--) n++;
  return n;
}
