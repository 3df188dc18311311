import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applySettled, expired, pendingChanges } from '../../src/segment/pending.js';
import { planBinding } from '../../src/segment/rules.js';
import { baselineOf, segmentSession } from '../../src/segment/segmenter.js';
import { emptyLedger, type Ledger } from '../../src/segment/types.js';
import { base, o, sessionEvents, w } from './fixtures.js';

const prompt = (text: string) => (time: number) => ({ time, code: 'aisess.agent', data: JSON.stringify({ kind: 'prompt', text }) });
const answer = (text: string) => (time: number) => ({ time, code: 'aisess.agent', data: JSON.stringify({ kind: 'answer', text }) });

interface Commit {
  id: string;
  /** What the commit changed: path → new blob (null: deleted). */
  diff: Record<string, string | null>;
  /** The commit's tree for paths it did not change (for revert detection). */
  tree?: Record<string, string | null>;
}

/** Binds each commit in turn; returns, per commit, "seg:taken|partial|conv" strings, and what still waits. */
function run(events: ReturnType<typeof sessionEvents>, commits: Commit[]): { bound: string[][]; pending: string[] } {
  const segments = segmentSession(events);
  const baseline = baselineOf(events);
  let ledger: Ledger = emptyLedger();
  const bound: string[][] = [];
  for (const c of commits) {
    const diff = new Map(Object.entries(c.diff));
    const tree = new Map(Object.entries({ ...c.tree, ...c.diff }));
    const plan = planBinding({ segments, ledger, commit: { id: c.id, paths: diff }, tree, baseline });
    bound.push(
      plan.bound.map((b) =>
        b.conversation ? `${b.segment}:conv` : [`${b.segment}:`, b.taken.join('+'), b.partial.length ? ` partial ${b.partial.join('+')}` : ''].join(''),
      ),
    );
    ledger = applySettled(ledger, plan.settle, plan.bound.map((b) => ({ segment: b.segment, commit: c.id })));
  }
  const pending = pendingChanges(segments, ledger).map((p) => `${p.segment}:${p.path}=${p.blob}`);
  return { bound, pending };
}

