import assert from 'node:assert/strict';
import { existsSync, realpathSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { bindCommit, bindPending } from '../../src/bind/binder.js';
import { decodeStream } from '../../src/record/decode.js';
import { pendingPath, readPending, writePending } from '../../src/bind/pending-file.js';
import { metaPath } from '../../src/store/meta.js';
import { bindRewritten } from '../../src/bind/rewrite.js';
import { pendingReport } from '../../src/bind/status.js';
import { openRepo } from '../../src/git/repo.js';
import { readNote } from '../../src/notes/index.js';
import type { SegmentBody } from '../../src/record/body.js';
import { git, gitEnv, tempRepo, writeTree } from '../helpers/git.js';
import { recordSession } from './session.js';

async function setup(tree: Record<string, string> = { 'a.txt': 'a0\n', 'b.txt': 'b0\n' }) {
  const dir = tempRepo(tree);
  const path = realpathSync(dir.path);
  const repo = await openRepo(path, { env: gitEnv });
  return { path, repo, cleanup: dir.cleanup };
}

const ids = async (repo: Awaited<ReturnType<typeof openRepo>>, rev: string) => (await readNote(repo, rev)).records.map((r) => r.id).sort();

test('a session bound after it ended: commit A, then B; the note carries the slice and commit facts', async (t) => {
  const r = await setup();
  t.after(r.cleanup);
  git(r.path, ['config', 'user.email', 'ada@example.com']);
  const s = await recordSession(r.path, [{ out: 'edit a' }, { write: { 'a.txt': 'a1\n' } }, { out: 'edit b' }, { write: { 'b.txt': 'b1\n' } }, { out: 'done' }]);
  git(r.path, ['commit', '-qm', 'a', '--', 'a.txt']);
  const first = await bindCommit(r.repo, { dir: s.storeDir }, 'HEAD');
  assert.deepEqual(first.bound, [{ session: s.id, segments: [0] }]);
  assert.ok(existsSync(pendingPath(s.storeDir, s.id)), 'b is still pending');
  const [rec] = (await readNote(r.repo, 'HEAD')).records;
  const body = rec!.body as SegmentBody;
  assert.equal(rec!.id, `${s.id}:0`);
  assert.deepEqual(decodeStream(body).map((e) => e[1]), ['aisess.worktree', 'o', 'aisess.worktree'], 'the start snapshot, the output, the change');
  assert.equal(body.screen, 'edit a');
  assert.equal(body.commit.id, git(r.path, ['rev-parse', 'HEAD']));
  assert.equal(body.commit.tree, git(r.path, ['rev-parse', 'HEAD^{tree}']));
  assert.equal(body.commit.patchId, patchId(r.path));
  assert.deepEqual(body.commit.paths, ['a.txt']);
  assert.equal(body.boundBy, 'ada@example.com');

  git(r.path, ['commit', '-qam', 'b']);
  const second = await bindCommit(r.repo, { dir: s.storeDir }, 'HEAD');
  assert.deepEqual(second.bound, [{ session: s.id, segments: [1] }]);
  assert.deepEqual(await waiting(r, s.storeDir), [], 'nothing left pending');
  // Binding the same commit again writes nothing new.
  assert.deepEqual((await bindCommit(r.repo, { dir: s.storeDir }, 'HEAD')).bound, []);
  assert.deepEqual(await ids(r.repo, 'HEAD'), [`${s.id}:1`]);
});

function patchId(cwd: string): string {
  return git(cwd, ['patch-id', '--stable'], git(cwd, ['diff-tree', '-p', '--full-index', 'HEAD~1', 'HEAD']) + '\n').split(' ')[0]!;
}

test('an unrelated commit gets nothing and leaves the pending state alone', async (t) => {
  const r = await setup();
  t.after(r.cleanup);
  const s = await recordSession(r.path, [{ write: { 'a.txt': 'a1\n' } }]);
  const before = await readPending(s.storeDir, s.id);
  assert.ok(before);
  writeTree(r.path, { 'c.txt': 'c\n' });
  git(r.path, ['add', 'c.txt']);
  git(r.path, ['commit', '-qm', 'c']);
  assert.deepEqual((await bindCommit(r.repo, { dir: s.storeDir }, 'HEAD')).bound, []);
  assert.deepEqual(await ids(r.repo, 'HEAD'), []);
  assert.deepEqual(await readPending(s.storeDir, s.id), before);
  assert.deepEqual(await waiting(r, s.storeDir), [`${s.id}:0:a.txt`]);
});

test('partial staging binds the segment twice: to the partial commit and the one taking the rest', async (t) => {
  const r = await setup({ 'a.txt': '1\n2\n3\n4\n5\n6\n7\n8\n9\n' });
  t.after(r.cleanup);
  const s = await recordSession(r.path, [{ out: 'two edits' }, { write: { 'a.txt': 'ONE\n2\n3\n4\n5\n6\n7\n8\nNINE\n' } }]);
  // Stage only the first hunk's content, as `git add -p` would.
  const staged = git(r.path, ['hash-object', '-w', '--stdin'], 'ONE\n2\n3\n4\n5\n6\n7\n8\n9\n');
  git(r.path, ['update-index', '--cacheinfo', `100644,${staged},a.txt`]);
  git(r.path, ['commit', '-qm', 'first hunk']);
  assert.deepEqual((await bindCommit(r.repo, { dir: s.storeDir }, 'HEAD')).bound, [{ session: s.id, segments: [0] }]);
  assert.ok(existsSync(pendingPath(s.storeDir, s.id)));
  git(r.path, ['commit', '-qam', 'rest']);
  assert.deepEqual((await bindCommit(r.repo, { dir: s.storeDir }, 'HEAD')).bound, [{ session: s.id, segments: [0] }]);
  assert.deepEqual(await waiting(r, s.storeDir), []);
  const paths = (rev: string) => readNote(r.repo, rev).then((n) => (n.records[0]!.body as SegmentBody).paths.map((p) => p.bound));
  assert.deepEqual(await paths('HEAD~1'), ['partial']);
  assert.deepEqual(await paths('HEAD'), ['full']);
});

test('two binders at once bind everything exactly once', async (t) => {
  const r = await setup();
  t.after(r.cleanup);
  const a = await recordSession(r.path, [{ write: { 'a.txt': 'a1\n' } }]);
  const b = await recordSession(r.path, [{ write: { 'b.txt': 'b1\n' } }]);
  git(r.path, ['commit', '-qam', 'both']);
  const results = await Promise.all([1, 2, 3].map(() => bindCommit(r.repo, { dir: a.storeDir }, 'HEAD')));
  const bound = results.flatMap((x) => x.bound.map((y) => `${y.session}:${y.segments.join(',')}`)).sort();
  assert.deepEqual(bound, [`${a.id}:0`, `${b.id}:0`].sort());
  assert.deepEqual(await ids(r.repo, 'HEAD'), [`${a.id}:0`, `${b.id}:0`].sort());
});

test('amend: pending changes added by the amend bind to the new commit, earlier records are carried', async (t) => {
  const r = await setup();
  t.after(r.cleanup);
  const s = await recordSession(r.path, [{ write: { 'a.txt': 'a1\n' } }, { write: { 'b.txt': 'b1\n' } }]);
  git(r.path, ['commit', '-qm', 'a', '--', 'a.txt']);
  const old = git(r.path, ['rev-parse', 'HEAD']);
  await bindCommit(r.repo, { dir: s.storeDir }, old);
  git(r.path, ['commit', '-q', '--amend', '-am', 'a and b']);
  const fresh = git(r.path, ['rev-parse', 'HEAD']);
  await bindRewritten(r.repo, { dir: s.storeDir }, [[old, fresh]]);
  assert.deepEqual(await ids(r.repo, fresh), [`${s.id}:0`, `${s.id}:1`]);
  assert.deepEqual(await waiting(r, s.storeDir), []);
});

test('amend that drops a bound file: its record leaves the amended commit and its change waits again', async (t) => {
  const r = await setup();
  t.after(r.cleanup);
  const s = await recordSession(r.path, [{ write: { 'a.txt': 'a1\n' } }, { write: { 'b.txt': 'b1\n' } }]);
  git(r.path, ['config', 'notes.rewriteRef', 'refs/notes/aisess']);
  git(r.path, ['commit', '-qam', 'a and b']);
  const old = git(r.path, ['rev-parse', 'HEAD']);
  await bindCommit(r.repo, { dir: s.storeDir }, old);
  assert.deepEqual(await ids(r.repo, old), [`${s.id}:0`, `${s.id}:1`]);
  git(r.path, ['reset', '-q', 'HEAD~1', '--', 'b.txt']);
  git(r.path, ['commit', '-q', '--amend', '-m', 'a only']);
  const fresh = git(r.path, ['rev-parse', 'HEAD']);
  assert.deepEqual(await ids(r.repo, fresh), [`${s.id}:0`, `${s.id}:1`], 'git carried both records');
  await bindRewritten(r.repo, { dir: s.storeDir }, [[old, fresh]]);
  assert.deepEqual(await ids(r.repo, fresh), [`${s.id}:0`]);
  assert.deepEqual(await waiting(r, s.storeDir), [`${s.id}:1:b.txt`]);
  git(r.path, ['commit', '-qam', 'b']);
  assert.deepEqual((await bindCommit(r.repo, { dir: s.storeDir }, 'HEAD')).bound, [{ session: s.id, segments: [1] }]);
});

test('reset --soft and recommit: the new commit takes what the one reset away held', async (t) => {
  const r = await setup();
  t.after(r.cleanup);
  const s = await recordSession(r.path, [{ write: { 'a.txt': 'a1\n' } }]);
  git(r.path, ['commit', '-qam', 'a']);
  assert.deepEqual((await bindCommit(r.repo, { dir: s.storeDir }, 'HEAD')).bound, [{ session: s.id, segments: [0] }]);
  git(r.path, ['reset', '-q', '--soft', 'HEAD~1']);
  git(r.path, ['commit', '-qm', 'a, again']);
  assert.deepEqual((await bindCommit(r.repo, { dir: s.storeDir }, 'HEAD')).bound, [{ session: s.id, segments: [0] }]);
});

test('back-to-back commits: binding after both still binds each to the commit that holds it', async (t) => {
  const r = await setup();
  t.after(r.cleanup);
  const s = await recordSession(r.path, [{ write: { 'a.txt': 'a1\n' } }, { write: { 'b.txt': 'b1\n' } }]);
  git(r.path, ['commit', '-qm', 'a', '--', 'a.txt']);
  git(r.path, ['commit', '-qm', 'b', '--', 'b.txt']);
  // The hook of the first commit runs late, when HEAD is already the second: it binds its own commit.
  assert.deepEqual((await bindCommit(r.repo, { dir: s.storeDir }, 'HEAD~1')).bound, [{ session: s.id, segments: [0] }]);
  assert.deepEqual(await ids(r.repo, 'HEAD~1'), [`${s.id}:0`]);
  assert.deepEqual(await ids(r.repo, 'HEAD'), [`${s.id}:1`], 'the reflog showed the second commit too: bound in the same run');
});

async function waiting(r: { repo: Awaited<ReturnType<typeof openRepo>> }, storeDir: string): Promise<string[]> {
  const report = await pendingReport(r.repo, storeDir);
  return report.sessions.flatMap((s) => s.segments.flatMap((g) => g.paths.map((p) => `${s.session}:${g.index}:${p.path}`)));
}

test('a live session binds its own commits and keeps its pending file even when all is bound', async (t) => {
  const r = await setup();
  const s = await recordSession(r.path, [{ write: { 'a.txt': 'a1\n' } }], { keepOpen: true });
  t.after(async () => {
    await s.close();
    r.cleanup();
  });
  git(r.path, ['commit', '-qam', 'a']);
  // A live recorder's journal lags up to a second: the test waits for its flush.
  await new Promise((res) => setTimeout(res, 1500));
  // `aisess status` leaves a running session to its own binder (it knows how far its transcript is read).
  assert.deepEqual((await bindPending(r.repo, { dir: s.storeDir })).results, []);
  assert.deepEqual((await bindCommit(r.repo, { dir: s.storeDir }, 'HEAD', { sessions: [s.id] })).bound, [{ session: s.id, segments: [0] }]);
  assert.ok(existsSync(pendingPath(s.storeDir, s.id)));
});

test('a pending mark whose session has no metadata yet is a session starting: kept for a minute, then dropped as deleted', async (t) => {
  const r = await setup();
  t.after(r.cleanup);
  const s = await recordSession(r.path, [{ write: { 'a.txt': 'a1\n' } }]);
  const starting = 'twenty-seconds-old';
  const now = Date.now();
  await writePending(s.storeDir, { v: 2, session: starting, worktree: r.path, createdAt: now - 20_000, updatedAt: now - 20_000 });
  git(r.path, ['commit', '-qam', 'a']);
  const report = await bindPending(r.repo, { dir: s.storeDir }, { commits: [git(r.path, ['rev-parse', 'HEAD'])] });
  assert.deepEqual([report.failures, report.results.flatMap((x) => x.bound.map((b) => b.session))], [[], [s.id]], 'no failure, the other session bound');
  assert.ok(await readPending(s.storeDir, starting), 'its mark stays');
  assert.deepEqual((await pendingReport(r.repo, s.storeDir)).sessions.map((x) => x.session), [], 'status does not call it deleted');

  await bindPending(r.repo, { dir: s.storeDir }, { now: () => now + 41_000 });
  assert.equal(await readPending(s.storeDir, starting), null, 'a minute on, it is taken for deleted');
});

test('a session whose metadata is damaged keeps its pending mark and is reported, never dropped', async (t) => {
  const r = await setup();
  t.after(r.cleanup);
  const s = await recordSession(r.path, [{ write: { 'a.txt': 'a1\n' } }]);
  writeFileSync(metaPath(s.storeDir, s.id), '{"format": 1, "id": ');
  const later = Date.now() + 2 * 60_000;
  const report = await bindPending(r.repo, { dir: s.storeDir }, { now: () => later });
  assert.match(report.failures.map((f) => `${f.session}: ${f.message}`).join('\n'), new RegExp(`^${s.id}: its metadata cannot be read`));
  assert.ok(await readPending(s.storeDir, s.id), 'what it waits for stays');
});
