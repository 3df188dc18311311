/**
 * Scenario table, commits in quick succession after a session: each commit gets the segments whose
 * changes its own diff holds, however fast the commits follow each other and wherever HEAD goes next
 * (the hook binds the commit that fired it; every bind catches up the worktree's reflog in order).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pendingIn, setup, shell } from '../helpers/scenario.js';
import { assertRecords, Labels, segmentsOf, session, turns, waiting } from './binding-harness.js';

test('1a. a then b committed back to back in one shell: each commit gets its own segment', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup();
  await session(t, sb, repo, turns(['a.txt', 'b.txt']));
  const labels = new Labels();
  const seg = segmentsOf(await pendingIn(sb, repo));
  const [a, b] = [seg('a.txt')[0]!, seg('b.txt')[0]!];
  assert.ok(a < b);
  await shell(sb, repo, 'git add a.txt && git commit -qm a && git add b.txt && git commit -qm b');
  await assertRecords(sb, repo, labels, {
    'HEAD~1': { changed: [`S:${a} a.txt:full`], talk: [a, b], says: [/ANSWER-1/], never: [/turn 2|ANSWER-2/] },
    HEAD: { changed: [`S:${b} b.txt:full`], talk: [b, Infinity], says: [/ANSWER-2/], never: [/turn 1|ANSWER-1/] },
  });
  assert.deepEqual(await waiting(sb, repo, labels), []);
});

test('1b. commit, move HEAD away at once, commit on the other branch, move back: each gets its own', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup();
  await session(t, sb, repo, turns(['a.txt', 'b.txt']));
  const labels = new Labels();
  const seg = segmentsOf(await pendingIn(sb, repo));
  const [a, b] = [seg('a.txt')[0]!, seg('b.txt')[0]!];
  await shell(sb, repo, 'git add a.txt && git commit -qm a && git checkout -qb other && git add b.txt && git commit -qm b && git checkout -q main');
  await assertRecords(sb, repo, labels, {
    main: { changed: [`S:${a} a.txt:full`], talk: [a, b], never: [/ANSWER-2/] },
    other: { changed: [`S:${b} b.txt:full`], talk: [b, Infinity], never: [/ANSWER-1/] },
  });
  assert.deepEqual(await waiting(sb, repo, labels), []);
});

test('1c. five files in five turns, five quick commits: each commit gets exactly its own segment', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup();
  const files = ['f1.txt', 'f2.txt', 'f3.txt', 'f4.txt', 'f5.txt'];
  await session(t, sb, repo, turns(files));
  const labels = new Labels();
  const seg = segmentsOf(await pendingIn(sb, repo));
  const idx = files.map((f) => seg(f)[0]!);
  assert.deepEqual([...idx].sort((x, y) => x - y), idx, 'one segment per turn, in order');
  await shell(sb, repo, 'for i in 1 2 3 4 5; do git add f$i.txt && git commit -qm f$i || exit 1; done');
  const table = Object.fromEntries(files.map((f, i) => [
    `HEAD~${4 - i}`,
    { changed: [`S:${idx[i]} ${f}:full`], talk: [idx[i]!, idx[i + 1] ?? Infinity] as [number, number], says: [new RegExp(`ANSWER-${i + 1}`)] },
  ]));
  await assertRecords(sb, repo, labels, table);
  assert.deepEqual(await waiting(sb, repo, labels), []);
});

test('1f. a commit whose hook never ran (hooks off for that commit): the next commit\'s hook binds both, each its own', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup();
  await session(t, sb, repo, turns(['a.txt', 'b.txt']));
  const labels = new Labels();
  const seg = segmentsOf(await pendingIn(sb, repo));
  const [a, b] = [seg('a.txt')[0]!, seg('b.txt')[0]!];
  // No `aisess status` before the records are read: only the second commit's hook can have bound the first.
  await shell(sb, repo, 'git -c core.hooksPath=/dev/null commit -qm a -- a.txt && git commit -qm b -- b.txt');
  await assertRecords(sb, repo, labels, {
    'HEAD~1': { changed: [`S:${a} a.txt:full`], talk: [a, b], says: [/ANSWER-1/] },
    HEAD: { changed: [`S:${b} b.txt:full`], talk: [b, Infinity], says: [/ANSWER-2/] },
  });
  assert.deepEqual(await waiting(sb, repo, labels), []);
});
