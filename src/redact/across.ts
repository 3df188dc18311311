/**
 * Detection across program wraps (the unwrapped view, src/redact/unwrap.ts). Rules run only on
 * windows around the places where lines were joined, and only hits that take in a continuation
 * line count: the rest is what the other views find. A join is a guess from line widths, so a hit
 * stops at a join whose continuation does not look like the rest of a key (`next line`, `PORT=80`).
 */
import { detect, onlyMarkers } from './detect.js';
import { entropyDetector } from './entropy.js';
import type { Hit, Rules } from './types.js';
import type { Unwrapped } from './unwrap.js';

/** Characters either side of a join that rules see: more than the longest key (a private key is found line by line). */
const REACH = 256;

/**
 * How far before a hit a join still counts: a rule's context (`REDIS_PASSWORD=`, `AccountKey=`) is
 * not in the hit, and a name cut by the wrap makes the hit one no other view finds.
 */
const CONTEXT = 64;
/** And after it: a closing quote, `@` and the host's first character. */
const AFTER = 2;

/** The entropy rule's priority (src/redact/entropy.ts): it judges a token by its whole text. */
export const ENTROPY = 1;

/** Mixed characters, as in keys, passwords and URLs: not a plain word, number or rule. */
export function secretLike(gram: string): boolean {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^\w]/].filter((c) => c.test(gram)).length >= 2;
}

/** What keys are made of (base64, base64url, JWT dots); `=` padding is taken only at the end. */
const KEY_RUN = /^[A-Za-z0-9+/_.~-]+/;

/**
 * The run of key characters at `at` (a join) in its row, when it reads as a key's tail: mixed
 * characters, and not a name given a value (`S3_BUCKET=…`, `region: …`). Returns its end, or `at`.
 */
function tail(u: Unwrapped, at: number): number {
  const t = readTail(u, at);
  return t.name ? at : t.end;
}

/** A name given a value starts the continuation: a new line, whatever the widths say. */
function startsLine(u: Unwrapped, at: number): boolean {
  return readTail(u, at).name;
}

