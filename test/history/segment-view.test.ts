import assert from 'node:assert/strict';
import { test } from 'node:test';
import { segmentView } from '../../src/history/segment-view.js';

const view = (dropped: unknown) => segmentView({ id: 's:0', summary: { time: 0, agent: 'x', durationMs: 0, title: '', files: 0 }, body: { dropped } });

const rows: { name: string; dropped: unknown; kept: boolean }[] = [
  { name: 'counts as aisess writes them', dropped: { from: 0, to: 3, events: 3, chars: 120, all: false }, kept: true },
  { name: 'none of the stream kept', dropped: { from: 0, to: 9, events: 9, chars: 900, all: true }, kept: true },
  // show prints these counts: text in them reached the terminal raw.
  { name: 'escape sequences as counts', dropped: { from: 0, to: 3, events: '\x1b]52;c;ZXZpbA==\x07', chars: '\x1b[2J', all: false }, kept: false },
  { name: 'counts missing', dropped: { all: false }, kept: false },
  { name: 'all not a boolean', dropped: { from: 0, to: 3, events: 3, chars: 1, all: 'yes' }, kept: false },
  { name: 'not an object', dropped: 'lots', kept: false },
];

for (const r of rows) {
  test(`dropped-stream marker from a note: ${r.name}`, () => {
    assert.deepEqual(view(r.dropped).dropped, r.kept ? r.dropped : null);
  });
}
