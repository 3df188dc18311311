import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { quotePath, safeText } from '../../src/history/safe-text.js';

const shown = (s: string): string => JSON.stringify(s).replace(/[^\x20-\x7e]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);

const cases: { input: string; multiline?: boolean; expected: string }[] = [
  { input: 'fix the tests ✓', expected: 'fix the tests ✓' },
  { input: '\x1b]52;c;ZWNobyBoaQ==\x07', expected: '^[]52;c;ZWNobyBoaQ==^G' },
  { input: '\x1b]0;owned\x1b\\', expected: '^[]0;owned^[\\' },
  { input: '\x1b[2J\x1b[H', expected: '^[[2J^[[H' },
  { input: '\x1b]8;;https://x.test\x1b\\link\x1b]8;;\x1b\\', expected: '^[]8;;https://x.test^[\\link^[]8;;^[\\' },
  { input: 'a\u202Eb', expected: 'a\\u202eb' },
  { input: '\u2066\u2069\u200e\u200f\u061c\u202a', expected: '\\u2066\\u2069\\u200e\\u200f\\u061c\\u202a' },
  { input: 'nul\0', expected: 'nul^@' },
  { input: '\x1bP1$r\x1b\\', expected: '^[P1$r^[\\' },
  { input: '\x9b2J\x9d0;t\x9c', expected: '\\u009b2J\\u009d0;t\\u009c' },
  { input: 'del\x7f', expected: 'del^?' },
  { input: 'a\nb\tc\r', expected: 'a^Jb^Ic^M' },
  { input: 'a\nb\tc\r', multiline: true, expected: 'a\nb\tc^M' },
];

for (const c of cases) {
  test(`safeText ${shown(c.input)}${c.multiline ? ' (multi-line)' : ''}`, () => {
    assert.equal(safeText(c.input, { multiline: c.multiline }), c.expected);
  });
}

const paths: { input: string; expected: string }[] = [
  { input: 'src/a.ts', expected: 'src/a.ts' },
  { input: 'docs/naïve café.md', expected: 'docs/naïve café.md' },
  { input: 'a"b', expected: '"a\\"b"' },
  { input: 'a\\b', expected: '"a\\\\b"' },
  { input: 'tab\there\nnl', expected: '"tab\\there\\nnl"' },
  { input: '\x1b[2J.txt', expected: '"\\033[2J.txt"' },
  { input: 'x\0y\x7f', expected: '"x\\000y\\177"' },
  { input: 'c1\x9b.txt', expected: '"c1\\302\\233.txt"' },
  { input: 'evil\u202Etxt.js', expected: '"evil\\342\\200\\256txt.js"' },
];

for (const c of paths) {
  test(`quotePath ${shown(c.input)}`, () => assert.equal(quotePath(c.input), c.expected));
}

test('quotePath matches git core.quotePath for ASCII controls, quotes and backslashes', () => {
  // git's own quoting, as `git ls-files` prints it (core.quotePath=true quotes only these in ASCII).
  assert.equal(quotePath('a\x07\b\v\f\rz'), '"a\\a\\b\\v\\f\\rz"');
});

// Every character class a note could carry: printable, C0, DEL, C1, bidi controls, astral.
const anyChar = fc.oneof(
  fc.integer({ min: 0, max: 0x1f }), fc.constant(0x7f), fc.integer({ min: 0x80, max: 0x9f }),
  fc.constantFrom(0x61c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069),
  fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0x10ffff }).filter((c) => c < 0xd800 || c > 0xdfff),
).map((c) => String.fromCodePoint(c));
const anyString = fc.oneof(fc.array(anyChar, { maxLength: 80 }).map((a) => a.join('')), fc.string({ unit: 'binary', maxLength: 80 }));
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

test('property: no ESC, C0 (but newline/tab in multi-line text), DEL, C1 or bidi control comes out', () => {
  fc.assert(fc.property(anyString, fc.boolean(), (s, multiline) => {
    const out = safeText(s, { multiline });
    assert.doesNotMatch(out, multiline ? /[\x00-\x08\x0b-\x1f\x7f-\x9f]/ : /[\x00-\x1f\x7f-\x9f]/);
    assert.doesNotMatch(out, BIDI);
    if (!multiline) assert.doesNotMatch(out, /[\n\t]/);
  }), { numRuns: 2000 });
});

test('property: a quoted path has no control or bidi character and unquotes to the original', () => {
  fc.assert(fc.property(anyString, (s) => {
    const out = quotePath(s);
    assert.doesNotMatch(out, /[\x00-\x1f\x7f-\x9f]/);
    assert.doesNotMatch(out, BIDI);
    // A lone surrogate has no UTF-8 form: compare with what a file system could hold.
    assert.equal(unquote(out), Buffer.from(s, 'utf8').toString('utf8'));
  }), { numRuns: 2000 });
});

/** Reverses git's C-style quoting (octal bytes are UTF-8). */
function unquote(q: string): string {
  if (!q.startsWith('"')) return q;
  const bytes: number[] = [];
  const named: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };
  const body = q.slice(1, -1);
  for (let i = 0; i < body.length; ) {
    if (body[i] === '\\') {
      const next = body[i + 1]!;
      if (next in named) bytes.push(named[next]!), (i += 2);
      else bytes.push(parseInt(body.slice(i + 1, i + 4), 8)), (i += 4);
    } else {
      const ch = String.fromCodePoint(body.codePointAt(i)!);
      bytes.push(...Buffer.from(ch, 'utf8'));
      i += ch.length;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
