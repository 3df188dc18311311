import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JournalEvent } from '../../src/journal/events.js';
import { firstPrompt } from '../../src/record/prompt.js';
import { attachRecords, type AttachInput } from '../../src/bind/attach-records.js';
import { builtinRules } from '../../src/redact/index.js';
import { segmentSession } from '../../src/segment/segmenter.js';
import { sampleHeader } from '../journal/sample.js';

const change = (path: string, blob: string | null): JournalEvent => ({ time: 0, code: 'aisess.worktree', data: JSON.stringify({ paths: [{ path, blob, status: 'modified' }] }) });
const events: JournalEvent[] = [
  { time: 1, code: 'o', data: '> ' },
  { time: 2, code: 'i', data: 'add b\r' },
  { time: 3, code: 'o', data: 'writing' },
  { ...change('b.txt', 'b1'), time: 4 },
  { time: 5, code: 'o', data: 'and c' },
  { ...change('c.txt', 'c1'), time: 6 },
  { time: 9, code: 'o', data: 'bye' },
];
const base: AttachInput = {
  header: sampleHeader,
  all: segmentSession(events).segments,
  diff: { id: 'c0ffee', paths: new Map([['b.txt', 'b1'], ['c.txt', 'other']]) },
  facts: { id: 'c0ffee', tree: 'tree', patchId: null, paths: ['b.txt', 'c.txt'] },
  boundAt: 1000,
  boundBy: 'ada@example.com',
  rules: builtinRules(),
};
const sid = sampleHeader.aisess.id;

test('every segment by default, with its prompt, paths labelled against the commit', async () => {
  const records = await attachRecords(base);
  assert.deepEqual(records.map((r) => r.id), [`${sid}:0`, `${sid}:1`, `${sid}:2`]);
  assert.equal(records[0]!.summary.title, 'add b');
  assert.equal(records[0]!.summary.durationMs, 3000);
  assert.equal(records[0]!.summary.time, sampleHeader.aisess.startedAt + 1000);
  assert.deepEqual(records[0]!.body.paths, [{ path: 'b.txt', blob: 'b1', status: 'modified', bound: 'full' }]);
  assert.deepEqual(records[1]!.body.paths, [{ path: 'c.txt', blob: 'c1', status: 'modified', bound: 'partial' }]);
  assert.equal(records[2]!.summary.files, 0);
  assert.equal(records[0]!.body.boundAt, 1000);
  assert.equal(records[0]!.body.commit.id, 'c0ffee');
});

test('chosen segments only; existing bound times are kept so a second attach is identical', async () => {
  const [one] = await attachRecords({ ...base, segments: [1], existing: new Map([[`${sid}:1`, { boundAt: 5, boundBy: null }]]) });
  assert.equal(one!.id, `${sid}:1`);
  assert.equal(one!.body.boundAt, 5);
  assert.equal(one!.body.boundBy, null);
});

test('unknown segments and empty recordings are user errors', async () => {
  // Indexes from 0 inside; the message counts from 1 as people do.
  await assert.rejects(attachRecords({ ...base, segments: [1, 7] }), /has no segment 8/);
  await assert.rejects(attachRecords({ ...base, all: [] }), /has no events to attach/);
});

const prompts: { name: string; events: JournalEvent[]; expected: string | null }[] = [
  { name: 'agent prompt event wins', events: [{ time: 0, code: 'i', data: 'typed\r' }, { time: 1, code: 'aisess.agent', data: '{"kind":"prompt","text":"  fix\\n the tests "}' }], expected: 'fix the tests' },
  { name: 'typed line up to Enter', events: [{ time: 0, code: 'i', data: 'hel' }, { time: 1, code: 'i', data: 'lo\rmore\r' }], expected: 'hello' },
  { name: 'empty Enters skipped, escapes dropped', events: [{ time: 0, code: 'i', data: '\r\x1b[Ago\r' }], expected: 'go' },
  { name: 'unterminated input counts', events: [{ time: 0, code: 'i', data: 'half' }], expected: 'half' },
  { name: 'nothing typed', events: [{ time: 0, code: 'o', data: 'out' }, { time: 0, code: 'aisess.agent', data: 'not json' }], expected: null },
];
for (const row of prompts) test(`firstPrompt: ${row.name}`, () => assert.equal(firstPrompt(row.events), row.expected));
