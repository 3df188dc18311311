/**
 * `aisess rebind` with real git: records bound to a branch's commits are re-found after
 * `git merge --squash`, a rebase-merge and a force-push (the limits: rebind-limits.test.ts).
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { git, writeTree } from '../helpers/git.js';
import { bareRepo, bindRecord, cleanup, commit, edit, env, featureBranch, lines, newRepo, rebindJson, shownIds, squashMerge, tracked } from './rebind-harness.js';

after(cleanup);

test('git merge --squash of three commits: rebind attaches all three records to the squash commit, once', async () => {
  const cwd = newRepo();
  const olds = await featureBranch(cwd);
  git(cwd, ['checkout', '-q', 'main']);
  commit(cwd, { 'z.txt': 'z moved on\n' }, 'main moves');
  const squash = squashMerge(cwd, 'feature', 'feature (#3)');

  const dry = rebindJson(cwd, ['--dry-run']);
  assert.equal(dry.dryRun, true);
  assert.equal(dry.rebound.length, 3);
  const notedBefore = git(cwd, ['notes', '--ref=aisess', 'list']);
  assert.equal(notedBefore.split('\n').length, 3, 'a dry run writes nothing');

  const report = rebindJson(cwd);
  assert.deepEqual(report.rebound.map((m) => [m.from, m.to, m.rule, m.records]).sort(), olds.map((o, i) => [o, squash, 'contained', [`s1:${i}`]]).sort());
  assert.deepEqual(report.notFound, []);
  const shown = shownIds(cwd, squash);
  assert.deepEqual(shown.ids, ['s1:0', 's1:1', 's1:2']);
  for (const s of shown.json.segments) {
    const { from, rule, via, at } = s.rebound as { from: string; rule: string; via: unknown; at: unknown };
    assert.deepEqual([from, rule, via, typeof at], [olds[Number(s.id.slice(3))], 'contained', null, 'number']);
  }
  // The old commits keep their records, byte for byte.
  const notedAfter = git(cwd, ['notes', '--ref=aisess', 'list']).split('\n');
  assert.deepEqual(notedAfter.filter((l) => !l.endsWith(` ${squash}`)), notedBefore.split('\n'));

  const again = runCli(['rebind'], { cwd, env });
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stderr, /^aisess: 0 records re-attached to 0 commits, 3 already there, 0 not re-found; looked at 3 rewritten commits and 2 commits$/m);
  assert.equal(again.stdout.match(/^already there {2}[0-9a-f]{12} → [0-9a-f]{12} {2}s1:\d$/gm)?.length, 3);
});

test('a rebase-merge (rebase onto a moved main, fast-forward): each record by patch-id', async () => {
  const cwd = newRepo();
  git(cwd, ['checkout', '-qb', 'feature']);
  const f1 = commit(cwd, { 'a.txt': edit(lines(20), 'line 4', 'line 4 f1') }, 'f1');
  const f2 = commit(cwd, { 'c.txt': 'c\n' }, 'f2');
  await bindRecord(cwd, f1, 's2:0', 'one');
  await bindRecord(cwd, f2, 's2:1', 'two');
  git(cwd, ['checkout', '-q', 'main']);
  commit(cwd, { 'z.txt': 'moved\n' }, 'main moves');
  git(cwd, ['checkout', '-q', 'feature']);
  git(cwd, ['rebase', '-q', 'main']);
  git(cwd, ['checkout', '-q', 'main']);
  git(cwd, ['merge', '-q', '--ff-only', 'feature']);
  git(cwd, ['branch', '-qD', 'feature']);
  const [n2, n1] = git(cwd, ['rev-list', '-n2', 'HEAD']).split('\n');

  const report = rebindJson(cwd);
  assert.deepEqual(report.rebound.map((m) => [m.from, m.to, m.rule, m.records]).sort(), [[f1, n1, 'patch-id', ['s2:0']], [f2, n2, 'patch-id', ['s2:1']]].sort());
  assert.deepEqual(shownIds(cwd, n1!).ids, ['s2:0']);
});

test('a force-pushed branch (amended with one more file elsewhere): the clone that fetched rebinds', async () => {
  const bare = bareRepo();
  const cwd = newRepo();
  git(cwd, ['remote', 'add', 'origin', bare]);
  git(cwd, ['push', '-q', 'origin', 'main']);
  git(cwd, ['checkout', '-qb', 'feature']);
  const old = commit(cwd, { 'a.txt': edit(lines(20), 'line 9', 'line 9 changed') }, 'wip');
  await bindRecord(cwd, old, 's3:0', 'change line 9');
  git(cwd, ['push', '-q', '-u', 'origin', 'feature']);

  const other = tracked('aisess-other-');
  git(other, ['clone', '-q', '-b', 'feature', bare, '.']);
  writeTree(other, { 'd.txt': 'added on the other clone\n' });
  git(other, ['add', '-A']);
  git(other, ['commit', '-q', '--amend', '-m', 'line 9, reviewed']);
  git(other, ['push', '-q', '--force', 'origin', 'feature']);
  const rewritten = git(other, ['rev-parse', 'HEAD']);

  git(cwd, ['fetch', '-q', 'origin']);
  git(cwd, ['reset', '-q', '--hard', 'origin/feature']);
  const report = rebindJson(cwd);
  assert.deepEqual(report.rebound.map((m) => [m.from, m.to, m.rule, m.records]), [[old, rewritten, 'contained', ['s3:0']]]);
});
