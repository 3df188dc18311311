/**
 * Model-based test of the binding rules: random histories of agent edits, hand edits, partial
 * stages, restores, commits, amends, soft resets and revert commits of two files, checked commit by commit against
 * an oracle that knows each line by a unique token. The oracle's rule is the spec's: a segment
 * belongs to exactly the commits whose own diff holds some of its lines (an added line present in the
 * commit and absent from its parent, a removed line the other way round); it is 'full' there when its
 * lines are all held by that commit or by earlier commits that still count, or already in its parent,
 * or were undone by a later change of the session (they can reach no commit). The rules under test work
 * on text (line alignment), the oracle on token sets: they must agree. fast-check shrinks a failure
 * to a minimal history.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { changeShape } from '../../src/segment/change-lines.js';
import { emptyLedger, type Ledger } from '../../src/segment/ledger.js';
import { applyPlan } from '../../src/segment/ledger-update.js';
import { pendingChanges } from '../../src/segment/pending.js';
import { planBinding } from '../../src/segment/rules.js';
import { segmentSession } from '../../src/segment/segmenter.js';
import type { PathChange } from '../../src/segment/types.js';
import type { JournalEvent } from '../../src/journal/events.js';
import { align, LineTable } from '../../src/segment/line-diff.js';
import { contents } from './content.js';

const FILES = ['f', 'g'] as const;
type File = (typeof FILES)[number];
type Text = string[];

type Op =
  | { kind: 'agent'; file: 0 | 1; at: number; edit: 'insert' | 'delete' | 'replace' }
  | { kind: 'hand'; file: 0 | 1; at: number; edit: 'insert' | 'delete' | 'replace' }
  | { kind: 'stage'; file: 0 | 1; pick: number }
  | { kind: 'commit' }
  | { kind: 'amend' }
  | { kind: 'reset' }
  | { kind: 'revert' }
  | { kind: 'restore'; file: 0 | 1 };

const edit = fc.constantFrom('insert', 'delete', 'replace') as fc.Arbitrary<'insert' | 'delete' | 'replace'>;
const file = fc.constantFrom(0, 1) as fc.Arbitrary<0 | 1>;
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('agent' as const), file, at: fc.nat(40), edit }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('hand' as const), file, at: fc.nat(40), edit }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('stage' as const), file, pick: fc.nat(255) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('commit' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('amend' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reset' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('revert' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restore' as const), file }) },
);

interface Commit {
  id: string;
  parent: Commit | null;
  tree: Record<File, Text>;
}

const blob = (t: Text): string => t.map((l) => `${l}\n`).join('');

function editText(t: Text, at: number, kind: 'insert' | 'delete' | 'replace', fresh: () => string): Text {
  const i = t.length ? at % (kind === 'insert' ? t.length + 1 : t.length) : 0;
  if (kind === 'insert' || t.length === 0) return [...t.slice(0, i), fresh(), ...t.slice(i)];
  if (kind === 'delete') return [...t.slice(0, i), ...t.slice(i + 1)];
  return [...t.slice(0, i), fresh(), ...t.slice(i + 1)];
}

/** Stages some of the worktree's differences from the index: each changed line kept or not by a bit of pick. */
function stageSome(index: Text, work: Text, pick: number): Text {
  const table = new LineTable();
  const { keptOld, keptNew } = align(table.intern(index), table.intern(work));
  const out: Text = [];
  let i = 0;
  let j = 0;
  let bit = 0;
  const take = () => ((pick >> bit++ % 8) & 1) === 1;
  while (i < index.length || j < work.length) {
    if (i < index.length && j < work.length && keptOld[i] && keptNew[j]) {
      out.push(index[i++]!);
      j++;
    } else if (i < index.length && !keptOld[i]) {
      if (!take()) out.push(index[i]!);
      i++;
    } else {
      if (take()) out.push(work[j]!);
      j++;
    }
  }
  return out;
}

interface SegmentTruth {
  index: number;
  file: File;
  added: Set<string>;
  removed: Set<string>;
  /** The file's lines after the change. */
  after: Set<string>;
}

/** The oracle: which tokens of a segment a commit's own diff holds. */
function held(s: SegmentTruth, parent: Text, commit: Text): Set<string> {
  const [p, c] = [new Set(parent), new Set(commit)];
  const out = new Set<string>();
  for (const t of s.added) if (c.has(t) && !p.has(t)) out.add(t);
  for (const t of s.removed) if (p.has(t) && !c.has(t)) out.add(t);
  return out;
}

