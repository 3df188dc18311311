import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changeShape } from '../../src/segment/change-lines.js';
import { emptyLedger, type Ledger } from '../../src/segment/ledger.js';
import { applyPlan } from '../../src/segment/ledger-update.js';
import { expiredKeys, pendingChanges } from '../../src/segment/pending.js';
import { planBinding } from '../../src/segment/rules.js';
import { segmentSession } from '../../src/segment/segmenter.js';
import type { PathChange } from '../../src/segment/types.js';
import { agentEvent, answer, baseline, change, contents, prompt, text } from './content.js';
import { o, sessionEvents } from './fixtures.js';

interface Commit {
  id: string;
  /** path → [content in the first parent, content in the commit] (null: absent). */
  paths: Record<string, [string | null, string | null]>;
  merge?: boolean;
  /** Commits that no longer count when this one is bound (reset away, amended). */
  dead?: string[];
}

/** Binds each commit in turn; per commit "seg:full paths partial paths" or "seg:conv", and what still waits. */
function run(events: ReturnType<typeof sessionEvents>, commits: Commit[]): { bound: string[][]; pending: string[] } {
  const { segments } = segmentSession(events);
  const source = contents();
  const shape = (c: PathChange) => changeShape(c.before, c.blob, source);
  let ledger: Ledger = emptyLedger();
  const dead = new Set<string>();
  const bound: string[][] = [];
  for (const c of commits) {
    for (const d of c.dead ?? []) dead.add(d);
    const live = (id: string) => !dead.has(id);
    const commit = { id: c.id, merge: c.merge ?? false, paths: new Map(Object.entries(c.paths)) };
    const plan = planBinding({ segments, ledger, commit, shape, live, open: false });
    bound.push(plan.bound.map((b) => (b.conversation ? `${b.segment}:conv` : `${b.segment}:${b.taken.join('+')}${b.partial.length ? ` partial ${b.partial.join('+')}` : ''}`)));
    ledger = applyPlan(ledger, plan, c.id, segments);
  }
  const live = (id: string) => !dead.has(id);
  const pending = pendingChanges(segments, ledger, live).map((p) => `${p.segment}:${p.change.path}${p.lines ? ` ${p.lines.waiting}/${p.lines.of}` : ''}`);
  return { bound, pending };
}

const A0 = text('one', 'two', 'three');
const A1 = text('one', 'two (agent)', 'three');
const B0 = text('b');
const B1 = text('b', 'b (agent)');

