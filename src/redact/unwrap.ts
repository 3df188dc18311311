/**
 * The third view: text a program wrapped itself, joined again. A TUI hard-wraps a long line onto an
 * indented continuation (Claude Code's `⎿` blocks), draws boxes (`│ … │`), tables, or output is
 * folded narrower than the terminal (`fold -w 16`): the terminal-width rule of the joined view does
 * not see those. Each line (of the line-kept view, rows drawn by cursor moves counted as lines) loses
 * its indent, gutter and border characters; a line is joined to the next one (no separator) when
 * both meet in non-blank characters and the line looks wrapped: its content ends within one column
 * of the widest content around it (in its block of non-blank lines), or in the column of the line
 * next to it (a fold), or it fills the terminal width. Blank lines, table rules and shell prompt
 * lines part blocks. Lines not joined are separated by a line break, as in the line-kept view.
 */
import type { Token } from '../term/escapes.js';
import type { View } from './types.js';

/** Empty (no text) when no line was joined: then nothing is read across a program wrap. */
export interface Unwrapped extends View {
  /** View indices where a line was joined to the one before: the continuation's first character. */
  junctions: number[];
}

/** How many lines either side decide what "the widest around" is: keeps the pass linear. */
const WINDOW = 8;

/** Gutters, box sides and corners, rules: box drawing and block elements, `|`, and Claude's `⎿`. */
export function isBorder(c: number): boolean {
  return (c >= 0x2500 && c <= 0x259f) || c === 0x7c || c === 0x23bf;
}

/** Blanks and border characters at a line's edge: the screen's frame, not text. */
export function isFrame(c: number): boolean {
  return isSpace(c) || isBorder(c);
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x3000;
}

/** What a wrapped token can be cut next to: anything printed but blanks and borders. */
function isToken(c: number): boolean {
  return !isSpace(c) && !isBorder(c) && c !== 0x0a && c !== 0x0d;
}

/** Cursor moves to another row (CUU, CUD, CNL, CPL, CUP, HVP, VPA): what follows is a new line. */
function movesRow(raw: string, t: Token): boolean {
  if (t.type !== 'control') return false;
  const intro = raw.charCodeAt(t.start) === 0x9b ? 1 : raw[t.start + 1] === '[' ? 2 : 0;
  return intro > 0 && 'ABEFHfd'.includes(raw[t.end - 1]!);
}

interface Line {
  /** [from, to): the line's characters in the line-kept view. */
  from: number;
  to: number;
  /** Content, without indent, gutter, borders and padding. */
  start: number;
  end: number;
  /** A blank line (or paragraph break) comes before: a new block. */
  fresh: boolean;
}

/**
 * `lines` is the line-kept view; `tokens` tell where cursor moves start new rows. Joins lines,
 * see the module comment; `width` is the terminal width.
 */
export function unwrap(raw: string, tokens: readonly Token[], lines: View, width: number): Unwrapped {
  const rows = splitLines(raw, tokens, lines);
  const joined = joins(lines.text, rows, width);
  // Nothing joined: the line-kept view already holds every line; a copy would only cost memory
  // (a note's 4 MB line made a third 4 MB view and its map) and a third search for known secrets.
  if (!joined.some((j) => j !== APART)) return { text: '', map: new Int32Array(0), junctions: [] };
  const parts: string[] = [];
  const map = new Int32Array(lines.map.length + rows.length);
  const junctions: number[] = [];
  let size = 0;
  rows.forEach((row, i) => {
    if (i > 0) {
      const join = joined[i - 1]!;
      if (join === SPACED) {
        // The blank the wrap fell on, between the two rows.
        const prev = rows[i - 1]!;
        parts.push(' ');
        map[size++] = lines.map[prev.end < prev.to ? prev.end : row.start - 1]!;
      }
      if (join !== APART) junctions.push(size);
      else if (size > 0) {
        parts.push('\n');
        map[size++] = lines.map[Math.max(0, row.from - 1)] ?? 0;
      }
    }
    parts.push(lines.text.slice(row.start, row.end));
    map.set(lines.map.subarray(row.start, row.end), size);
    size += row.end - row.start;
  });
  return { text: parts.join(''), map: map.subarray(0, size), junctions };
}

