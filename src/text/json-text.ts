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

/** `text` must be valid JSON (isJsonText): the lexer below trusts its syntax. */
export function mapJsonStrings(text: string, base: string, f: MapString): string {
  const parts: string[] = [];
  const stack: Level[] = [];
  let pendingKey: string | null = null;
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{' || c === '[') {
      stack.push({ ...childOf(stack, pendingKey, base), array: c === '[', index: 0 });
      pendingKey = null;
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top?.array) top.index++;
    } else if (c === '"') {
      const end = stringEnd(text, i);
      const value = JSON.parse(text.slice(i, end)) as string;
      const top = stack[stack.length - 1];
      if (top && !top.array && pendingKey === null && text[firstNonSpace(text, end)] === ':') {
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
    } else if (c !== ':' && c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t') {
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

/** Index just past the closing quote of the string literal that opens at `start`. */
function stringEnd(text: string, start: number): number {
  let j = start + 1;
  while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
  return j + 1;
}

function firstNonSpace(s: string, from = 0): number {
  let i = from;
  while (i < s.length && ' \n\r\t'.includes(s[i]!)) i++;
  return i;
}
