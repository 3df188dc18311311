/** Which commits take which turns of an imported session (src/import/plan.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EditContent } from '../../src/agents/edit-content.js';
import fc from 'fast-check';
import { containsAll, type PathDiff } from '../../src/import/match.js';
import { planSession, requiredEdits, type PlanCommit, type SessionEdit } from '../../src/import/plan.js';

const diff = (added: string[]): PathDiff => ({ blob: 'b', text: `${added.join('\n')}\n`, added, removed: [], deleted: false });
const content = (added: string[], removed: string[] = []): EditContent => ({ path: 'p', change: 'edited', added, removed });
const at = 1_000_000;
const commit = (id: string, paths: Record<string, string[]>, time = at + 1000): PlanCommit =>
  ({ id, time, paths: new Map(Object.entries(paths).map(([p, added]) => [p, diff(added)])) });
const turns = (n: number, edited: number[]) => Array.from({ length: n }, (_, i) => ({ index: i, recorded: false, edited: edited.includes(i) }));

test('plan: a path is full on the commit that completes it, partial before; talk goes with the next turn that binds', () => {
  const edits: SessionEdit[] = [
    { turn: 1, path: 'a', at, edit: content(['first line']) },
    { turn: 1, path: 'a', at, edit: content(['second line']) },
    { turn: 2, path: 'b', at, edit: content(['never committed']) },
  ];
  const plan = planSession(turns(3, [1, 2]), requiredEdits(edits), [commit('c1', { a: ['first line'] }), commit('c2', { a: ['second line'] })]);
  assert.deepEqual(plan.bindings, [
    { turn: 0, commit: 'c1', taken: [], partial: [], conversation: true },
    { turn: 1, commit: 'c1', taken: [], partial: ['a'], conversation: false },
    { turn: 1, commit: 'c2', taken: ['a'], partial: [], conversation: false },
  ]);
  assert.deepEqual(plan.unbound, [{ turn: 2, path: 'b', reason: 'no commit holds this edit' }]);
});

test('plan: lines a later edit rewrote need no commit; commits before the edit, and recorded turns, take nothing', () => {
  const edits: SessionEdit[] = [
    { turn: 0, path: 'a', at, edit: content(['x = 1']) },
    { turn: 1, path: 'a', at, edit: content(['x = 2'], ['x = 1']) },
  ];
  const required = requiredEdits(edits);
  assert.equal(required[0]!.required, null);
  assert.deepEqual(planSession(turns(2, [0, 1]), required, [commit('c', { a: ['x = 2'] })]).bindings,
    [{ turn: 1, commit: 'c', taken: ['a'], partial: [], conversation: false }]);
  const early = planSession(turns(2, [0, 1]), required, [commit('old', { a: ['x = 2'] }, at - 24 * 3_600_000)]);
  assert.deepEqual(early.bindings, []);
  const recorded = turns(2, [0, 1]).map((t) => ({ ...t, recorded: t.index === 1 }));
  assert.deepEqual(planSession(recorded, required, [commit('c', { a: ['x = 2'] })]), { bindings: [], unbound: [] });
});

test('plan: talk before a turn whose edits no commit holds waits with it, as a pending change keeps it', () => {
  const edits: SessionEdit[] = [
    { turn: 1, path: 'a', at, edit: content(['never committed']) },
    { turn: 3, path: 'b', at, edit: content(['committed']) },
  ];
  const plan = planSession(turns(4, [1, 3]), requiredEdits(edits), [commit('c', { b: ['committed'] })]);
  assert.deepEqual(plan.bindings.map((b) => `${b.turn}:${b.commit}${b.conversation ? ' talk' : ''}`), ['2:c talk', '3:c']);
  // A cherry-picked copy holds the edit again: it gets the turn too.
  const picked = planSession(turns(4, [1, 3]), requiredEdits(edits), [commit('c', { b: ['committed'] }), commit('pick', { b: ['committed'] })]);
  assert.deepEqual(picked.bindings.map((b) => `${b.turn}:${b.commit}${b.conversation ? ' talk' : ''}`), ['2:c talk', '3:c', '3:pick']);
});

test('plan: every path a turn binds on a commit is there because the commit adds all the lines of one of its edits', () => {
  const word = fc.constantFrom('alpha', 'beta', 'gamma', 'delta', '}', '');
  const editArb = fc.record({ turn: fc.nat(3), path: fc.constantFrom('a', 'b'), added: fc.array(word, { minLength: 1, maxLength: 3 }) });
  const commitArb = fc.record({ a: fc.array(word, { maxLength: 4 }), b: fc.array(word, { maxLength: 4 }) });
  fc.assert(fc.property(fc.array(editArb, { maxLength: 6 }), fc.array(commitArb, { maxLength: 4 }), (raw, rawCommits) => {
    const edits: SessionEdit[] = raw.map((e) => ({ turn: e.turn, path: e.path, at, edit: content(e.added) }));
    const commits = rawCommits.map((c, i) => commit(`c${i}`, c));
    const plan = planSession(turns(4, [...new Set(raw.map((e) => e.turn))]), requiredEdits(edits), commits);
    for (const b of plan.bindings.filter((x) => !x.conversation)) {
      const c = commits.find((x) => x.id === b.commit)!;
      for (const path of [...b.taken, ...b.partial]) {
        const have = c.paths.get(path)!.added;
        assert.ok(edits.some((e) => e.turn === b.turn && e.path === path && containsAll(have, e.edit.added)), `${b.commit} ${path}`);
      }
    }
  }));
});
