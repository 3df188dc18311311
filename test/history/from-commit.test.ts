import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SegmentView } from '../../src/history/segment-view.js';
import { joinSegments, pickSegments } from '../../src/replay/from-commit.js';

function view(id: string, session: string | null, events: [number, string, string][], term = { cols: 80, rows: 24 }): SegmentView {
  return { id, session, agent: 'claude', argv: [], start: 0, durationMs: 0, title: '', paths: [], term, events, screen: null, boundAt: null, boundBy: null };
}

const rows: { name: string; views: SegmentView[]; expected: [number, string, string][] }[] = [
  { name: 'one segment starts at 0', views: [view('s:1', 's', [[30, 'o', 'a'], [31.5, 'o', 'b']])], expected: [[0, 'o', 'a'], [1.5, 'o', 'b']] },
  {
    name: 'consecutive segments of a session keep their gap',
    views: [view('s:0', 's', [[10, 'o', 'a']]), view('s:1', 's', [[14, 'o', 'b']])],
    expected: [[0, 'o', 'a'], [4, 'o', 'b']],
  },
  {
    name: 'another recording follows after one second',
    views: [view('s:0', 's', [[10, 'o', 'a'], [12, 'o', 'b']]), view('t:0', 't', [[50, 'o', 'c']])],
    expected: [[0, 'o', 'a'], [2, 'o', 'b'], [3, 'o', 'c']],
  },
  {
    name: 'a different terminal size inserts a resize',
    views: [view('s:0', 's', [[0, 'o', 'a']]), view('t:0', 't', [[5, 'o', 'b']], { cols: 120, rows: 40 })],
    expected: [[0, 'o', 'a'], [1, 'r', '120x40'], [1, 'o', 'b']],
  },
  { name: 'empty segments are skipped', views: [view('s:0', 's', []), view('s:1', 's', [[3, 'o', 'x']])], expected: [[0, 'o', 'x']] },
];
for (const row of rows) {
  test(`joinSegments: ${row.name}`, () => {
    assert.deepEqual(joinSegments(row.views).map((e) => [e.time, e.code, e.data]), row.expected);
  });
}

test('pickSegments: all, 1-based position, record id, or notFound', () => {
  const views = [view('s:0', 's', []), view('s:1', 's', [])];
  assert.equal(pickSegments(views, undefined).length, 2);
  assert.deepEqual(pickSegments(views, '2').map((v) => v.id), ['s:1']);
  assert.deepEqual(pickSegments(views, 's:0').map((v) => v.id), ['s:0']);
  for (const bad of ['0', '3', 'x:1']) assert.throws(() => pickSegments(views, bad), /no segment/);
});
