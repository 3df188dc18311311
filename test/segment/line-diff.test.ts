import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { align, LineTable, splitLines } from '../../src/segment/line-diff.js';

/** Length of a longest common subsequence, by dynamic programming (the reference). */
function lcs(a: readonly number[], b: readonly number[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = x === b[j - 1] ? diag + 1 : Math.max(row[j]!, row[j - 1]!);
      diag = up;
    }
  }
  return row[b.length]!;
}

const kept = (xs: Int32Array, flags: Uint8Array) => [...xs].filter((_, i) => flags[i]);

test('align keeps a longest common subsequence, the same on both sides', () => {
  // A small alphabet makes many repeated lines: the hard case for an alignment.
  const text = fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 60 });
  fc.assert(
    fc.property(text, text, (a, b) => {
      const [x, y] = [Int32Array.from(a), Int32Array.from(b)];
      const { keptOld, keptNew } = align(x, y);
      assert.deepEqual(kept(x, keptOld), kept(y, keptNew));
      assert.equal(kept(x, keptOld).length, lcs(a, b));
    }),
    { numRuns: 3000 },
  );
});

test('align on long texts with a few edits stays exact (and fast)', () => {
  const table = new LineTable();
  const a = Array.from({ length: 20_000 }, (_, i) => `line ${i % 977}`);
  const b = [...a];
  b.splice(100, 3, 'x', 'y');
  b.splice(15_000, 0, 'z');
  const { keptOld, keptNew } = align(table.intern(a), table.intern(b));
  assert.equal(keptOld.reduce((n, k) => n + k, 0), 20_000 - 3);
  assert.equal(keptNew.reduce((n, k) => n + k, 0), 20_000 - 3);
});

test('splitLines: a final newline makes no empty last line; a missing one keeps the last line', () => {
  assert.deepEqual(splitLines(''), []);
  assert.deepEqual(splitLines('a\n'), ['a']);
  assert.deepEqual(splitLines('a\nb'), ['a', 'b']);
  assert.deepEqual(splitLines('\n\n'), ['', '']);
});
