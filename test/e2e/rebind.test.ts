/**
 * `aisess rebind` and read-time resolution with real git: records bound to a branch's commits are
 * re-found after `git merge --squash`, a rebase-merge and a force-push; a change the squash dropped
 * is reported, not guessed; a squash commit naming a pull request shows the request's records.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { git, gitEnv, tempDir, tempRepo, writeTree } from '../helpers/git.js';
import { bindRecord } from './rebind-records.js';

const cleanups: (() => void)[] = [];
after(() => cleanups.forEach((c) => c()));
const env = { ...process.env, ...gitEnv };

const lines = (n: number, tag = 'line') => Array.from({ length: n }, (_, i) => `${tag} ${i + 1}`).join('\n') + '\n';
const edit = (text: string, from: string, to: string) => text.replace(`${from}\n`, `${to}\n`);

function newRepo(): string {
const r = tempRepo({ 'a.txt': lines(20), 'z.txt': 'z\n' });
cleanups.push(r.cleanup);
return r.path;
}

function commit(cwd: string, tree: Record<string, string>, message: string): string {
writeTree(cwd, tree);
git(cwd, ['add', '-A']);
git(cwd, ['commit', '-qm', message]);
return git(cwd, ['rev-parse', 'HEAD']);
}

function rebindJson(cwd: string, args: string[] = []) {
const r = runCli(['rebind', '--json', ...args], { cwd, env });
assert.equal(r.status, 0, r.stderr);
return JSON.parse(r.stdout) as {
  dryRun: boolean;
  rebound: { from: string; to: string; rule: string; records: string[] }[];
  already: { from: string; to: string; records: string[] }[];
  notFound: { from: string; records: string[]; reason: string }[];
};
}

function shownIds(cwd: string, rev: string): { ids: string[]; json: { segments: { id: string; rebound: { from: string; rule: string; via: unknown; at: unknown } | null }[]; via?: unknown } } {
const r = runCli(['show', rev, '--json'], { cwd, env });
assert.equal(r.status, 0, r.stderr);
const json = JSON.parse(r.stdout);
return { ids: json.segments.map((s: { id: string }) => s.id).sort(), json };
}

/** A feature branch of three commits, each with a record: a.txt twice (far apart) and a new b.txt. */
async function featureBranch(cwd: string): Promise<string[]> {
git(cwd, ['checkout', '-qb', 'feature']);
const a = lines(20);
const c1 = commit(cwd, { 'a.txt': edit(a, 'line 2', 'line 2 by c1') }, 'c1');
const c2 = commit(cwd, { 'b.txt': lines(5, 'b') }, 'c2');
const c3 = commit(cwd, { 'a.txt': edit(edit(a, 'line 2', 'line 2 by c1'), 'line 15', 'line 15 by c3') }, 'c3');
for (const [i, c] of [c1, c2, c3].entries()) await bindRecord(cwd, c, `s1:${i}`, `prompt ${i}`);
return [c1, c2, c3];
}

test('git merge --squash of three commits: rebind attaches all three records to the squash commit, once', async () => {
  const cwd = newRepo();
  const olds = await featureBranch(cwd);
  git(cwd, ['checkout', '-q', 'main']);
  commit(cwd, { 'z.txt': 'z moved on\n' }, 'main moves');
  git(cwd, ['merge', '--squash', '-q', 'feature']);
  git(cwd, ['commit', '-qm', 'feature (#3)']);
  const squash = git(cwd, ['rev-parse', 'HEAD']);

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
  const bare = tempDir('aisess-bare-');
  cleanups.push(bare.cleanup);
  git(bare.path, ['init', '-q', '--bare', '-b', 'main']);
  const cwd = newRepo();
  git(cwd, ['remote', 'add', 'origin', bare.path]);
  git(cwd, ['push', '-q', 'origin', 'main']);
  git(cwd, ['checkout', '-qb', 'feature']);
  const old = commit(cwd, { 'a.txt': edit(lines(20), 'line 9', 'line 9 changed') }, 'wip');
  await bindRecord(cwd, old, 's3:0', 'change line 9');
  git(cwd, ['push', '-q', '-u', 'origin', 'feature']);

  const other = tempDir('aisess-other-');
  cleanups.push(other.cleanup);
  git(other.path, ['clone', '-q', '-b', 'feature', bare.path, '.']);
  writeTree(other.path, { 'd.txt': 'added on the other clone\n' });
  git(other.path, ['add', '-A']);
  git(other.path, ['commit', '-q', '--amend', '-m', 'line 9, reviewed']);
  git(other.path, ['push', '-q', '--force', 'origin', 'feature']);
  const rewritten = git(other.path, ['rev-parse', 'HEAD']);

  git(cwd, ['fetch', '-q', 'origin']);
  git(cwd, ['reset', '-q', '--hard', 'origin/feature']);
  const report = rebindJson(cwd);
  assert.deepEqual(report.rebound.map((m) => [m.from, m.to, m.rule, m.records]), [[old, rewritten, 'contained', ['s3:0']]]);
});

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