export function simulate(ops: readonly Op[]): void {
  let n = 0;
  const fresh = () => `line-${n++}`;
  const start: Record<File, Text> = { f: [fresh(), fresh(), fresh()], g: [fresh(), fresh()] };
  let head: Commit = { id: 'c0', parent: null, tree: start };
  let index: Record<File, Text> = { ...start };
  let work: Record<File, Text> = { ...start };
  const events: JournalEvent[] = [];
  const truths: SegmentTruth[] = [];
  const dead = new Set<string>();
  const coverage = new Map<number, Map<string, Set<string>>>();
  let ledger: Ledger = emptyLedger();
  let commits = 0;
  const source = contents();
  const shape = (c: PathChange) => changeShape(c.before, c.blob, source);

  const bind = (commit: Commit) => {
    const { segments } = segmentSession(events, { frozen: ledger.frozen });
    const live = (id: string) => !dead.has(id);
    const paths = new Map<string, [string, string]>();
    for (const f of FILES) {
      const p = commit.parent?.tree[f] ?? [];
      if (blob(p) !== blob(commit.tree[f])) paths.set(f, [blob(p), blob(commit.tree[f])]);
    }
    const plan = planBinding({ segments, ledger, commit: { id: commit.id, merge: false, paths }, shape, live, open: false });
    const actual = plan.bound.filter((b) => !b.conversation).map((b) => `${b.segment}:${b.taken.length ? 'full' : 'partial'}`);
    const expected: string[] = [];
    for (const s of truths) {
      const here = held(s, commit.parent?.tree[s.file] ?? [], commit.tree[s.file]);
      if (here.size === 0) continue;
      const cov = coverage.get(s.index) ?? new Map<string, Set<string>>();
      coverage.set(s.index, cov);
      const before = new Set([...cov].filter(([c]) => c !== commit.id && live(c)).flatMap(([, t]) => [...t]));
      // A later change of the session that undid some of its lines: the commit completes it.
      const last = truths.filter((x) => x.file === s.file).at(-1)!;
      const undone = (t: string) => last !== s && (s.added.has(t) ? !last.after.has(t) : last.after.has(t));
      const parent = new Set(commit.parent?.tree[s.file] ?? []);
      const inParent = (t: string) => (s.added.has(t) ? parent.has(t) : !parent.has(t));
      const done = new Set([...s.added, ...s.removed].filter((t) => here.has(t) || ((undone(t) || inParent(t)) && !before.has(t))));
      const all = [...s.added, ...s.removed].every((t) => done.has(t) || before.has(t));
      cov.set(commit.id, done);
      expected.push(`${s.index}:${all ? 'full' : 'partial'}`);
    }
    assert.deepEqual(actual, expected, `commit ${commit.id}`);
    ledger = applyPlan(ledger, plan, commit.id, segments);
  };

  for (const o of ops) {
    if (o.kind === 'agent' || o.kind === 'hand') {
      const f = FILES[o.file];
      const before = work[f];
      const after = editText(before, o.at, o.edit, fresh);
      work = { ...work, [f]: after };
      if (o.kind === 'hand' || blob(before) === blob(after)) continue;
      const t = events.length + 1;
      events.push({ time: t, code: 'aisess.agent', data: JSON.stringify({ kind: 'prompt', text: `edit ${f}` }) });
      events.push({ time: t + 0.5, code: 'aisess.worktree', data: JSON.stringify({ paths: [{ path: f, before: blob(before), blob: blob(after), status: 'modified' }] }) });
      const added = new Set(after.filter((l) => !before.includes(l)));
      truths.push({ index: truths.length, file: f, added, removed: new Set(before.filter((l) => !after.includes(l))), after: new Set(after) });
    } else if (o.kind === 'stage') {
      const f = FILES[o.file];
      index = { ...index, [f]: stageSome(index[f], work[f], o.pick) };
    } else if (o.kind === 'restore') {
      const f = FILES[o.file];
      work = { ...work, [f]: index[f] };
    } else if (o.kind === 'commit') {
      head = { id: `c${++commits}`, parent: head, tree: { ...index } };
      bind(head);
    } else if (o.kind === 'amend' && head.parent) {
      dead.add(head.id);
      head = { id: `c${++commits}`, parent: head.parent, tree: { ...index } };
      bind(head);
    } else if (o.kind === 'revert' && head.parent) {
      // A commit undoing the last one (the index and the working tree keep what they have).
      head = { id: `c${++commits}`, parent: head, tree: { ...head.parent.tree } };
      bind(head);
    } else if (o.kind === 'reset' && head.parent) {
      dead.add(head.id);
      head = head.parent;
    }
  }
  // What waits is what no live commit holds in full.
  const { segments } = segmentSession(events, { frozen: ledger.frozen });
  const waiting = pendingChanges(segments, ledger, (id) => !dead.has(id)).map((p) => p.segment);
  const expectedWaiting = truths
    .filter((s) => {
      const cov = coverage.get(s.index);
      const got = new Set([...(cov ?? [])].filter(([c]) => !dead.has(c)).flatMap(([, t]) => [...t]));
      return [...s.added, ...s.removed].some((t) => !got.has(t));
    })
    .map((s) => s.index);
  assert.deepEqual(waiting, expectedWaiting, 'waiting');
}

test('binding rules agree with the line-token oracle on random histories', () => {
  fc.assert(fc.property(fc.array(op, { maxLength: 40 }), (ops) => simulate(ops)), { numRuns: 3000, includeErrorInReport: true });
});
