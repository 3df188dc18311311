/**
 * Text wrapped by the program that prints it, in the shapes real tools draw (Claude Code's `⎿`
 * blocks, boxes, `fold`, indented continuations, table cells, a key's tail pushed to the next line),
 * carried in each way a recording holds text; and the search that finds a secret in such text
 * again: lines joined, borders and indent stripped.
 */
import type { CastEvent } from '../../src/redact/index.js';
import { leakFinder } from './inject.js';

/** Cuts a line into rows of `width` characters, as `fold -w` does. */
function chunks(line: string, width: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < Math.max(1, line.length); i += width) out.push(line.slice(i, i + width));
  return out;
}

const fold = (text: string, width: number) => text.split('\n').flatMap((l) => chunks(l, width));

/** A secret sample's text → the rows a program draws for it. */
export const wraps: Record<string, (text: string, secret: string) => string[]> = {
  // Claude Code's tool output: the first row after `⎿`, continuations indented to the same column.
  claudeBlock: (t) => ['⏺ Bash(cat config)', ...fold(t, 36).map((r, i) => (i === 0 ? `  ⎿  ${r}` : `     ${r}`)), '', '⏺ Done.'],
  box: (t) => {
    const w = 30;
    return [`╭${'─'.repeat(w + 2)}╮`, ...fold(t, w).map((r) => `│ ${r.padEnd(w)} │`), `╰${'─'.repeat(w + 2)}╯`];
  },
  fold16: (t) => ['$ fold -w 16 config', ...fold(t, 16), '$ '],
  fold33: (t) => ['$ fold -w 33 config', ...fold(t, 33), '$ '],
  // Python's textwrap with a deeper subsequent_indent: every row ends by column 32.
  indented: (t) => ['  INFO loaded config:', ...t.split('\n').flatMap((l) => [`    ${l.slice(0, 28)}`, ...chunks(l.slice(28), 24).filter(Boolean).map((r) => `        ${r}`)]), '  INFO ready'],
  tableCell: (t) => {
    const w = 24;
    const cells = fold(t, w);
    return ['| name   | value                    |', '|--------|--------------------------|', ...cells.map((r, i) => `| ${(i === 0 ? 'config' : '').padEnd(6)} | ${r.padEnd(w)} |`)];
  },
  // The rule sees the head on its own row; the last 14 characters of the key start the next row.
  splitTail: (t, s) => ['$ cat config', ...splitAt(t, s, 14)],
  splitTailIndented: (t, s) => ['⏺ Read(config)', ...splitAt(t, s, 14).map((r, i) => (i === 0 ? `  ⎿  ${r}` : `     ${r}`))],
};

/** Wrapped at the column that leaves the key's last `tail` characters to the next row. */
function splitAt(text: string, secret: string, tail: number): string[] {
  const last = secret.split('\n').at(-1)!;
  const at = text.lastIndexOf(last);
  const cut = at + Math.max(1, last.length - tail);
  const before = text.slice(0, cut).split('\n');
  const head = before.pop()!;
  return [...before, head, ...text.slice(cut).split('\n').flatMap((l) => chunks(l, head.length))];
}

const o = (time: number, data: string): CastEvent => [time, 'o', data];

/** Where the rows go: a recording's output (rows by CRLF, or each by a cursor move), or a transcript line. */
export const carriers: Record<string, (rows: string[]) => CastEvent[]> = {
  crlf: (rows) => [[0, 'r', '120x40'], o(0, '\x1b[2J\x1b[H'), o(0.1, rows.join('\r\n')), o(0.2, '\r\n> ')],
  // A TUI redraw: every row by its own cursor-positioned write, borders dimmed, text coloured.
  cursorRows: (rows) => [
    [0, 'r', '120x40'],
    ...rows.map((r, i): CastEvent => o(0.1 + i / 100, `\x1b[${i + 3};1H\x1b[2K${r.replace(/[│|⎿╭╮╰╯─]+/g, (b) => `\x1b[2m${b}\x1b[22m`).replace(/^(\s*)(\S)/, '$1\x1b[38;5;245m$2')}\x1b[39m`)),
    o(0.9, '\x1b[40;1H\x1b[7m NORMAL \x1b[0m'),
  ],
  // Claude Code's transcript: the tool's output as one JSON string, kept whole as an agent event.
  transcript: (rows) => [[0, 'o', 'running tool\r\n'], [0.1, 'aisess.agent', JSON.stringify({ kind: 'transcript', line: transcriptLine(rows.join('\n')) })]],
};

export function transcriptLine(content: string): string {
  return JSON.stringify({ type: 'user', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content }] } });
}

/** Cursor moves to another row: a new line on the screen. */
// eslint-disable-next-line no-control-regex
const ROW_MOVE = /\x1b\[[0-9;]*[ABEFHfd]/g;
// eslint-disable-next-line no-control-regex
const SEQUENCE = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[^[\]]/g;
const BORDER = /^[\s│┃║|╎┆┊╏▏▕⎿╭╮╰╯┌┐└┘├┤─]+|[\s│┃║|╎┆┊╏▏▕╭╮╰╯┌┐└┘├┤─]+$/g;

/**
 * What a reader finds of a secret in texts that were wrapped: each text's lines joined with borders,
 * gutters and indent stripped (after the rows drawn by cursor moves are made lines), the strings
 * inside JSON texts each searched the same way. The secret whole or any 12-character piece.
 */
export function findable(secret: string, texts: readonly string[]): string[] {
  return findableIn(texts)(secret);
}

/** findable() for many secrets over the same texts: the unwrapped views are built and indexed once. */
export function findableIn(texts: readonly string[]): (secret: string) => string[] {
  const views = texts.flatMap((text) => [text, ...jsonStrings(text)].map(unwrapped));
  const find = leakFinder(views);
  return (secret) => [...new Set(find(secret))];
}

export function unwrapped(text: string): string {
  const lines = text.replace(ROW_MOVE, '\n').replace(SEQUENCE, '').split(/\r\n|\r|\n/);
  return lines.map((l) => l.replace(BORDER, '')).join('');
}

/** Every string inside a JSON text, and inside JSON texts held by those strings. */
function jsonStrings(text: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v, ...jsonStrings(v));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return out;
}
