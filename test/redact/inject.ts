/** Fake session streams carrying a secret sample, in each way a recording can show one. */
import type { CastEvent } from '../../src/redact/index.js';

const o = (time: number, data: string): CastEvent => [time, 'o', data];

export const injections: Record<string, (text: string) => CastEvent[]> = {
  wholeChunk: (t) => [o(0, '\x1b[?2004h$ cat .env\r\n'), o(0.1, `${t.replaceAll('\n', '\r\n')}\r\n`), o(0.2, '\x1b[32m$\x1b[0m ')],
  // Wrapped at width 40 by the program: rows of 40 columns, CRLF between them.
  wrapCrLf: (t) => [['0', 'r', '40x24'] as unknown as CastEvent, o(0, '\x1b[2J\x1b[H'), o(0.1, rows(t, 40).join('\r\n')), o(0.2, '\r\n> ')].map(fixTime),
  // A TUI redraw: each row drawn by its own cursor-positioned write, styles around it.
  wrapCursor: (t) => [
    [0, 'r', '40x24'],
    ...rows(t, 40).map((r, i): CastEvent => o(0.1 + i / 100, `\x1b[${i + 3};1H\x1b[2K\x1b[38;5;245m${r}\x1b[39m`)),
    o(0.5, '\x1b[24;1H\x1b[7m NORMAL \x1b[0m'),
  ],
  jsonEvent: (t) => [o(0, 'running tool\r\n'), [0.1, 'aisess.agent', JSON.stringify({ type: 'tool_use', input: { command: `echo '${t}'` } })]],
  oscTitle: (t) => [o(0, `\x1b]0;${t.split('\n')[0]}\x07prompt$ `), o(0.1, `\x1b]2;${t.split('\n')[0]}\x1b\\`)],
};

function fixTime(e: CastEvent): CastEvent {
  return [Number(e[0]), e[1], e[2]];
}

export function rows(t: string, width: number): string[] {
  const out: string[] = [];
  for (const line of t.split('\n')) for (let i = 0; i < Math.max(1, line.length); i += width) out.push(line.slice(i, i + width));
  return out;
}

/** Every event's data, and the same with control sequences and line breaks removed (wrapped text joined). */
export function haystacks(events: readonly CastEvent[]): string[] {
  const all = events.map((e) => e[2]).join('');
  // eslint-disable-next-line no-control-regex
  const plain = all.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[^[\]]/g, '');
  return [all, plain, plain.replace(/[\r\n]/g, ''), plain.replace(/\\n/g, '')];
}

const PIECE = 12;

/** The secret whole and every 12-character piece of each of its lines (shorter lines whole). */
function piecesOf(secret: string): Set<string> {
  const pieces = new Set<string>();
  for (const line of secret.split('\n')) {
    if (line.length < PIECE) pieces.add(line);
    for (let i = 0; i + PIECE <= line.length; i++) pieces.add(line.slice(i, i + PIECE));
  }
  pieces.add(secret);
  pieces.delete('');
  return pieces;
}

/** The secret whole and every 12-character piece of each of its lines that one of the texts still holds. */
export function leaks(secret: string, texts: readonly string[]): string[] {
  return leakFinder(texts)(secret);
}

/**
 * leaks() for many secrets over the same texts. Large texts are indexed once by a rolling hash of
 * their 12-character windows, so a piece costs a lookup instead of a scan of every text (the
 * corpus tests search thousands of pieces in megabytes); a hash hit is confirmed with includes.
 */
export function leakFinder(texts: readonly string[]): (secret: string) => string[] {
  const size = texts.reduce((n, t) => n + t.length, 0);
  if (size < 1 << 16) return (secret) => [...piecesOf(secret)].filter((p) => texts.some((t) => t.includes(p)));
  const windows = windowHashes(texts);
  const held = (p: string): boolean => (p.length !== PIECE || has(windows, hashOf(p, 0))) && texts.some((t) => t.includes(p));
  return (secret) => [...piecesOf(secret)].filter(held);
}

const BASE = 0x01000193;
const DROP = (() => {
  let d = 1;
  for (let i = 0; i < PIECE - 1; i++) d = Math.imul(d, BASE);
  return d;
})();

function hashOf(text: string, at: number): number {
  let h = 0;
  for (let i = at; i < at + PIECE; i++) h = (Math.imul(h, BASE) + text.charCodeAt(i)) | 0;
  return h;
}

/** Every 12-character window's hash, sorted for binary search. */
function windowHashes(texts: readonly string[]): Int32Array {
  const out = new Int32Array(texts.reduce((n, t) => n + Math.max(0, t.length - PIECE + 1), 0));
  let n = 0;
  for (const t of texts) {
    if (t.length < PIECE) continue;
    let h = hashOf(t, 0);
    out[n++] = h;
    for (let i = PIECE; i < t.length; i++) {
      h = (Math.imul(h - Math.imul(t.charCodeAt(i - PIECE), DROP), BASE) + t.charCodeAt(i)) | 0;
      out[n++] = h;
    }
  }
  return out.sort();
}

function has(sorted: Int32Array, h: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < h) lo = mid + 1;
    else if (sorted[mid]! > h) hi = mid - 1;
    else return true;
  }
  return false;
}
