/**
 * Pure: whether a row that changed in place may still show the same line: a spinner frame, a
 * counter ticking (digits and spinner glyphs read as one symbol each), a line being typed or
 * streamed, a status line that gained or lost a part (one is the start or the end of the other).
 * Callers also ask that a neighbour stayed put, since two history lines can look this alike.
 */

// Braille spinners (⠋⠙…), Claude's stars (✻✶✳✢✽), middle dot and bullet (·•), the circle quarters
// (◐◓◑◒◴◷◶◵) and ASCII frames. Escaped: a bundle with one non-ASCII character is read as a two-byte
// string, ~3 ms more for every command's start (test/cli/boot.test.ts).
const SPINNER = /[\u2800-\u28ff\u273b\u2736\u2733\u2722\u273d\u00b7\u2022\u25d0\u25d3\u25d1\u25d2\u25f4\u25f7\u25f6\u25f5|/\\-]/gu;

export function similarRow(before: string, after: string): boolean {
  const a = before.trim();
  const b = after.trim();
  if (a.length <= b.length ? b.startsWith(a) || b.endsWith(a) : a.startsWith(b) || a.endsWith(b)) return true;
  return normalize(a) === normalize(b);
}

function normalize(row: string): string {
  return row.replace(/\d+/g, '0').replace(SPINNER, '*');
}
