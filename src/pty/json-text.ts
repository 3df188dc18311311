/**
 * The relay's copy is the body of a JSON string, but a socket read can end anywhere in it: inside
 * an escape (`\u001b`) or a multi-byte character. Each journal event must hold whole ones, so a
 * chunk is cut at its last token boundary and the rest waits for the next read.
 */

const BACKSLASH = 0x5c;

/** Length of the longest prefix of `body` that ends between two whole escapes or characters. */
export function completeJsonText(body: Uint8Array): number {
  const end = body.length;
  // An escape is at most 6 bytes (\u001b): its backslash is among the last 5 if it is cut short.
  for (let at = end - 1; at >= Math.max(0, end - 5); at--) {
    if (body[at] !== BACKSLASH || !startsEscape(body, at)) continue;
    const size = body[at + 1] === 0x75 ? 6 : 2;
    if (at + size > end) return at;
    break;
  }
  return end - incompleteCharacter(body);
}

/** A backslash starts an escape when an even number of backslashes comes before it (`\\` pairs). */
function startsEscape(body: Uint8Array, at: number): boolean {
  let before = 0;
  while (at - before - 1 >= 0 && body[at - before - 1] === BACKSLASH) before++;
  return before % 2 === 0;
}

/** Bytes of a UTF-8 character cut short at the end (the relay sends valid UTF-8 only). */
function incompleteCharacter(body: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, body.length); back++) {
    const byte = body[body.length - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const size = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return size > back ? back : 0;
  }
  return 0;
}