const table: { name: string; events: ReturnType<typeof sessionEvents>; commits: Commit[]; expected: ReturnType<typeof run> }[] = [
  {
    name: 'edit A then B, one commit takes both',
    events: sessionEvents(o('p1'), change(['a', A0, A1]), o('p2'), change(['b', B0, B1])),
    commits: [{ id: 'c1', paths: { a: [A0, A1], b: [B0, B1] } }],
    expected: { bound: [['0:a', '1:b']], pending: [] },
  },
  {
    name: 'commit A only, then B',
    events: sessionEvents(o('p1'), change(['a', A0, A1]), o('p2'), change(['b', B0, B1])),
    commits: [{ id: 'c1', paths: { a: [A0, A1] } }, { id: 'c2', paths: { b: [B0, B1] } }],
    expected: { bound: [['0:a'], ['1:b']], pending: [] },
  },
  {
    name: 'agent turns: the rest of a bound turn goes with it, up to the next prompt',
    events: sessionEvents(o('welcome'), prompt('p1'), change(['a', A0, A1]), answer('done a'), o('typing p2'), prompt('p2'), change(['b', B0, B1]), answer('done b')),
    commits: [{ id: 'c1', paths: { a: [A0, A1] } }, { id: 'c2', paths: { b: [B0, B1] } }],
    expected: { bound: [['0:a', '1:conv'], ['2:b', '3:conv']], pending: [] },
  },
  {
    name: 'a turn that changed nothing goes with the next turn whose change binds, once',
    events: sessionEvents(prompt('p1'), change(['a', A0, A1]), answer('a done'), prompt('why?'), answer('because'), prompt('p3'), change(['b', B0, B1])),
    commits: [{ id: 'c1', paths: { a: [A0, A1] } }, { id: 'c2', paths: { b: [B0, B1] } }],
    expected: { bound: [['0:a', '1:conv'], ['2:conv', '3:b']], pending: [] },
  },
  {
    name: 'a talk-only turn bound to a commit a rebase left behind goes with the rebased commit',
    events: sessionEvents(prompt('p1'), change(['a', A0, A1]), prompt('why?'), answer('because'), prompt('p3'), change(['b', B0, B1])),
    commits: [{ id: 'c1', paths: { a: [A0, A1], b: [B0, B1] } }, { id: 'c1rebased', paths: { a: [A0, A1], b: [B0, B1] }, dead: ['c1'] }],
    expected: { bound: [['0:a', '1:conv', '2:b'], ['0:a', '1:conv', '2:b']], pending: [] },
  },
  {
    name: 'a segment of the turn that waits for its own change is not taken as conversation',
    events: sessionEvents(prompt('p1'), answer('editing'), change(['a', A0, A1]), answer('more'), change(['b', B0, B1])),
    commits: [{ id: 'c1', paths: { b: [B0, B1] } }],
    expected: { bound: [['1:b']], pending: ['0:a'] },
  },
  {
    name: 'an empty segment (no change, no agent event, no visible text) is never bound',
    events: sessionEvents(prompt('p1'), change(['a', A0, A1]), o('\x1b[?25l\x1b[2J'), agentEvent({ kind: 'usage', input: 1, output: 1 }), prompt('p2'), change(['b', B0, B1])),
    commits: [{ id: 'c1', paths: { a: [A0, A1], b: [B0, B1] } }],
    expected: { bound: [['0:a', '2:b']], pending: [] },
  },
  {
    name: 'partial staging in one file: the staged hunk binds partial, the rest later completes it',
    events: sessionEvents(o('p'), change(['a', text('1', '2', '3', '4', '5', '6'), text('1', 'X', '3', '4', '5', 'Y')])),
    commits: [
      { id: 'c1', paths: { a: [text('1', '2', '3', '4', '5', '6'), text('1', 'X', '3', '4', '5', '6')] } },
      { id: 'c2', paths: { a: [text('1', 'X', '3', '4', '5', '6'), text('1', 'X', '3', '4', '5', 'Y')] } },
    ],
    expected: { bound: [['0: partial a'], ['0:a']], pending: [] },
  },
  {
    name: 'partly staged: after the first commit the rest is listed as waiting, by lines',
    events: sessionEvents(o('p'), change(['a', text('1', '2', '3', '4', '5', '6'), text('1', 'X', '3', '4', '5', 'Y')])),
    commits: [{ id: 'c1', paths: { a: [text('1', '2', '3', '4', '5', '6'), text('1', 'X', '3', '4', '5', '6')] } }],
    expected: { bound: [['0: partial a']], pending: ['0:a 2/4'] },
  },
  {
    name: "the user's own pre-session hunk committed alone pulls no segment along",
    events: sessionEvents(baseline(['a', text('1', 'user', '3', '4', '5', '6')]), o('p'), change(['a', text('1', 'user', '3', '4', '5', '6'), text('1', 'user', '3', '4', '5', 'agent')])),
    commits: [{ id: 'c1', paths: { a: [text('1', '2', '3', '4', '5', '6'), text('1', 'user', '3', '4', '5', '6')] } }],
    expected: { bound: [[]], pending: ['0:a'] },
  },
  {
    name: 'committing only the later of two segments\' hunks in one file binds only the later',
    events: sessionEvents(
      prompt('first'), change(['a', text('1', '2', '3', '4', '5', '6'), text('1', 'first', '3', '4', '5', '6')]),
      prompt('second'), change(['a', text('1', 'first', '3', '4', '5', '6'), text('1', 'first', '3', '4', '5', 'second')]),
    ),
    commits: [{ id: 'c1', paths: { a: [text('1', '2', '3', '4', '5', '6'), text('1', '2', '3', '4', '5', 'second')] } }],
    expected: { bound: [['1:a']], pending: ['0:a'] },
  },
  {
    name: "a teammate's commit of the same file (other lines) gets nothing",
    events: sessionEvents(o('p'), change(['a', text('1', '2', '3', '4', '5'), text('1', 'agent', '3', '4', '5')])),
    commits: [{ id: 'pulled', paths: { a: [text('1', '2', '3', '4', '5'), text('1', '2', '3', '4', 'mate')] } }],
    expected: { bound: [[]], pending: ['0:a'] },
  },
  {
    name: 'a change rejected (file restored) is not bound to a later hand edit of the file',
    events: sessionEvents(o('p'), change(['a', A0, A1])),
    commits: [{ id: 'c1', paths: { a: [A0, text('one', 'two', 'three', 'by hand')] } }],
    expected: { bound: [[]], pending: ['0:a'] },
  },
  {
    name: 'coverage by a commit reset away is void: the recommit takes it again',
    events: sessionEvents(o('p'), change(['a', A0, A1])),
    commits: [{ id: 'c1', paths: { a: [A0, A1] } }, { id: 'c1again', paths: { a: [A0, A1] }, dead: ['c1'] }],
    expected: { bound: [['0:a'], ['0:a']], pending: [] },
  },
  {
    name: 'an amend that drops the file leaves the change waiting for the next commit of it',
    events: sessionEvents(o('p'), change(['a', A0, A1], ['b', B0, B1])),
    commits: [
      { id: 'c1', paths: { a: [A0, A1], b: [B0, B1] } },
      { id: 'c1amended', paths: { b: [B0, B1] }, dead: ['c1'] },
    ],
    expected: { bound: [['0:a+b'], ['0:b']], pending: ['0:a 2/2'] },
  },
  {
    name: 'a cherry-picked copy of a bound change gets it too; a revert gets nothing',
    events: sessionEvents(o('p'), change(['a', A0, A1])),
    commits: [
      { id: 'c1', paths: { a: [A0, A1] } },
      { id: 'revert', paths: { a: [A1, A0] } },
      { id: 'picked', paths: { a: [A0, A1] } },
    ],
    expected: { bound: [['0:a'], [], ['0:a']], pending: [] },
  },
  {
    name: 'a merge repeats its branch: it takes only what no live commit holds',
    events: sessionEvents(o('p1'), change(['a', A0, A1]), o('p2'), change(['b', B0, B1])),
    commits: [
      { id: 'c1', paths: { a: [A0, A1] } },
      { id: 'merge', merge: true, paths: { a: [A0, A1], b: [B0, B1] } },
    ],
    expected: { bound: [['0:a'], ['1:b']], pending: [] },
  },
  {
    name: 'deletions match a deleting commit; creations a creating one',
    events: sessionEvents(o('p'), change(['gone', A0, null], ['new', null, B1])),
    commits: [{ id: 'c1', paths: { gone: [A0, null], new: [null, B1] } }],
    expected: { bound: [['0:gone+new']], pending: [] },
  },
  {
    name: 'content without lines binds as a whole blob',
    events: sessionEvents(o('p'), change(['img', 'bin:0', 'bin:1'])),
    commits: [{ id: 'other', paths: { img: ['bin:0', 'bin:2'] } }, { id: 'c1', paths: { img: ['bin:2', 'bin:1'] } }],
    expected: { bound: [[], ['0:img']], pending: [] },
  },
  {
    name: 'a change journalled without what came before (older journals) binds as a whole blob',
    events: sessionEvents(o('p'), (t) => ({ time: t, code: 'aisess.worktree', data: '{"paths":[{"path":"a","blob":"x\\n","status":"modified"}]}' })),
    commits: [{ id: 'c1', paths: { a: ['w\n', 'x\n'] } }],
    expected: { bound: [['0:a']], pending: [] },
  },
  {
    name: 'binding the same commit twice binds no conversation twice and no change twice',
    events: sessionEvents(prompt('p'), change(['a', A0, A1]), answer('done')),
    commits: [{ id: 'c1', paths: { a: [A0, A1] } }, { id: 'c1', paths: { a: [A0, A1] } }],
    expected: { bound: [['0:a', '1:conv'], ['0:a']], pending: [] },
  },
];

for (const row of table) {
  test(`planBinding: ${row.name}`, () => {
    assert.deepEqual(run(row.events, row.commits), row.expected);
  });
}

test('expiredKeys: changes older than the expiry stop waiting', () => {
  const { segments } = segmentSession(sessionEvents(change(['a', A0, A1]), change(['b', B0, B1])));
  const pending = pendingChanges(segments, emptyLedger(), () => true);
  const startedAt = 1_000_000;
  // Segment 0 ended at 1 s, segment 1 at 2 s; now is 1.5 s past the expiry of segment 0.
  const now = startedAt + 1000 + 10_000 + 500;
  assert.deepEqual(expiredKeys(segments, pending, startedAt, now, 10_000), ['0:a']);
});
