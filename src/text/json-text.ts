/**
 * A string that holds a JSON text (an agent's transcript line, a tool call's `arguments`): its
 * string values are redacted one by one, decoded, so a value ends where its JSON string ends and
 * not at the next escaped `\n` or key (`"KEY=v\nAPI_TOKEN=w"` read raw is one long "value").
 * Only the strings that change are re-encoded: the rest of the text stays byte for byte.
 */

/** `(value, key, path) → replacement`: key is the object key the string sits under (arrays inherit it). */
export type MapString = (s: string, key: string | null, path: string) => string;

/** Whether `s` is a JSON object or array (a JSON scalar is just text). */
export function isJsonText(s: string): boolean {
  const first = s.charCodeAt(firstNonSpace(s));
  if (first !== 0x7b && first !== 0x5b) return false;
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

interface Level {
  key: string | null;
  path: string;
  array: boolean;
  index: number;
}

const QUOTE = 0x22;

/** `text` must be valid JSON (isJsonText): the lexer below trusts its syntax. */
export function mapJsonStrings(text: string, base: string, f: MapString): string {
  const parts: string[] = [];
  const stack: Level[] = [];
  let pendingKey: string | null = null;
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) {
      stack.push({ ...childOf(stack, pendingKey, base), array: c === 0x5b, index: 0 });
      pendingKey = null;
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
    } else if (c === 0x2c) {
      const top = stack[stack.length - 1];
      if (top?.array) top.index++;
    } else if (c === QUOTE) {
      const [end, escaped] = stringEnd(text, i);
      // Valid JSON holds no raw control character in a string: with no backslash in it, the text
      // between the quotes is the value.
      const value = escaped ? (JSON.parse(text.slice(i, end)) as string) : text.slice(i + 1, end - 1);
      const top = stack[stack.length - 1];
      if (top && !top.array && pendingKey === null && text.charCodeAt(firstNonSpace(text, end)) === 0x3a) {
        pendingKey = value;
      } else {
        const at = childOf(stack, pendingKey, base);
        const out = f(value, at.key, at.path);
        if (out !== value) {
          parts.push(text.slice(copied, i), JSON.stringify(out));
          copied = end;
        }
        pendingKey = null;
      }
      i = end - 1;
    } else if (c !== 0x3a && c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) {
      // A number, true, false or null consumes the key it was the value of.
      if (stack[stack.length - 1]?.array === false) pendingKey = null;
    }
  }
  if (copied === 0) return text;
  parts.push(text.slice(copied));
  return parts.join('');
}

/** Key and path of a value in the innermost container (an object's value under `key`, or the next array slot). */
function childOf(stack: readonly Level[], key: string | null, base: string): { key: string | null; path: string } {
  const top = stack[stack.length - 1];
  if (!top) return { key: null, path: `${base}>` };
  if (top.array) return { key: top.key, path: `${top.path}[${top.index}]` };
  return { key, path: top.path.endsWith('>') ? `${top.path}${key}` : `${top.path}.${key}` };
}

/** Index just past the closing quote of the string literal that opens at `start`, and whether it holds an escape. */
function stringEnd(text: string, start: number): [number, boolean] {
  let escaped = false;
  let quote = text.indexOf('"', start + 1);
  let slash = text.indexOf('\\', start + 1);
  // Each search starts where the last one stopped: linear however many escapes a long string holds.
  while (quote !== -1 && slash !== -1 && slash < quote) {
    escaped = true;
    const next = slash + 2;
    if (quote < next) quote = text.indexOf('"', next);
    slash = text.indexOf('\\', next);
  }
  return [quote === -1 ? text.length + 1 : quote + 1, escaped];
}

function firstNonSpace(s: string, from = 0): number {
  let i = from;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
  }
  return i;
}
