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

/** The secret whole and every 12-character piece of each of its lines that one of the texts still holds. */
export function leaks(secret: string, texts: readonly string[]): string[] {
  const pieces = new Set<string>();
  for (const line of secret.split('\n')) {
    if (line.length < 12) pieces.add(line);
    for (let i = 0; i + 12 <= line.length; i++) pieces.add(line.slice(i, i + 12));
  }
  pieces.add(secret);
  return [...pieces].filter((p) => p.length > 0 && texts.some((t) => t.includes(p)));
}
