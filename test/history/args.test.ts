import assert from 'node:assert/strict';
import { test } from 'node:test';
import { positiveCount, segmentIndexes, splitList } from '../../src/history/args.js';

const rows: { values: string[]; expected: string[] }[] = [
  { values: ['1'], expected: ['1'] },
  { values: ['1', '2', '3,4'], expected: ['1', '2', '3', '4'] },
  { values: [], expected: [] },
  { values: [' , '], expected: [] },
  { values: ['s:1, s:2'], expected: ['s:1', 's:2'] },
];
for (const row of rows) {
  test(`splitList ${JSON.stringify(row.values)}`, () => assert.deepEqual(splitList(row.values), row.expected));
}

test('segmentIndexes: numbers from 1 as people count them → indexes from 0', () => {
  assert.deepEqual(segmentIndexes(['1', '12']), [0, 11]);
  for (const bad of ['0', '-1', '1.5', 'x', '']) assert.throws(() => segmentIndexes([bad]), /--segment expects a segment number \(1, 2, …/);
});

test('positiveCount', () => {
  assert.equal(positiveCount('-n', undefined), undefined);
  assert.equal(positiveCount('-n', '3'), 3);
  for (const bad of ['0', '-2', 'x', '1e3']) assert.throws(() => positiveCount('-n', bad), /-n expects a positive whole number/);
});
