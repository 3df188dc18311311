import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attributeChanges, samePath } from '../../src/segment/attribution.js';
import { parseWorktreeData } from '../../src/segment/worktree-data.js';
import { base, o, sessionEvents, w } from './fixtures.js';

const agent = (value: Record<string, unknown>) => (time: number) => ({ time, code: 'aisess.agent', data: JSON.stringify(value) });
const session = agent({ kind: 'session', agent: 'claude', id: 'S1', resume: 'claude --resume S1' });
const edit = (path: string) => agent({ kind: 'file_edit', path, change: 'edited', added: 1, removed: 0 });

/** The paths each remaining worktree event keeps ('base:' for a baseline). */
const kept = (events: ReturnType<typeof sessionEvents>) =>
  attributeChanges(events).filter((e) => e.code === 'aisess.worktree').map((e) => {
    const d = parseWorktreeData(e.data);
    return `${d.baseline ? 'base:' : ''}${d.changes.map((c) => c.path).join('+')}`;
  });

const table: { name: string; events: ReturnType<typeof sessionEvents>; expected: string[] }[] = [
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
];

for (const row of table) {
  test(`attributeChanges: ${row.name}`, () => assert.deepEqual(kept(row.events), row.expected));
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
