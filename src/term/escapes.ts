/**
 * Splits a terminal stream into printable text and control sequences (ECMA-48: CSI, OSC, DCS/SOS/
 * PM/APC strings, two- and three-byte escapes, C0/C1 controls), so redaction edits only printable
 * text and never cuts a sequence in half. An unterminated sequence at the end swallows the rest.
 */

export type Token =
  | { type: 'text'; start: number; end: number }
  | { type: 'control'; start: number; end: number }
  /** payload: [start, end) of what lies between `ESC ]` and the terminator. */
  | { type: 'osc'; start: number; end: number; payloadStart: number; payloadEnd: number };

const ESC = 0x1b;
/** C1 DCS, SOS, PM, APC: strings like their `ESC P`, `ESC X`, `ESC ^`, `ESC _` forms. */
const C1_STRINGS = new Set([0x90, 0x98, 0x9e, 0x9f]);

export function tokenize(s: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === ESC || c === 0x9b || c === 0x9d || C1_STRINGS.has(c)) {
      const t = escapeAt(s, i);
      tokens.push(t);
      i = t.end;
    } else if (isControl(c)) {
      tokens.push({ type: 'control', start: i, end: i + 1 });
      i++;
    } else {
      let j = i + 1;
      while (j < s.length && !isSpecial(s.charCodeAt(j))) j++;
      tokens.push({ type: 'text', start: i, end: j });
      i = j;
    }
  }
  return tokens;
}

/** \n, \r and \t are text: line structure matters to the rules (and is kept in place). */
function isControl(c: number): boolean {
  return (c < 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) || (c >= 0x7f && c <= 0x9f);
}

function isSpecial(c: number): boolean {
  return c === ESC || isControl(c);
}

function escapeAt(s: string, i: number): Token {
  const c = s.charCodeAt(i);
  if (c === 0x9b) return { type: 'control', start: i, end: csiEnd(s, i + 1) };
  if (c === 0x9d) return oscAt(s, i, i + 1);
  if (C1_STRINGS.has(c)) return { type: 'control', start: i, end: stringEnd(s, i + 1).end };
  const next = s[i + 1];
  if (next === undefined) return { type: 'control', start: i, end: i + 1 };
  if (next === '[') return { type: 'control', start: i, end: csiEnd(s, i + 2) };
  if (next === ']') return oscAt(s, i, i + 2);
  if ('PX^_'.includes(next)) return { type: 'control', start: i, end: stringEnd(s, i + 2).end };
  let j = i + 1;
  // ESC, intermediates (0x20–0x2F), then one final byte: e.g. `ESC ( B`, `ESC 7`.
  while (j < s.length && s.charCodeAt(j) >= 0x20 && s.charCodeAt(j) <= 0x2f) j++;
  return { type: 'control', start: i, end: Math.min(s.length, j + 1) };
}

function csiEnd(s: string, from: number): number {
  let j = from;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (c >= 0x40 && c <= 0x7e) return j + 1;
    // A stray ESC aborts the sequence and starts a new one.
    if (c === ESC) return j;
    j++;
  }
  return s.length;
}

function oscAt(s: string, start: number, payloadStart: number): Token {
  const t = stringEnd(s, payloadStart);
  return { type: 'osc', start, end: t.end, payloadStart, payloadEnd: t.payloadEnd };
}

/** OSC and DCS-like strings end at BEL, ST (`ESC \`) or C1 ST (0x9C). */
function stringEnd(s: string, from: number): { payloadEnd: number; end: number } {
  for (let j = from; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === 0x07 || c === 0x9c) return { payloadEnd: j, end: j + 1 };
    if (c === ESC) return { payloadEnd: j, end: s[j + 1] === '\\' ? j + 2 : j };
  }
  return { payloadEnd: s.length, end: s.length };
}
