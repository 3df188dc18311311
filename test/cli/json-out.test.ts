import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { jsonPieces } from '../../src/cli/json-out.js';

const joined = (v: unknown): string => [...jsonPieces(v)].join('');

const rows: { name: string; value: unknown }[] = [
  { name: 'scalars', value: [1, 'a', null, true, 1.5e300] },
  { name: 'empty containers at every depth', value: { a: [], b: {}, c: [[], {}], d: { e: { f: [] } } } },
  { name: 'members JSON leaves out, and undefined in an array as null', value: { a: undefined, b: () => 1, c: [undefined, () => 1], d: 1 } },
  { name: 'an object with only left-out members', value: { x: { a: undefined } } },
  { name: 'toJSON and a Date deep inside', value: { when: new Date(0), deep: { deeper: { deepest: { d: new Date(1), t: { toJSON: () => 'x' } } } } } },
  { name: 'strings with newlines, escapes and hostile text', value: { s: ['a\nb', '\x1b]52;c;x\x07', '\u202e', '"\\'], 'key\n"': 1 } },
  { name: 'nesting deeper than the streamed depth', value: [[[[[1, [2]], { a: [3] }]]]] },
];

for (const r of rows) {
  test(`pieces join to JSON.stringify(v, null, 2): ${r.name}`, () => {
    assert.equal(joined(r.value), JSON.stringify(r.value, null, 2));
  });
}

test('any JSON-like value: pieces join to JSON.stringify(v, null, 2)', () => {
  fc.assert(fc.property(fc.anything({ withNullPrototype: true, withObjectString: false }), (v) => {
    assert.equal(joined(v), JSON.stringify(v, null, 2) ?? 'null');
  }), { numRuns: 2000, seed: 11 });
});
