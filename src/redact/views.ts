/**
 * What the rules read: the printable text of a stream with control sequences removed, once with
 * line breaks kept (line-anchored rules, key blocks) and once with them removed too (a token
 * wrapped at the terminal width, or drawn in two halves by cursor-positioned writes). Each view
 * maps every character back to its position in the raw stream.
 */
import type { Token } from './escapes.js';

export interface View {
  text: string;
  /** raw index of each view character. */
  map: Int32Array;
}

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
  for (const [a, b] of spans) {
    let runStart = a;
    for (let r = a; r < b; r++) {
      const c = raw.charCodeAt(r);
      if (joinLines && (c === 0x0a || c === 0x0d)) {
        parts.push(raw.slice(runStart, r));
        runStart = r + 1;
        continue;
      }
      map[n++] = r;
    }
    parts.push(raw.slice(runStart, b));
  }
  return { text: parts.join(''), map: n === size ? map : map.subarray(0, n) };
}

/**
 * The raw ranges a view hit covers, as runs of consecutive raw characters. Line breaks inside a
 * hit are left in place (the screen keeps its shape), so they split runs too.
 */
export function rawPieces(v: View, start: number, end: number): [number, number][] {
  const pieces: [number, number][] = [];
  let cur: [number, number] | null = null;
  for (let k = start; k < end; k++) {
    const r = v.map[k]!;
    // A view's own line breaks (the unwrapped view's stand for cursor moves too) are never text.
    const c = v.text.charCodeAt(k);
    if (c === 0x0a || c === 0x0d) {
      cur = null;
      continue;
    }
    if (cur && cur[1] === r) cur[1] = r + 1;
    else pieces.push((cur = [r, r + 1]));
  }
  return pieces;
}