const table: { name: string; events: ReturnType<typeof sessionEvents>; commits: Commit[]; expected: ReturnType<typeof run> }[] = [
  {
    name: 'edit A then B, one commit takes both',
    events: sessionEvents(o('p1'), w(['a', 'A1']), o('p2'), w(['b', 'B1'])),
    commits: [{ id: 'c1', diff: { a: 'A1', b: 'B1' } }],
    expected: { bound: [['0:a', '1:b']], pending: [] },
  },
  {
    name: 'agent turns: the rest of a bound turn goes with it, up to the next prompt',
    events: sessionEvents(o('welcome'), prompt('p1'), w(['a', 'A1']), answer('done a'), o('typing p2'), prompt('p2'), w(['b', 'B1']), answer('done b')),
    // segments: 0 p1 welcome a | 1 done a | 2 p2 typing b | 3 done b (a turn starts where the previous one's work
    // ended, so the screen before the first prompt and the typing of the next one go with the prompt's turn)
    commits: [
      { id: 'c1', diff: { a: 'A1' } },
      { id: 'c2', diff: { b: 'B1' } },
    ],
    expected: { bound: [['0:a', '1:conv'], ['2:b', '3:conv']], pending: [] },
  },
  {
    name: 'agent turns: a segment of the turn that waits for its own change is not taken as conversation',
    events: sessionEvents(o('welcome'), prompt('p1'), answer('editing'), w(['a', 'A1']), answer('more'), w(['x', 'X1'])),
    // segments: 0 p1 welcome editing a | 1 more x (the screen before the first prompt is its turn's)
    commits: [{ id: 'c1', diff: { x: 'X1' } }],
    expected: { bound: [['1:x']], pending: ['0:a=A1'] },
  },
  {
    name: 'without prompts (a terminal-only session) a trailing segment stays out',
    events: sessionEvents(o('p1'), w(['a', 'A1']), o('tail')),
    commits: [{ id: 'c1', diff: { a: 'A1' } }],
    expected: { bound: [['0:a']], pending: [] },
  },
  {
    name: 'commit A only, then B',
    events: sessionEvents(o('p1'), w(['a', 'A1']), o('p2'), w(['b', 'B1'])),
    commits: [
      { id: 'c1', diff: { a: 'A1' } },
      { id: 'c2', diff: { b: 'B1' } },
    ],
    expected: { bound: [['0:a'], ['1:b']], pending: [] },
  },
  {
    name: 'a change then a revert: nothing binds, nothing waits',
    events: sessionEvents(o('p1'), w(['a', 'A1']), o('undo'), w(['a', 'A0']), o('p3'), w(['b', 'B1'])),
    commits: [{ id: 'c1', diff: { b: 'B1' }, tree: { a: 'A0' } }],
    expected: { bound: [['2:b']], pending: [] },
  },
  {
    name: 'a revert of a file dirty at start goes back to the baseline, not to the tree',
    events: sessionEvents(base(['d', 'D0']), w(['d', 'D1']), w(['d', 'D0']), w(['b', 'B1'])),
    commits: [{ id: 'c1', diff: { b: 'B1' }, tree: { d: 'DHEAD' } }],
    expected: { bound: [['2:b']], pending: [] },
  },
  {
    name: 'the talk before a change is part of its segment; the tail after the last change does not bind',
    events: sessionEvents(o('p1'), w(['a', 'A1']), o('chat'), (t) => ({ time: t, code: 'm', data: 'x' }), o('more'), w(['b', 'B1']), o('tail')),
    commits: [{ id: 'c1', diff: { a: 'A1', b: 'B1' } }],
    expected: { bound: [['0:a', '1:b']], pending: [] },
  },
  {
    name: 'conversation segments (no change) between two bound changes are bound',
    events: sessionEvents(w(['a', 'A1']), o('q'), w(['x', 'X1']), w(['x', 'X0']), w(['b', 'B1'])),
    commits: [{ id: 'c1', diff: { a: 'A1', b: 'B1' }, tree: { x: 'X0' } }],
    expected: { bound: [['0:a', '1:conv', '2:conv', '3:b']], pending: [] },
  },
  {
    name: 'a segment with changes not in the commit stays out of the conversation',
    events: sessionEvents(w(['a', 'A1']), w(['c', 'C1']), w(['b', 'B1'])),
    commits: [
      { id: 'c1', diff: { a: 'A1', b: 'B1' } },
      { id: 'c2', diff: { c: 'C1' } },
    ],
    expected: { bound: [['0:a', '2:b'], ['1:c']], pending: [] },
  },
  {
    name: 'partial staging: the segment binds, and again with the commit that takes the rest',
    events: sessionEvents(o('p'), w(['a', 'A2'], ['b', 'B1'])),
    commits: [
      { id: 'c1', diff: { a: 'A1half' } },
      { id: 'c2', diff: { a: 'A2', b: 'B1' } },
    ],
    expected: { bound: [['0: partial a'], ['0:a+b']], pending: [] },
  },
  {
    name: 'some paths of a segment not in the commit: they wait for the next',
    events: sessionEvents(w(['a', 'A1'], ['b', 'B1'])),
    commits: [
      { id: 'c1', diff: { a: 'A1' } },
      { id: 'c2', diff: { b: 'B1' } },
    ],
    expected: { bound: [['0:a'], ['0:b']], pending: [] },
  },
  {
    name: 'an unrelated commit gets nothing',
    events: sessionEvents(w(['a', 'A1'])),
    commits: [{ id: 'c1', diff: { other: 'O1' }, tree: { a: 'A0' } }],
    expected: { bound: [[]], pending: ['0:a=A1'] },
  },
  {
    name: 'files dirty at start and committed untouched are not the session\'s',
    events: sessionEvents(base(['d', 'D1']), o('p'), w(['a', 'A1'])),
    commits: [{ id: 'c1', diff: { d: 'D1' } }],
    expected: { bound: [[]], pending: ['0:a=A1'] },
  },
  {
    name: 'a superseded change goes with the later one the commit took',
    events: sessionEvents(w(['a', 'A1']), w(['b', 'B1']), w(['a', 'A2'])),
    commits: [{ id: 'c1', diff: { a: 'A2', b: 'B1' } }],
    expected: { bound: [['0:a', '1:b', '2:a']], pending: [] },
  },
  {
    name: 'a commit of the intermediate state leaves the later change waiting',
    events: sessionEvents(w(['a', 'A1']), w(['a', 'A2'])),
    commits: [{ id: 'c1', diff: { a: 'A1' } }],
    expected: { bound: [['0:a']], pending: ['1:a=A2'] },
  },
  {
    name: 'deletions match a deleting commit',
    events: sessionEvents(w(['gone', null])),
    commits: [{ id: 'c1', diff: { gone: null } }],
    expected: { bound: [['0:gone']], pending: [] },
  },
  {
    name: 'binding the same commit twice binds nothing the second time',
    events: sessionEvents(w(['a', 'A2'], ['b', 'B1'])),
    commits: [
      { id: 'c1', diff: { a: 'A1half', b: 'B1' } },
      { id: 'c1', diff: { a: 'A1half', b: 'B1' } },
    ],
    expected: { bound: [['0:b partial a'], []], pending: ['0:a=A2'] },
  },
];

for (const row of table) {
  test(`planBinding: ${row.name}`, () => {
    assert.deepEqual(run(row.events, row.commits), row.expected);
  });
}

test('expired: changes older than the expiry stop waiting', () => {
  const segments = segmentSession(sessionEvents(w(['a', 'A1']), w(['b', 'B1'])));
  const pending = pendingChanges(segments, emptyLedger());
  const startedAt = 1_000_000;
  // Segment 0 ended at 1 s, segment 1 at 2 s; now is 1.5 s past the expiry of segment 0.
  const now = startedAt + 1000 + 10_000 + 500;
  assert.deepEqual(expired(segments, pending, startedAt, now, 10_000), [{ segment: 0, path: 'a', blob: 'A1', commit: null }]);
});
