/**
 * Detection across program wraps (the unwrapped view, src/redact/unwrap.ts). Rules run only on
 * windows around the places where lines were joined, and only hits that take in a continuation
 * line count: the rest is what the other views find. A join is a guess from line widths, so a hit
 * stops at a join whose continuation does not look like the rest of a key (`next line`, `PORT=80`).
 */
import { detect, onlyMarkers } from './detect.js';
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

/** Mixed characters, as in keys, passwords and URLs: not a plain word, number or rule. */
export function secretLike(gram: string): boolean {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^\w]/].filter((c) => c.test(gram)).length >= 2;
}

/** What keys are made of (base64, base64url, JWT dots); `=` padding is taken only at the end. */
const KEY_RUN = /[A-Za-z0-9+/_.~-]+/y;

/**
 * The run of key characters at `at` (a join), when it reads as a key's tail: mixed characters, and
 * not a name given a value (`S3_BUCKET=…`, `region: …`). Returns its end, or `at`.
 */
function tail(text: string, at: number): number {
  KEY_RUN.lastIndex = at;
  const m = KEY_RUN.exec(text);
  if (!m) return at;
  let end = at + m[0].length;
  if (/^:(?:\s|$)/.test(text.slice(end, end + 2))) return at;
  const pad = /^={1,2}/.exec(text.slice(end, end + 2))?.[0].length ?? 0;
  // `NAME=value`: padding is followed by the end of the token, an assignment by its value.
  if (pad > 0 && /[^\s"'`,;&)\]}]/.test(text[end + pad] ?? ' ')) return at;
  end += pad;
  const run = text.slice(at, end);
  // Capitals and digits only (an AWS key's tail can lack digits): long enough not to be a word.
  return secretLike(run) || /^[A-Z0-9]{8,}$/.test(run) ? end : at;
}

/**
 * Where a secret ending at `end` (exclusive, unwrapped view) really ends: on through every join
 * right after it whose continuation reads as a key's tail.
 */
export function continuation(u: Unwrapped, end: number): number {
  let at = end;
  for (let j = junctionIndex(u, at); j < u.junctions.length && u.junctions[j] === at; j++) {
    const next = tail(u.text, at);
    if (next === at) break;
    at = next;
    while (j + 1 < u.junctions.length && u.junctions[j + 1]! < at) j++;
  }
  return at;
}

/**
 * Hits that take in a join (or whose rule context does). `ends`: raw positions where the other
 * views' hits end; a hit that goes on past a join where one of them ends is cut there unless the
 * continuation reads as a key's tail (`GH=<token>` then `next line`).
 */
export function detectAcross(u: Unwrapped, rules: Rules, ends: ReadonlySet<number>): Hit[] {
  const hits: Hit[] = [];
  let spans = windows(u);
  // Each detection pass has a cost of its own: joins all over the text are read in one.
  if (spans.reduce((n, [a, b]) => n + b - a, 0) > u.text.length / 2) spans = [[0, u.text.length]];
  for (const [a, b] of spans) {
    for (const h of detect(u.text.slice(a, b), rules)) {
      const start = a + h.start;
      let end = a + h.end;
      let j = junctionIndex(u, start - CONTEXT);
      if (j === u.junctions.length || u.junctions[j]! >= end + AFTER) continue;
      for (; j < u.junctions.length && u.junctions[j]! < end; j++) {
        const at = u.junctions[j]!;
        if (at > start && ends.has(u.map[at - 1]! + 1) && tail(u.text, at) === at) {
          end = at;
          break;
        }
      }
      if (!onlyMarkers(u.text.slice(start, end))) hits.push({ ...h, start, end });
    }
  }
  return hits;
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

/** Merged [a, b) ranges REACH around each join, widened to whitespace so a token is not cut in half. */
function windows(u: Unwrapped): [number, number][] {
  const out: [number, number][] = [];
  const text = u.text;
  for (const j of u.junctions) {
    let a = Math.max(0, j - REACH);
    while (a > 0 && a > j - 2 * REACH && !blank(text.charCodeAt(a - 1))) a--;
    let b = Math.min(text.length, j + REACH);
    while (b < text.length && b < j + 2 * REACH && !blank(text.charCodeAt(b))) b++;
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function blank(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}
