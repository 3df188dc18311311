import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JournalEvent } from '../../src/journal/events.js';
import { creditChanges, samePath, type CreditOptions } from '../../src/segment/attribution.js';
import { journalChanges } from '../../src/segment/worktree-data.js';
import { base, o, sessionEvents, w } from './fixtures.js';

const agent = (value: Record<string, unknown>) => (time: number) => ({ time, code: 'aisess.agent', data: JSON.stringify(value) });
const session = agent({ kind: 'session', agent: 'claude', id: 'S1', resume: 'claude --resume S1' });
const prompt = (text: string) => agent({ kind: 'prompt', text });
const edit = (path: string) => agent({ kind: 'file_edit', path, change: 'edited', added: 1, removed: 0 });

/** The event as journalled with `ago`: it happened that many seconds before its journal time. */
const ago = (step: (t: number) => JournalEvent, seconds: number) => (t: number): JournalEvent => {
  const e = step(t);
  return { ...e, data: JSON.stringify({ ...JSON.parse(e.data), ago: seconds }) };
};
const bash = (id: string, command: string) => agent({ kind: 'tool_call', id, name: 'Bash', args: { command } });
const result = (id: string) => agent({ kind: 'tool_result', id, ok: true });

/** A change written at `writtenAt` seconds (its mtime, with the session starting at 0). */
const wrote = (path: string, writtenAt?: number) => (t: number): JournalEvent => ({
  time: t,
  code: 'aisess.worktree',
  data: JSON.stringify({ paths: [{ path, blob: `${path}@${t}`, status: 'modified', ...(writtenAt !== undefined && { mtime: writtenAt * 1000 }) }] }),
});
const call = (id: string, name: string, args: Record<string, string>) => agent({ kind: 'tool_call', id, name, args });
const done = (id: string, path?: string) => agent({ kind: 'tool_result', id, ok: true, ...(path && { path }) });

/** The paths of the changes the session can claim, in journal order. */
const credited = (events: ReturnType<typeof sessionEvents>, opts: Partial<CreditOptions> = {}) => {
  const { byOrdinal } = journalChanges(events);
  const keys = creditChanges(events, byOrdinal, { startedAtMs: 0, ...opts });
  return [...byOrdinal.values()].flat().filter((c) => keys.has(c.key)).map((c) => c.path);
};

const table: { name: string; events: ReturnType<typeof sessionEvents>; opts?: Partial<CreditOptions>; expected: string[] }[] = [
  { name: 'no agent session: every change is the session\'s', events: sessionEvents(o('x'), w(['a', 'A1'], ['b', 'B1'])), expected: ['a', 'b'] },
  {
    name: 'an edit tool call names the path it wrote; another path changed at the same time is not the agent\'s',
    events: sessionEvents(session, call('t1', 'Write', { file_path: '/repo/a.js' }), wrote('a.js', 2.1), done('t1', '/repo/a.js'), wrote('b.js', 3.2)),
    expected: ['a.js'],
  },
  {
    name: 'the edit reported just after the watcher saw it counts',
    events: sessionEvents(session, wrote('src/a.js', 1.9), edit('/repo/src/a.js')),
    expected: ['src/a.js'],
  },
  {
    name: 'a hand edit of a file the agent edited earlier is not the agent\'s (no tool call wrote it then)',
    events: sessionEvents(session, call('t1', 'Edit', { file_path: '/repo/a.js' }), wrote('a.js', 2), done('t1', '/repo/a.js'), o('idle'), o('idle'), o('idle'), wrote('a.js', 7.5)),
    expected: ['a.js'],
  },
  {
    name: 'a shell tool call covers what was written while it ran, and nothing written seconds after it ended',
    events: sessionEvents(session, bash('t1', 'make'), wrote('x.o', 2), wrote('y.o', 3), result('t1'), o('idle'), o('idle'), o('idle'), wrote('late.o', 8.5)),
    expected: ['x.o', 'y.o'],
  },
  {
    name: 'a read-only shell call does not claim a hand edit made 2 s after it',
    events: sessionEvents(session, bash('t1', 'cat a.js'), result('t1'), o('idle'), o('idle'), wrote('a.js', 5.5)),
    expected: [],
  },
  {
    // The tool call reached the journal after the change (the tail is slower than the watcher).
    name: 'a shell tool call read after the change it made still covers it: transcript times count, not arrival',
    events: sessionEvents(session, ago(wrote('out.txt'), 0.5), ago(bash('t1', 'make'), 2), ago(result('t1'), 1.8)),
    expected: ['out.txt'],
  },
  {
    name: 'a shell tool call that started well after the file was written does not cover it',
    events: sessionEvents(session, o('x'), o('x'), wrote('before.txt', 0.2), o('x'), bash('t1', 'make')),
    expected: [],
  },
  {
    name: 'a deletion (no mtime) counts from when the watcher saw it, with its lag',
    events: sessionEvents(session, bash('t1', 'rm old.txt'), result('t1'), (t) => ({ time: t, code: 'aisess.worktree', data: '{"paths":[{"path":"old.txt","blob":null,"status":"deleted"}]}' })),
    expected: ['old.txt'],
  },
  {
    name: 'a command reported only with its result covers the moments before it',
    events: sessionEvents(session, wrote('out.log', 1.5), agent({ kind: 'command', command: 'npm i', exitCode: 0 })),
    expected: ['out.log'],
  },
  {
    name: 'a change newer than the transcript was read, while the agent is in a turn, is credited: its tool call may be on its way',
    events: sessionEvents(session, prompt('go'), ago(wrote('early.txt'), 0), o('x'), ago(wrote('late.txt'), 0)),
    opts: { transcriptReadTo: 3.5 },
    expected: ['late.txt'],
  },
  {
    name: 'an agent whose turn ended cannot have made a change, however fresh',
    events: sessionEvents(session, prompt('go'), agent({ kind: 'turn', edge: 'end' }), ago(wrote('theirs.txt'), 0)),
    opts: { transcriptReadTo: 0 },
    expected: [],
  },
  { name: 'a baseline is no change at all', events: sessionEvents(session, base(['dirty', 'D0'])), expected: [] },
];

for (const row of table) {
  test(`creditChanges: ${row.name}`, () => assert.deepEqual(credited(row.events, row.opts), row.expected));
}

const paths: [string, string, boolean][] = [
  ['/repo/a.js', 'a.js', true],
  ['a.js', 'sub/a.js', true],
  ['./a.js', 'sub/a.js', true],
  ['/repo/ba.js', 'a.js', false],
  ['/repo/a.js', 'b/a.js', false],
];
for (const [agentPath, treePath, expected] of paths) {
  test(`samePath ${agentPath} ~ ${treePath}`, () => assert.equal(samePath(agentPath, treePath), expected));
}
