import assert from 'node:assert/strict';
import { test } from 'node:test';
import { positiveCount, repeatedOption, segmentIndexes } from '../../src/history/args.js';

const rows: { argv: string[]; expected: string[] }[] = [
  { argv: ['HEAD', '--segment', '1'], expected: ['1'] },
  { argv: ['--segment', '1', '--segment=2', 'x', '--segment', '3,4'], expected: ['1', '2', '3', '4'] },
  { argv: ['--segment'], expected: [] },
  { argv: ['--', '--segment', '1'], expected: [] },
  { argv: ['--segments', '1'], expected: [] },
  { argv: ['--segment', 's:1, s:2'], expected: ['s:1', 's:2'] },
];
for (const row of rows) {
  test(`repeatedOption ${row.argv.join(' ')}`, () => assert.deepEqual(repeatedOption(row.argv, 'segment'), row.expected));
}

test('segmentIndexes accepts whole numbers only', () => {
  assert.deepEqual(segmentIndexes(['0', '12']), [0, 12]);
  for (const bad of ['-1', '1.5', 'x', '']) assert.throws(() => segmentIndexes([bad]), /--segment expects a segment number/);
});

test('positiveCount', () => {
  assert.equal(positiveCount('-n', undefined), undefined);
  assert.equal(positiveCount('-n', '3'), 3);
  for (const bad of ['0', '-2', 'x', '1e3']) assert.throws(() => positiveCount('-n', bad), /-n expects a positive whole number/);
});
