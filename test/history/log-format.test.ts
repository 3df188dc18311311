import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LogEntry } from '../../src/history/log.js';
import { formatLogLines, splitAgent, summarize } from '../../src/history/log-format.js';

process.env.TZ = 'UTC';
const at = Date.UTC(2026, 0, 2, 3, 4);
const entries: LogEntry[] = [
  {
    commit: 'a'.repeat(40), short: 'aaaaaaa', date: at,
    records: [
      { id: 's:1', summary: { time: at + 60_000, agent: 'codex/gpt-5-codex', durationMs: 5_000, title: 'second', files: 1 } },
      { id: 's:0', summary: { time: at, agent: 'claude', durationMs: 192_000, title: '', files: 2 } },
      { id: 'x:0', summary: null },
    ],
  },
  { commit: 'b'.repeat(40), short: 'bbbbbbb', date: at, records: [{ id: 'y:0', summary: null }] },
];

test('summarize: agents in time order, total duration, first non-empty title, unknown records counted', () => {
  const s = summarize(entries[0]!);
  assert.deepEqual(s.agents, ['claude', 'codex']);
  assert.deepEqual(s.models, ['gpt-5-codex']);
  assert.equal(s.records[0]!.model, 'gpt-5-codex');
  assert.equal(s.records[0]!.agent, 'codex');
  assert.equal(s.segments, 3);
  assert.equal(s.durationMs, 197_000);
  assert.equal(s.title, 'second');
  assert.equal(s.date, '2026-01-02T03:04:00.000Z');
  assert.deepEqual(s.records[2], { id: 'x:0', time: null, agent: null, model: null, durationMs: null, title: null, files: null });
});

test('formatLogLines: aligned columns, placeholders for the unknown', () => {
  assert.deepEqual(formatLogLines(entries), [
    'aaaaaaa  2026-01-02 03:04  claude,codex  gpt-5-codex  3 segments  3m17s  second',
    'bbbbbbb  2026-01-02 03:04  ?             -            1 segment   0s     -',
  ]);
});

const split: [string, [string, string | undefined]][] = [
  ['claude', ['claude', undefined]],
  ['claude/claude-sonnet-4-5', ['claude', 'claude-sonnet-4-5']],
  ['codex/openai/gpt-5', ['codex', 'openai/gpt-5']],
];
for (const [word, expected] of split) test(`splitAgent ${word}`, () => assert.deepEqual(splitAgent(word), expected));
