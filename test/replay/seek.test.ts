import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { markers, nextMarker, stepEnd } from '../../src/replay/seek.js';
import type { Frame, FrameCode } from '../../src/replay/timeline.js';

/** 'o r m o' → frames at times 0, 1, 2 … */
const frames = (codes: string): Frame[] =>
  codes.split(' ').filter(Boolean).map((code, i) => ({ time: i, code: code as FrameCode, data: `${code}${i}` }));

describe('nextMarker', () => {
  const rows: { codes: string; from: number; expected: number | undefined }[] = [
    { codes: '', from: 0, expected: undefined },
    { codes: 'o o o', from: 0, expected: undefined },
    { codes: 'o m o m', from: 0, expected: 1 },
    { codes: 'o m o m', from: 1, expected: 1 },
    { codes: 'o m o m', from: 2, expected: 3 },
    { codes: 'o m o m', from: 4, expected: undefined },
    { codes: 'm o', from: -3, expected: 0 },
  ];
  for (const row of rows) {
    it(`'${row.codes}' from ${row.from} → ${row.expected}`, () => {
      assert.equal(nextMarker(frames(row.codes), row.from), row.expected);
    });
  }
});

describe('stepEnd', () => {
  const rows: { codes: string; from: number; expected: number }[] = [
    { codes: '', from: 0, expected: 0 },
    { codes: 'o o', from: 0, expected: 1 },
    { codes: 'o o', from: 1, expected: 2 },
    { codes: 'r m o o', from: 0, expected: 3 },
    { codes: 'o r m', from: 1, expected: 3 },
    { codes: 'o o', from: 2, expected: 2 },
  ];
  for (const row of rows) {
    it(`'${row.codes}' from ${row.from} → ${row.expected}`, () => {
      assert.equal(stepEnd(frames(row.codes), row.from), row.expected);
    });
  }
});

describe('markers', () => {
  it('lists every marker with index, time and label', () => {
    assert.deepEqual(markers(frames('o m o m')), [
      { index: 1, time: 1, label: 'm1' },
      { index: 3, time: 3, label: 'm3' },
    ]);
  });
});
