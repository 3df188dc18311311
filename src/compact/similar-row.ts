/**
 * Pure: whether a row that changed in place may still show the same line: a spinner frame, a
 * counter ticking (digits and spinner glyphs read as one symbol each), a line being typed or
 * streamed, a status line that gained or lost a part (one is the start or the end of the other).
 * Callers also ask that a neighbour stayed put, since two history lines can look this alike.
 */

// Braille spinners (⠋⠙…), Claude's and common ASCII/geometric spinner frames.
const SPINNER = /[\u2800-\u28ff✻✶✳✢✽·•◐◓◑◒◴◷◶◵|/\\-]/gu;

export function similarRow(before: string, after: string): boolean {
  const a = before.trim();
  const b = after.trim();
  if (a.length <= b.length ? b.startsWith(a) || b.endsWith(a) : a.startsWith(b) || a.endsWith(b)) return true;
  return normalize(a) === normalize(b);
}

function normalize(row: string): string {
  return row.replace(/\d+/g, '0').replace(SPINNER, '*');
}