function readTail(u: Unwrapped, at: number): { end: number; name: boolean } {
  const text = u.text;
  // Read no further than the row (and REACH): a blob folded into thousands of rows stays linear.
  const stop = Math.min(nextJunction(u, at), at + REACH);
  const m = KEY_RUN.exec(text.slice(at, stop));
  if (!m) return { end: at, name: false };
  let end = at + m[0].length;
  // A run that fills its row goes on in the next one: no name ends there.
  if (end < stop) {
    if (/^:(?:\s|$)/.test(text.slice(end, end + 2))) return { end: at, name: true };
    const pad = /^={1,2}/.exec(text.slice(end, end + 2))?.[0].length ?? 0;
    // `NAME=value`: padding is followed by the end of the token, an assignment by its value.
    if (pad > 0 && /[^\s"'`,;&)\]}]/.test(text[end + pad] ?? ' ')) return { end: at, name: true };
    end += pad;
  }
  const run = text.slice(at, end);
  // Capitals and digits only (an AWS key's tail can lack digits): long enough not to be a word.
  return { end: secretLike(run) || /^[A-Z0-9]{8,}$/.test(run) ? end : at, name: false };
}

/**
 * Where a secret ending at `end` (exclusive, unwrapped view) really ends: on through every join
 * right after it whose continuation reads as a key's tail.
 */
export function continuation(u: Unwrapped, end: number): number {
  let at = end;
  // A key's tail is shorter than REACH: a blob folded into many rows is not taken whole.
  for (let j = junctionIndex(u, at); j < u.junctions.length && u.junctions[j] === at && at - end < REACH; j++) {
    const next = tail(u, at);
    if (next === at) break;
    at = next;
  }
  return at;
}

/**
 * Hits that take in a join (or whose rule context does). `ends`: raw positions where the other
 * views' hits end; a hit that goes on past a join where one of them ends is cut there unless the
 * continuation reads as a key's tail (`GH=<token>` then `next line`); one that goes on into a
 * name given a value (`REGION=eu`) is cut at that join wherever it is.
 *
 * A join is a guess, and a wrong one also hides a key: a fixed-length key that ends its row, run
 * into the next line's name (`…VK75LOG_LEVEL=debug`), is no longer a match. So the text is read a
 * second time around such joins (a key-like row end, a continuation that is not a key's tail),
 * with those joins taken apart.
 */
export function detectAcross(u: Unwrapped, rules: Rules, ends: ReadonlySet<number>): Hit[] {
  const hits: Hit[] = [];
  const take = (h: Hit, start: number, end: number) => {
    let j = junctionIndex(u, start - CONTEXT);
    if (j === u.junctions.length || u.junctions[j]! >= end + AFTER) return;
    for (; j < u.junctions.length && u.junctions[j]! < end; j++) {
      const at = u.junctions[j]!;
      if (at > start && ((ends.has(u.map[at - 1]! + 1) && tail(u, at) === at) || startsLine(u, at))) {
        end = at;
        break;
      }
    }
    if (!onlyMarkers(u.text.slice(start, end))) hits.push({ ...h, start, end });
  };
  for (const [a, b] of spans(u.text.length, windows(u.text, u.junctions))) {
    for (const h of detect(u.text.slice(a, b), rules)) take(h, a + h.start, a + h.end);
  }
  const doubtful = u.junctions.filter((j) => keyEnd(runBefore(u.text, j)) && tail(u, j) === j);
  const apartAt = new Set(doubtful);
  const formats = withoutEntropy(rules);
  for (const [a, b] of spans(u.text.length, windows(u.text, doubtful))) {
    const apart = takenApart(u.text, doubtful, a, b);
    for (const h of detect(apart.text, formats)) {
      // Only what ends at a join taken apart: the rest was read the first time. Not the entropy
      // rule: a token cut there is not the token (an identifier's head can look random).
      const end = apart.toView(h.end);
      if (apartAt.has(end) && h.priority > ENTROPY) take(h, apart.toView(h.start), end);
    }
  }
  return hits;
}

const noEntropy = new WeakMap<Rules, Rules>();

function withoutEntropy(rules: Rules): Rules {
  let out = noEntropy.get(rules);
  if (!out) noEntropy.set(rules, (out = { ...rules, detectors: rules.detectors.filter((d) => d !== entropyDetector) }));
  return out;
}

/** What a key's last characters look like: letters and digits mixed, or a long run of capitals and digits. */
function keyEnd(run: string): boolean {
  const m = /[A-Za-z0-9]{4,}$/.exec(run);
  if (!m) return false;
  return [/[a-z]/, /[A-Z]/, /[0-9]/].filter((c) => c.test(m[0])).length >= 2 || /^[A-Z0-9]{8,}$/.test(m[0]);
}

/** Each detection pass has a cost of its own: windows all over the text are read in one. */
function spans(length: number, windows: [number, number][]): [number, number][] {
  return windows.reduce((n, [a, b]) => n + b - a, 0) > length / 2 ? [[0, length]] : windows;
}

/** The key characters just before `at` (up to a dozen). */
function runBefore(text: string, at: number): string {
  let a = at;
  while (a > 0 && at - a < 12 && /[A-Za-z0-9+/_.~-]/.test(text[a - 1]!)) a--;
  return text.slice(a, at);
}

/** text[a, b) with a line break at each of `joins` inside; toView maps an index back. */
function takenApart(text: string, joins: readonly number[], a: number, b: number): { text: string; toView: (i: number) => number } {
  const parts: string[] = [];
  const breaks: number[] = [];
  let at = a;
  let size = 0;
  for (const j of joins) {
    if (j <= a || j >= b) continue;
    parts.push(text.slice(at, j), '\n');
    size += j - at;
    breaks.push(size);
    size++;
    at = j;
  }
  parts.push(text.slice(at, b));
  return {
    text: parts.join(''),
    toView: (i) => {
      let lo = 0;
      let hi = breaks.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (breaks[mid]! < i) lo = mid + 1;
        else hi = mid;
      }
      return a + i - lo;
    },
  };
}

/** First junction at or after `at`. */
function junctionIndex(u: Unwrapped, at: number): number {
  let lo = 0;
  let hi = u.junctions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (u.junctions[mid]! < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Merged [a, b) ranges REACH around each join, widened to whitespace so a token is not cut in half.
 * Joins come in order, so each character is looked at once: a start inside the last range needs no
 * widening, and an end is widened from where the last range's end stopped (no blank before it).
 */
export function windows(text: string, joins: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const j of joins) {
    const last = out[out.length - 1];
    let a = Math.max(0, j - REACH);
    if (!last || a > last[1]) a = widenStart(text, j, a);
    const b = widenEnd(text, j, last?.[1] ?? 0);
    if (last && a <= last[1]) last[1] = b;
    else out.push([a, b]);
  }
  return out;
}

function widenStart(text: string, j: number, from: number): number {
  let a = from;
  while (a > 0 && a > j - 2 * REACH && !blank(text.charCodeAt(a - 1))) a--;
  return a;
}

/** `reached`: an end already found, with no blank from REACH after an earlier join up to it. */
function widenEnd(text: string, j: number, reached: number): number {
  let b = Math.max(Math.min(text.length, j + REACH), reached);
  while (b < text.length && b < j + 2 * REACH && !blank(text.charCodeAt(b))) b++;
  return b;
}

/** The first join after `at`, or the end of the text. */
function nextJunction(u: Unwrapped, at: number): number {
  const j = junctionIndex(u, at + 1);
  return j < u.junctions.length ? u.junctions[j]! : u.text.length;
}

function blank(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}
