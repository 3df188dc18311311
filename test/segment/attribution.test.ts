import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JournalEvent } from '../../src/journal/events.js';
import { attributeChanges, samePath, type AttributionOptions } from '../../src/segment/attribution.js';
import { parseWorktreeData } from '../../src/segment/worktree-data.js';
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

/** The paths each remaining worktree event keeps ('base:' for a baseline). */
const kept = (events: ReturnType<typeof sessionEvents>, opts: AttributionOptions = {}) =>
  attributeChanges(events, opts).filter((e) => e.code === 'aisess.worktree').map((e) => {
    const d = parseWorktreeData(e.data);
    return `${d.baseline ? 'base:' : ''}${d.changes.map((c) => c.path).join('+')}`;
  });

const table: { name: string; events: ReturnType<typeof sessionEvents>; opts?: AttributionOptions; expected: string[] }[] = [
  { name: 'no agent session: every change stays', events: sessionEvents(o('x'), w(['a', 'A1'], ['b', 'B1'])), expected: ['a+b'] },
  { name: 'agent session: only paths its agent edited', events: sessionEvents(session, edit('/repo/a.js'), w(['a.js', 'A1'], ['b.js', 'B1'])), expected: ['a.js'] },
  { name: 'the edit reported after the watcher saw it still counts', events: sessionEvents(session, w(['src/a.js', 'A1']), edit('/repo/src/a.js')), expected: ['src/a.js'] },
  { name: 'a change with none of ours is dropped whole', events: sessionEvents(session, w(['other.js', 'O1']), edit('/repo/a.js'), w(['a.js', 'A1'])), expected: ['a.js'] },
  { name: 'a baseline is never filtered', events: sessionEvents(session, base(['dirty', 'D0'])), expected: ['base:dirty'] },
  {
    name: 'a shell command since the previous change may have written anything',
    events: sessionEvents(session, agent({ kind: 'command', command: 'npm i', exitCode: 0 }), w(['package-lock.json', 'L1']), w(['other.js', 'O1'])),
    expected: ['package-lock.json'],
  },
  {
    name: 'a shell tool call still running covers every change until its result',
    events: sessionEvents(session, agent({ kind: 'tool_call', id: 't1', name: 'Bash', args: { command: 'make' } }), w(['x.o', 'X1']), w(['y.o', 'Y1']),
      agent({ kind: 'tool_result', id: 't1', ok: true }), w(['z.o', 'Z1']), w(['late.o', 'L1'])),
    expected: ['x.o', 'y.o', 'z.o'],
  },
  {
    // Was dropped: the tool call reached the journal after the change (the tail is slower than the watcher).
    name: 'a shell tool call read after the change it made still covers it: transcript times count, not arrival',
    events: sessionEvents(session, ago(w(['out.txt', 'O1']), 0.5), ago(bash('t1', 'make'), 2), ago(result('t1'), 1.8)),
    expected: ['out.txt'],
  },
  {
    name: 'a shell tool call that started after the change happened does not cover it',
    events: sessionEvents(session, ago(w(['before.txt', 'B1']), 0.5), ago(bash('t1', 'make'), 1)),
    expected: [],
  },
  {
    name: 'a change newer than the transcript was read, while the agent is in a turn, is kept: its tool call may be on its way',
    events: sessionEvents(session, prompt('go'), ago(w(['early.txt', 'E1']), 0), o('x'), ago(w(['late.txt', 'L1']), 0)),
    opts: { transcriptReadTo: 3.5 },
    expected: ['late.txt'],
  },
  {
    name: 'an agent whose turn ended cannot have made a change, however fresh',
    events: sessionEvents(session, prompt('go'), agent({ kind: 'turn', edge: 'end' }), ago(w(['theirs.txt', 'T1']), 0)),
    opts: { transcriptReadTo: 0 },
    expected: [],
  },
];

for (const row of table) {
  test(`attributeChanges: ${row.name}`, () => assert.deepEqual(kept(row.events, row.opts), row.expected));
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
