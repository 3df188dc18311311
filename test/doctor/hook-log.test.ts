import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { hookLogFailures } from '../../src/doctor/hook-log.js';

const T = (iso: string): number => Date.parse(iso);
const MTIME = T('2026-12-06T12:00:00.000Z');
const SINCE = T('2026-11-29T12:00:00.000Z');

test('hook.log: failures since the last successful bind, in the last week', () => {
  const rows: { log: string; want: { text: string; notFound: boolean }[] }[] = [
    { log: '', want: [] },
    { log: '2026-12-06T10:00:00.000Z post-commit 0123456789ab: bound S1 [0] in 80 ms\n', want: [] },
    {
      log: '2026-12-06T10:00:00.000Z post-commit failed: Error: boom\n    at bind (x.js:1:1)\n    at y\n',
      want: [{ text: 'post-commit failed: Error: boom', notFound: false }],
    },
    {
      log: '2026-12-06T10:00:00.000Z post-commit: session S1 not bound: disk full\n2026-12-06T10:01:00.000Z post-commit abc: bound S2 [1] in 9 ms\n',
      want: [],
    },
    { log: '2026-11-01T10:00:00.000Z post-commit failed: Error: old\n', want: [] },
    { log: 'aisess post-commit: aisess not found (/gone/main.js)\n', want: [{ text: 'aisess post-commit: aisess not found (/gone/main.js)', notFound: true }] },
    {
      log: 'file:///x/dist/chunk.js:3\nimport { compress } from "zstd-napi";\n\nError: Cannot find module zstd-napi\n    at y\n\nNode.js v20.20.2\n',
      want: [{ text: 'Error: Cannot find module zstd-napi', notFound: false }],
    },
    { log: '2026-12-06T10:00:00.000Z unknown hook \'pre-commit\' ignored\n', want: [{ text: "unknown hook 'pre-commit' ignored", notFound: false }] },
  ];
  for (const r of rows) assert.deepEqual(hookLogFailures(r.log, MTIME, SINCE).map((f) => ({ text: f.text, notFound: f.notFound })), r.want, r.log);
});

test('a line without a time is dated by the file: an old file has no recent failures', () => {
  assert.deepEqual(hookLogFailures('aisess post-commit: aisess not found (/x)\n', SINCE - 1, SINCE), []);
});

test('any log text gives failures without throwing, each with a one-line text', () => {
  fc.assert(fc.property(fc.string(), (text) => {
    for (const f of hookLogFailures(text, MTIME, 0)) assert.ok(!f.text.includes('\n'));
  }));
});
