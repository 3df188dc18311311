/**
 * What the rules read: the printable text of a stream with control sequences removed, once with
 * line breaks kept (line-anchored rules, key blocks) and once with them removed too (a token
 * wrapped at the terminal width, or drawn in two halves by cursor-positioned writes). Each view
 * maps every character back to its position in the raw stream.
 */
import type { Token } from '../term/escapes.js';
import type { View } from './types.js';
import { isFrame } from './unwrap.js';

/** `skip(token)` is true for sequences that will be dropped: their payload is not text. */
export function buildViews(raw: string, tokens: readonly Token[], skip: (t: Token) => boolean): [View, View] {
  const spans: [number, number][] = [];
  for (const t of tokens) {
    if (t.type === 'text') spans.push([t.start, t.end]);
    else if (t.type === 'osc' && !skip(t)) spans.push([t.payloadStart, t.payloadEnd]);
  }
  return [view(raw, spans, false), view(raw, spans, true)];
}

function view(raw: string, spans: readonly [number, number][], joinLines: boolean): View {
  let size = 0;
  for (const [a, b] of spans) size += b - a;
  const map = new Int32Array(size);
  const parts: string[] = [];
  let n = 0;
  // Runs are copied whole: a megabyte line is not looked at character by character twice.
  const keep = (a: number, b: number) => {
    parts.push(raw.slice(a, b));
    for (let r = a; r < b; r++) map[n++] = r;
  };
  for (const [a, b] of spans) {
    let runStart = a;
    for (let r = joinLines ? nextBreak(raw, a, b) : b; r < b; r = nextBreak(raw, r + 1, b)) {
      keep(runStart, r);
      runStart = r + 1;
    }
    keep(runStart, b);
  }
  return { text: parts.join(''), map: n === size ? map : map.subarray(0, n) };
}

/** The first line break (CR or LF) in raw[from, to), or `to`. */
function nextBreak(raw: string, from: number, to: number): number {
  let r = from;
  while (r < to && raw.charCodeAt(r) !== 0x0a && raw.charCodeAt(r) !== 0x0d) r++;
  return r;
}

/**
 * The raw ranges a view hit covers, as runs of consecutive raw characters. Line breaks inside a
 * hit are left in place (the screen keeps its shape), so they split runs too, and so do the box
 * borders, gutters and padding at a run's edge (a key block matched across a box keeps the box).
 */
export function rawPieces(v: View, start: number, end: number): [number, number][] {
  const runs: [number, number][] = [];
  for (let k = start; k < end; k++) {
    // A view's own line breaks (the unwrapped view's stand for cursor moves too) are never text.
    const c = v.text.charCodeAt(k);
    if (c === 0x0a || c === 0x0d) continue;
    const last = runs[runs.length - 1];
    if (last && last[1] === k && v.map[k - 1]! + 1 === v.map[k]) last[1] = k + 1;
    else runs.push([k, k + 1]);
  }
  const pieces: [number, number][] = [];
  runs.forEach(([a, b], i) => {
    if (i > 0) while (a < b && isFrame(v.text.charCodeAt(a))) a++;
    if (i < runs.length - 1) while (b > a && isFrame(v.text.charCodeAt(b - 1))) b--;
    if (b > a) pieces.push([v.map[a]!, v.map[b - 1]! + 1]);
  });
  return pieces;
}
