/**
 * Scenario table, history edits after binding: coverage by a commit that is no longer reachable is
 * void (the change binds again to the commit that holds it now); records a rewrite copied to a
 * commit that does not hold their changes are removed from it; a cherry-picked copy gets the
 * segment too, a revert gets nothing. Rebases: binding-rebase.test.ts.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeTree } from '../helpers/git.js';
import { pendingIn, setup, sh, shell } from '../helpers/scenario.js';
import { assertRecords, Labels, segmentsOf, session, turns, waiting } from './binding-harness.js';

test('3a. an amend that drops a bound file: its segment leaves the amended commit and binds to the later commit of the file', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup();
  await session(t, sb, repo, turns(['a.txt', 'b.txt']));
  const labels = new Labels();
  const seg = segmentsOf(await pendingIn(sb, repo));
  const [a, b] = [seg('a.txt')[0]!, seg('b.txt')[0]!];
  await sh(sb, repo, ['commit', '-qam', 'a and b']);
  await assertRecords(sb, repo, labels, { HEAD: { changed: [`S:${a} a.txt:full`, `S:${b} b.txt:full`], talk: [a, Infinity] } });
  await shell(sb, repo, "git reset -q HEAD^ -- b.txt && git commit -q --amend -m 'a only'");
  assert.equal(await sh(sb, repo, ['diff', '--name-only', 'HEAD^', 'HEAD']), 'a.txt');
  await assertRecords(sb, repo, labels, { HEAD: { changed: [`S:${a} a.txt:full`], talk: [a, b], says: [/ANSWER-1/], never: [/ANSWER-2/] } });
  assert.deepEqual(await waiting(sb, repo, labels), [`S:${b}:b.txt`]);
  await sh(sb, repo, ['commit', '-qam', 'b']);
  await assertRecords(sb, repo, labels, {
    'HEAD~1': { changed: [`S:${a} a.txt:full`], talk: [a, b], never: [/ANSWER-2/] },
    HEAD: { changed: [`S:${b} b.txt:full`], talk: [b, Infinity], says: [/ANSWER-2/], never: [/ANSWER-1/] },
  });
  assert.deepEqual(await waiting(sb, repo, labels), []);
});

test('3b. reset --soft HEAD~1 and commit again: the new commit gets the segment', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup();
  await session(t, sb, repo, turns(['a.txt']));
  const labels = new Labels();
  const entries = await pendingIn(sb, repo);
  const a = segmentsOf(entries)('a.txt')[0]!;
  await sh(sb, repo, ['commit', '-qam', 'a']);
  await assertRecords(sb, repo, labels, { HEAD: { changed: [`S:${a} a.txt:full`], talk: [a, Infinity] } });
  assert.deepEqual(await waiting(sb, repo, labels), []);
  // Nothing waits, yet the finished session stays marked (for a day after its last bind): a reset may still move what it bound.
  assert.ok(existsSync(join(repo, '.git', 'aisess', 'pending', `${entries[0]!.session}.json`)), 'the session stays marked');
  await shell(sb, repo, "git reset -q --soft HEAD~1 && git commit -qm 'a, again'");
  await assertRecords(sb, repo, labels, {
    'HEAD~1': { changed: [] },
    HEAD: { changed: [`S:${a} a.txt:full`], talk: [a, Infinity], says: [/ANSWER-1/] },
  });
  assert.deepEqual(await waiting(sb, repo, labels), []);
});

test('3c. a cherry-picked copy of an annotated commit on another branch gets the same segment', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup();
  await session(t, sb, repo, turns(['a.txt']));
  const labels = new Labels();
  const a = segmentsOf(await pendingIn(sb, repo))('a.txt')[0]!;
  await shell(sb, repo, 'git checkout -qb topic && git commit -qam a && git checkout -q main');
  await assertRecords(sb, repo, labels, { topic: { changed: [`S:${a} a.txt:full`], talk: [a, Infinity] } });
  writeTree(repo, { 'm.txt': 'on main, by hand\n' });
  await shell(sb, repo, 'git add m.txt && git commit -qm m && git cherry-pick topic >/dev/null');
  assert.notEqual(await sh(sb, repo, ['rev-parse', 'main']), await sh(sb, repo, ['rev-parse', 'topic']));
  await assertRecords(sb, repo, labels, {
    topic: { changed: [`S:${a} a.txt:full`], talk: [a, Infinity] },
    'main~1': { changed: [] },
    main: { changed: [`S:${a} a.txt:full`], talk: [a, Infinity], says: [/ANSWER-1/] },
  });
  assert.deepEqual(await waiting(sb, repo, labels), []);
});

test('3d. a revert of an annotated commit gets nothing', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup();
  await session(t, sb, repo, turns(['a.txt']));
  const labels = new Labels();
  const a = segmentsOf(await pendingIn(sb, repo))('a.txt')[0]!;
  await sh(sb, repo, ['commit', '-qam', 'a']);
  await assertRecords(sb, repo, labels, { HEAD: { changed: [`S:${a} a.txt:full`], talk: [a, Infinity] } });
  await shell(sb, repo, 'git revert --no-edit HEAD >/dev/null');
  await assertRecords(sb, repo, labels, {
    'HEAD~1': { changed: [`S:${a} a.txt:full`], talk: [a, Infinity] },
    HEAD: { changed: [] },
  });
  assert.deepEqual(await waiting(sb, repo, labels), []);
});
