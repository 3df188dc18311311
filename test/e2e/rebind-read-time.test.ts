/**
 * Read-time resolution with real git: a squash commit made by a hosting service ("feature (#7)")
 * carries no notes; once the request's head is fetched, `aisess show` and `aisess log` list the
 * records of the request's commits that it holds, without `aisess rebind` or any CI job.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { git } from '../helpers/git.js';
import { bareRepo, bindRecord, cleanup, commit, env, featureBranch, newRepo, rebindJson, shownIds, squashMerge, tracked } from './rebind-harness.js';

after(cleanup);

test('read time: "feature (#7)" lists the records of refs/pull/7/head, "See merge request group/app!9" those of refs/merge-requests/9/head', async () => {
  const bare = bareRepo();
  const cwd = newRepo();
  git(cwd, ['remote', 'add', 'origin', bare]);
  git(cwd, ['push', '-q', 'origin', 'main']);
  const [c1, c2, c3] = await featureBranch(cwd);
  git(cwd, ['push', '-q', 'origin', 'feature:refs/pull/7/head']);

  // The hosting service squashes the request onto main.
  const host = tracked('aisess-host-');
  git(host, ['clone', '-q', bare, '.']);
  git(host, ['fetch', '-q', 'origin', 'refs/pull/7/head']);
  git(host, ['merge', '--squash', '-q', 'FETCH_HEAD']);
  git(host, ['commit', '-qm', 'feature (#7)']);
  git(host, ['push', '-q', 'origin', 'main']);
  const squash = git(host, ['rev-parse', 'HEAD']);

  git(cwd, ['checkout', '-q', 'main']);
  git(cwd, ['fetch', '-q', 'origin']);
  assert.equal(runCli(['show', 'origin/main'], { cwd, env }).status, 1, 'without the request head fetched: nothing to show');
  git(cwd, ['config', '--add', 'remote.origin.fetch', '+refs/pull/*/head:refs/remotes/origin/pull/*/head']);
  git(cwd, ['fetch', '-q', 'origin']);

  const via = { kind: 'pull', number: 7, ref: 'refs/remotes/origin/pull/7/head' };
  const shown = shownIds(cwd, 'origin/main');
  assert.deepEqual(shown.ids, ['s1:0', 's1:1', 's1:2']);
  assert.deepEqual(shown.json.via, via);
  const from = new Map(shown.json.segments.map((s) => [s.id, s.rebound]));
  assert.deepEqual(from.get('s1:0'), { from: c1, rule: 'contained', at: null, by: null, via });
  assert.equal(from.get('s1:1')?.from, c2);
  assert.equal(from.get('s1:2')?.from, c3);
  const text = runCli(['show', 'origin/main'], { cwd, env });
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /3 segments {2}\(via pull request #7: /);
  assert.match(text.stdout, /rebound {3}from [0-9a-f]{12} \(its change is in this commit\), via pull request #7/);

  const replay = runCli(['replay', '--instant', squash], { cwd, env });
  assert.equal(replay.status, 0, replay.stderr);

  // A fetched request head is no branch: rebind still looks for the request's records, and finds them.
  const dry = rebindJson(cwd, ['--dry-run']);
  assert.deepEqual(dry.rebound.map((m) => [m.from, m.to]).sort(), [c1, c2, c3].map((c) => [c, squash]).sort());

  // A GitLab merge request, its head kept locally (a mirror clone's refs/merge-requests/9/head).
  git(cwd, ['merge', '-q', '--ff-only', 'origin/main']);
  git(cwd, ['checkout', '-qb', 'second']);
  const m1 = commit(cwd, { 'm.txt': 'from the merge request\n' }, 'm1');
  await bindRecord(cwd, m1, 's9:0', 'add m');
  git(cwd, ['update-ref', 'refs/merge-requests/9/head', m1]);
  git(cwd, ['checkout', '-q', 'main']);
  const gitlab = squashMerge(cwd, 'second', 'Second\n\nSee merge request group/app!9');

  const log = runCli(['log', '--json'], { cwd, env });
  assert.equal(log.status, 0, log.stderr);
  const entries = JSON.parse(log.stdout) as { commit: string; segments: number; via: unknown }[];
  // Newest first; the branch commits carry their own notes and are not on main.
  assert.deepEqual(entries.map((e) => [e.commit, e.segments, e.via]), [
    [gitlab, 1, { kind: 'merge', number: 9, ref: 'refs/merge-requests/9/head' }],
    [squash, 3, via],
  ]);
  const lines = runCli(['log'], { cwd, env }).stdout;
  assert.match(lines, /add m {2}\(via merge request !9\)\n.*prompt \d {2}\(via pull request #7\)/);
});