test('read time: a squash commit "feature (#7)" lists the records of refs/pull/7/head, without rebind', async () => {
  const bare = tempDir('aisess-bare-');
  cleanups.push(bare.cleanup);
  git(bare.path, ['init', '-q', '--bare', '-b', 'main']);
  const cwd = newRepo();
  git(cwd, ['remote', 'add', 'origin', bare.path]);
  git(cwd, ['push', '-q', 'origin', 'main']);
  const [c1, c2, c3] = await featureBranch(cwd);
  git(cwd, ['push', '-q', 'origin', 'feature:refs/pull/7/head']);

  // The hosting service squashes the request onto main.
  const host = tempDir('aisess-host-');
  cleanups.push(host.cleanup);
  git(host.path, ['clone', '-q', bare.path, '.']);
  git(host.path, ['fetch', '-q', 'origin', 'refs/pull/7/head']);
  git(host.path, ['merge', '--squash', '-q', 'FETCH_HEAD']);
  git(host.path, ['commit', '-qm', 'feature (#7)']);
  git(host.path, ['push', '-q', 'origin', 'main']);
  const squash = git(host.path, ['rev-parse', 'HEAD']);

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

  const log = runCli(['log', '--json', 'origin/main'], { cwd, env });
  assert.equal(log.status, 0, log.stderr);
  const entries = JSON.parse(log.stdout) as { commit: string; segments: number; via: unknown }[];
  assert.deepEqual(entries.map((e) => [e.commit, e.segments, e.via]), [[squash, 3, via]]);
  assert.match(runCli(['log', 'origin/main'], { cwd, env }).stdout, /\(via pull request #7\)/);
});


test('old commits gone from the object store: only what the records hold (patch-id, blobs) re-finds them', async () => {
  const bare = tempDir('aisess-bare-');
  cleanups.push(bare.cleanup);
  git(bare.path, ['init', '-q', '--bare', '-b', 'main']);
  const cwd = newRepo();
  const [, c2, c3] = await featureBranch(cwd);
  git(cwd, ['checkout', '-q', 'main']);
  git(cwd, ['merge', '--squash', '-q', 'feature']);
  git(cwd, ['commit', '-qm', 'feature']);
  git(cwd, ['push', '-q', bare.path, 'main', 'refs/notes/aisess']);
  // A clone that has main and the notes, but never had the branch's commits.
  const clone = tempDir('aisess-clone-');
  cleanups.push(clone.cleanup);
  git(clone.path, ['clone', '-q', bare.path, '.']);
  git(clone.path, ['fetch', '-q', 'origin', 'refs/notes/aisess:refs/notes/aisess']);
  const squash = git(clone.path, ['rev-parse', 'HEAD']);

  const report = rebindJson(clone.path);
  // b.txt (c2) and the final a.txt (c3) are in the squash as the segments left them; c1's a.txt was changed again by c3.
  assert.deepEqual(report.rebound.map((m) => [m.from, m.to, m.rule, m.records]).sort(), [[c2, squash, 'contained', ['s1:1']], [c3, squash, 'contained', ['s1:2']]].sort());
  assert.deepEqual(report.notFound.map((n) => n.records), [['s1:0']]);
  assert.match(report.notFound[0]!.reason, /does not leave "a\.txt" as the segment did, and the old commit is gone to compare lines/);
});
