/**
 * mapJsonStrings against an oracle that walks the parsed value: every string value (not a key) is
 * handed over once, in document order, with the key it sits under and its path, and the text is
 * rebuilt with the replacements; what f leaves alone stays byte for byte.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isJsonText, mapJsonStrings } from '../../src/text/json-text.js';

type Seen = [string, string | null, string];

/** The strings of a value with their key and path, as mapJsonStrings names them. */
function walk(v: unknown, key: string | null, path: string, out: Seen[]): void {
  if (typeof v === 'string') out.push([v, key, path]);
  else if (Array.isArray(v)) v.forEach((x, i) => walk(x, key, `${path}[${i}]`, out));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) walk(x, k, path.endsWith('>') ? `${path}${k}` : `${path}.${k}`, out);
  }
}

function mapValue(v: unknown, f: (s: string) => string): unknown {
  if (typeof v === 'string') return f(v);
  if (Array.isArray(v)) return v.map((x) => mapValue(x, f));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mapValue(x, f)]));
  return v;
}

// Strings heavy in what the lexer must get right: quotes, backslashes, escapes, astral characters.
const text = fc.string({ unit: fc.constantFrom('a', 'b', '"', '\\', '\n', '\t', '\u0001', 'é', '😀', '\\n', '\\"', ' ', ':', ',', '{', ']'), maxLength: 12 });
const values = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.boolean(), fc.constant(null), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(text, tie('value'), { maxKeys: 4 }),
})).value.filter((v) => typeof v === 'object' && v !== null);

test('every string value is handed over once, in order, with its key and path; replacements land where they were', () => {
  fc.assert(fc.property(values, fc.constantFrom(undefined, 1, 2), fc.boolean(), (value, indent, change) => {
    const json = JSON.stringify(value, null, indent);
    assert.equal(isJsonText(json), true);
    const expected: Seen[] = [];
    walk(value, null, 'base>', expected);
    const seen: Seen[] = [];
    const f = (s: string) => (change && s.length % 2 === 1 ? `<${s}>` : s);
    const out = mapJsonStrings(json, 'base', (s, key, path) => {
      seen.push([s, key, path]);
      return f(s);
    });
    assert.deepEqual(seen, expected);
    if (!seen.some(([s]) => f(s) !== s)) assert.equal(out, json, 'unchanged: the same text');
    assert.deepEqual(JSON.parse(out), mapValue(value, f));
  }), { numRuns: 1500 });
});

test('a long string of escaped quotes and backslashes is read whole', () => {
  const long = JSON.stringify(['\\"'.repeat(200_000) + 'x']);
  const seen: string[] = [];
  assert.equal(mapJsonStrings(long, '', (s) => (seen.push(s), s)), long);
  assert.deepEqual(seen, ['\\"'.repeat(200_000) + 'x']);
});