function splitLines(raw: string, tokens: readonly Token[], lines: View): Line[] {
  // Cursor moves are not in the view: where they fall, as view indices (the view keeps token order).
  const moves: number[] = [];
  let k = 0;
  for (const t of tokens) {
    while (k < lines.map.length && lines.map[k]! < t.start) k++;
    if (movesRow(raw, t)) moves.push(k);
  }
  const text = lines.text;
  const out: Line[] = [];
  let from = 0;
  let newlines = 0;
  let m = 0;
  const close = (to: number) => {
    if (to <= from) return;
    out.push(content(text, from, to, newlines >= 2 || out.length === 0));
    newlines = 0;
  };
  for (let i = 0; i <= text.length; i++) {
    while (m < moves.length && moves[m]! === i) {
      close(i);
      from = i;
      m++;
    }
    if (i === text.length) break;
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) {
      close(i);
      if (c === 0x0a) newlines++;
      from = i + 1;
    }
  }
  close(text.length);
  return out;
}

function content(text: string, from: number, to: number, fresh: boolean): Line {
  let start = from;
  while (start < to && (isSpace(text.charCodeAt(start)) || isBorder(text.charCodeAt(start)))) start++;
  let end = to;
  while (end > start && (isSpace(text.charCodeAt(end - 1)) || isBorder(text.charCodeAt(end - 1)))) end--;
  // A rule (`|----|----|`, `+====+`) is a table's frame: it holds nothing and parts blocks.
  if (end > start && '-=+:|'.includes(text[start]!) && RULE.test(text.slice(start, end))) start = end;
  return { from, to, start, end, fresh: fresh || start === end };
}

const RULE = /^(?=.*[|+]|.*[-=]{8})[-=+:|\s]*[-=]{3}[-=+:|\s]*$/;

const APART = 0;
const JOINED = 1;
/** Joined with one blank between: the wrap fell on a space. */
const SPACED = 2;
type Join = typeof APART | typeof JOINED | typeof SPACED;

/** joined[i]: whether line i goes on in line i + 1. */
function joins(text: string, rows: readonly Line[], width: number): Join[] {
  const blockOf: number[] = [];
  let block = -1;
  for (const row of rows) {
    const prompt = text.charCodeAt(row.start + 1) === 0x20 && PROMPT.includes(text[row.start]!);
    if (row.fresh || row.start === row.end || prompt || blockOf.at(-1) === -2) block++;
    blockOf.push(row.start === row.end ? -1 : prompt ? -2 : block);
  }
  const endCol = rows.map((r) => r.end - r.from);
  const out: Join[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const next = rows[i + 1];
    if (!next || blockOf[i]! < 0 || blockOf[i] !== blockOf[i + 1] || next.fresh || !isToken(text.charCodeAt(row.end - 1)) || !isToken(text.charCodeAt(next.start))) {
      out.push(APART);
      continue;
    }
    // A continuation indented one column more than its line: the wrap fell on a space.
    const gap = next.start - next.from === row.start - row.from + 1 ? SPACED : JOINED;
    const full = row.to - row.from;
    if (full >= width - 1 && full <= width) {
      out.push(gap);
      continue;
    }
    const trailing = spaced(text, row);
    // Rows of one width in a row are a fold (a wider line above them is not the fold's width).
    let join: Join = APART;
    if (endCol[i]! >= MIN_FOLD) {
      for (const j of [i - 1, i + 1]) {
        if (join === APART && j >= 0 && blockOf[j] === blockOf[i] && endCol[i]! <= endCol[j]! + 1) join = reaches(endCol[i]!, endCol[j]!, trailing, gap);
      }
    }
    if (join === APART) {
      let widest = 0;
      for (let j = Math.max(0, i - WINDOW); j <= Math.min(rows.length - 1, i + WINDOW); j++) {
        if (blockOf[j] === blockOf[i] && endCol[j]! > widest) widest = endCol[j]!;
      }
      join = reaches(endCol[i]!, widest, trailing, gap);
    }
    out.push(join);
  }
  return out;
}

/** A row ending at `col` reaches width `w`; one short with a blank after it: the wrap fell on a space. */
function reaches(col: number, w: number, trailing: boolean, gap: Join): Join {
  if (col >= w) return gap;
  if (col === w - 1) return trailing ? SPACED : gap;
  return APART;
}

function spaced(text: string, row: Line): boolean {
  return row.end < row.to && isSpace(text.charCodeAt(row.end));
}

/** A shell prompt line is typed, not printed: the output after it is wrapped to widths of its own. */
const PROMPT = '$%❯➜';

/** Narrower rows of equal width are columns of a layout, not a fold. */
const MIN_FOLD = 12;
