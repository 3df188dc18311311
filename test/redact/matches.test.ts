import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { execAll } from '../../src/redact/matches.js';
import { ASSIGNMENT_RULES } from '../../src/redact/assign.js';
import { FORMAT_RULES } from '../../src/redact/patterns.js';

/** What a test compares: each match's text, position, groups and (with the d flag) capture positions. */
const shape = (ms: readonly RegExpMatchArray[]) => ms.map((m) => ({ index: m.index, all: [...m], indices: m.indices?.map((p) => p && [...p]) }));

// Empty matches (each flag moves on differently), sticky, unicode (v built at run time: TypeScript
// targets an older syntax), captures, and the redactor's own rules.
const patterns = [
  /a*/g, /(?:)/g, /(?:)/gu, new RegExp('', 'gv'), /x?/gy, /\b/g, /(?<=a)/gu, /(a)|(b)/gd, /[\u{1F600}-\u{1F64F}]*/gu, /./gsu,
  ...[...FORMAT_RULES, ...ASSIGNMENT_RULES].map((r) => r.pattern),
];
// Astral characters and lone surrogates, where a unicode-mode step is two code units or one.
const text = fc.string({ unit: fc.constantFrom('a', 'b', 'x', ' ', '=', '"', '😀', '\ud83d', '\ude00', 'token', 'password = "s3cr3tValue9"', 'AKIAABCDEFGHIJKLMNOP', '\n'), maxLength: 40 });

test('execAll gives exactly what matchAll gives, for any text, and leaves lastIndex at 0', () => {
  fc.assert(
    fc.property(fc.constantFrom(...patterns), text, (pattern, s) => {
      pattern.lastIndex = 0;
      const want = shape([...s.matchAll(pattern)]);
      const got = shape(execAll(pattern, s));
      assert.deepEqual(got, want);
      assert.equal(pattern.lastIndex, 0);
    }),
    { numRuns: 2000 },
  );
});

test('execAll starts at 0 whatever lastIndex was left at, and refuses a regex that is not global', () => {
  const re = /b/g;
  re.lastIndex = 3;
  assert.deepEqual(execAll(re, 'abcb').map((m) => m.index), [1, 3]);
  assert.throws(() => execAll(/b/, 'b'), /global/);
});
