/**
 * `aisess rebind` at its limits, with real git: a change the squash dropped or undid is reported,
 * not guessed; old commits gone from the object store are re-found from what their records hold; a
 * merged branch still on the remote needs the range named; a bad range is told.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { git, writeTree } from '../helpers/git.js';
import { bareRepo, cleanup, edit, env, featureBranch, lines, newRepo, rebindJson, shownIds, squashMerge, tracked } from './rebind-harness.js';

after(cleanup);

test('a squash that dropped a file and undid a line: those records are reported, not attached', async () => {
  const cwd = newRepo();
  const [c1, c2, c3] = await featureBranch(cwd);
  git(cwd, ['checkout', '-q', 'main']);
  git(cwd, ['merge', '--squash', '-q', 'feature']);
  // The squash leaves b.txt (c2) out and c3's line as it was.
  git(cwd, ['rm', '-q', '--cached', 'b.txt']);
  writeTree(cwd, { 'a.txt': edit(lines(20), 'line 2', 'line 2 by c1') });
  git(cwd, ['add', 'a.txt']);
  git(cwd, ['commit', '-qm', 'feature, trimmed']);
  const squash = git(cwd, ['rev-parse', 'HEAD']);

  const report = rebindJson(cwd);
  assert.deepEqual(report.rebound.map((m) => [m.from, m.to, m.records]), [[c1, squash, ['s1:0']]]);
  const missing = new Map(report.notFound.map((n) => [n.from, n.reason]));
  assert.match(missing.get(c2!)!, /no commit in the range changes "b\.txt"/);
  assert.match(missing.get(c3!)!, /lacks a line the old commit added in "a\.txt"/);
  assert.deepEqual(shownIds(cwd, squash).ids, ['s1:0']);
  const text = runCli(['rebind', '--dry-run'], { cwd, env });
  assert.match(text.stdout, /not re-found {2}[0-9a-f]{12} {2}s1:1: no commit in the range changes "b\.txt"/);
});

test('old commits gone from the object store: only what the records hold (patch-id, blobs) re-finds them', async () => {
  const bare = bareRepo();
  const cwd = newRepo();
  const [, c2, c3] = await featureBranch(cwd);
  git(cwd, ['checkout', '-q', 'main']);
  squashMerge(cwd, 'feature', 'feature');
  git(cwd, ['push', '-q', bare, 'main', 'refs/notes/aisess']);
  // A clone that has main and the notes, but never had the branch's commits.
  const clone = tracked('aisess-clone-');
  git(clone, ['clone', '-q', bare, '.']);
  git(clone, ['fetch', '-q', 'origin', 'refs/notes/aisess:refs/notes/aisess']);
  const squash = git(clone, ['rev-parse', 'HEAD']);

  const report = rebindJson(clone);
  // b.txt (c2) and the final a.txt (c3) are in the squash as the segments left them; c1's a.txt was changed again by c3.
  assert.deepEqual(report.rebound.map((m) => [m.from, m.to, m.rule, m.records]).sort(), [[c2, squash, 'contained', ['s1:1']], [c3, squash, 'contained', ['s1:2']]].sort());
  assert.deepEqual(report.notFound.map((n) => n.records), [['s1:0']]);
  assert.match(report.notFound[0]!.reason, /does not leave "a\.txt" as the segment did, and the old commit is gone to compare lines/);
});

test('a merged branch still on the remote is looked for only in a named range; a bad range is told', async () => {
  const bare = bareRepo();
  const cwd = newRepo();
  git(cwd, ['remote', 'add', 'origin', bare]);
  const [c1] = await featureBranch(cwd);
  git(cwd, ['push', '-q', '-u', 'origin', 'feature']);
  git(cwd, ['checkout', '-q', 'main']);
  const squash = squashMerge(cwd, 'feature', 'feature');

  const none = runCli(['rebind', '--dry-run'], { cwd, env });
  assert.equal(none.status, 0, none.stderr);
  assert.match(none.stderr, /nothing to rebind \(a merged branch still on the remote: name the range/);
  const report = rebindJson(cwd, ['--dry-run', 'main~1..main']);
  assert.equal(report.rebound.length, 3);
  assert.deepEqual(report.rebound.find((m) => m.from === c1)?.to, squash);

  assert.equal(runCli(['rebind', 'nope'], { cwd, env }).status, 66);
  const option = runCli(['rebind', '--', '--all'], { cwd, env });
  assert.equal(option.status, 64);
  assert.match(option.stderr, /'--all' is not a revision/);
});
