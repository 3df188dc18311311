/**
 * Scenario table, how and where the commit is made: a partial staging of one file (`git add -p`)
 * takes the segment partially, the commit of the rest completes it; only commits made in the
 * session's own working tree take its changes (a linked worktree's commit of identical content gets
 * nothing); a detached HEAD, an orphan branch's root commit, a merge commit (which only takes what no
 * live commit holds); and a core.hooksPath inside the work tree, where aisess installs no hooks and
 * binds all the same.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir, writeTree } from '../helpers/git.js';
import { onCleanup, pendingIn, setup, sh, shell, statusReport } from '../helpers/scenario.js';
import {
  agent, assertRecords, edited, Labels, quit, segmentsOf, session, stage, tenLines, turns, waiting, waitPending,
} from './binding-harness.js';

test('4c. a session in linked worktree W2 binds its commit; a commit of identical content in W1 meanwhile gets nothing', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup();
  const dir = tempDir('aisess-binding-wt-');
  onCleanup(dir.cleanup);
  const w2 = join(realpathSync(dir.path), 'w2');
  await sh(sb, repo, ['worktree', 'add', '-q', '-b', 'topic', w2]);
  const term = agent(t, sb, w2, [{ prompt: 'change a' }, { write: { path: 'a.txt', content: 'a1\n' } }, { say: 'ANSWER-W2' }, { waitPrompt: true }]);
  await term.waitFor('ANSWER-W2');
  const a = segmentsOf(await waitPending(sb, w2, ['a.txt']))('a.txt')[0]!;
  writeTree(repo, { 'a.txt': 'a1\n' });
  await sh(sb, repo, ['commit', '-qam', 'the same content, in W1']);
  await sh(sb, w2, ['commit', '-qam', 'a, in W2']);
  await quit(term);
  const labels = new Labels();
  await assertRecords(sb, repo, labels, {
    main: { changed: [] },
    topic: { changed: [`S:${a} a.txt:full`], talk: [a, Infinity], says: [/ANSWER-W2/] },
  });
  assert.deepEqual(await waiting(sb, repo, labels), []);
});

test('4d. detached HEAD: two commits, each gets its own segment', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup();
  await sh(sb, repo, ['checkout', '-q', '--detach']);
  await session(t, sb, repo, turns(['a.txt', 'b.txt']));
  const labels = new Labels();
  const seg = segmentsOf(await pendingIn(sb, repo));
  const [a, b] = [seg('a.txt')[0]!, seg('b.txt')[0]!];
  await shell(sb, repo, 'git commit -qm a -- a.txt && git commit -qm b -- b.txt');
  assert.equal(await sh(sb, repo, ['symbolic-ref', '-q', 'HEAD']).catch(() => 'detached'), 'detached');
  await assertRecords(sb, repo, labels, {
    'HEAD~1': { changed: [`S:${a} a.txt:full`], talk: [a, b], says: [/ANSWER-1/] },
    HEAD: { changed: [`S:${b} b.txt:full`], talk: [b, Infinity], says: [/ANSWER-2/] },
  });
  assert.deepEqual(await waiting(sb, repo, labels), []);
});

test('4e. an orphan branch: its root commit gets the segment (and nothing for the files it merely carries)', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup();
  await sh(sb, repo, ['checkout', '-q', '--orphan', 'fresh']);
  await session(t, sb, repo, turns(['a.txt']));
  const labels = new Labels();
  const a = segmentsOf(await pendingIn(sb, repo))('a.txt')[0]!;
  await sh(sb, repo, ['commit', '-qam', 'a fresh root']);
  assert.equal(await sh(sb, repo, ['rev-list', '--count', 'HEAD']), '1');
  await assertRecords(sb, repo, labels, { fresh: { changed: [`S:${a} a.txt:full`], talk: [a, Infinity], says: [/ANSWER-1/] } });
  assert.deepEqual(await waiting(sb, repo, labels), []);
});

test('4f. a merge commit: it gets nothing for the branch that took a change, and the change added in the merge itself', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup();
  await session(t, sb, repo, turns(['a.txt', 'b.txt']));
  const labels = new Labels();
  const seg = segmentsOf(await pendingIn(sb, repo));
  const [a, b] = [seg('a.txt')[0]!, seg('b.txt')[0]!];
  await shell(sb, repo, 'git checkout -qb topic && git commit -qm a -- a.txt && git checkout -q main');
  await shell(sb, repo, "git merge -q --no-ff --no-commit topic && git add b.txt && git commit -qm 'merge topic, with b'");
  assert.equal(await sh(sb, repo, ['rev-list', '--count', '--merges', 'main']), '1');
  await assertRecords(sb, repo, labels, {
    topic: { changed: [`S:${a} a.txt:full`], talk: [a, b], says: [/ANSWER-1/] },
    main: { changed: [`S:${b} b.txt:full`], talk: [b, Infinity], says: [/ANSWER-2/], never: [/ANSWER-1/] },
  });
  assert.deepEqual(await waiting(sb, repo, labels), []);
});

test('4g. core.hooksPath inside the work tree: no hooks are installed, nothing is written there; live binding and the reflog catch-up still bind', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup();
  await sh(sb, repo, ['config', 'core.hooksPath', '.githooks']);
  const term = agent(t, sb, repo, [...turns(['a.txt', 'b.txt']), { waitPrompt: true }]);
  await term.waitFor('ANSWER-2');
  const seg = segmentsOf(await waitPending(sb, repo, ['a.txt', 'b.txt']));
  const [a, b] = [seg('a.txt')[0]!, seg('b.txt')[0]!];
  await sh(sb, repo, ['commit', '-qm', 'a', '--', 'a.txt']);
  const labels = new Labels();
  // Bound live by the session (no hook ran).
  await assertRecords(sb, repo, labels, { HEAD: { changed: [`S:${a} a.txt:full`], talk: [a, b] } });
  await quit(term);
  assert.equal(existsSync(join(repo, '.githooks')) && readdirSync(join(repo, '.githooks')).length > 0, false, 'nothing in the work tree\'s hooks directory');
  assert.equal(await sh(sb, repo, ['status', '--porcelain', '--ignored', '--untracked-files=all']), ' M b.txt', 'the work tree holds only the agent\'s pending change');
  // After the session, no hook: the next bind run (status) finds the commit in the reflog.
  await sh(sb, repo, ['commit', '-qam', 'b']);
  assert.deepEqual(await waiting(sb, repo, labels), []);
  await assertRecords(sb, repo, labels, {
    'HEAD~1': { changed: [`S:${a} a.txt:full`], talk: [a, b], says: [/ANSWER-1/] },
    HEAD: { changed: [`S:${b} b.txt:full`], talk: [b, Infinity], says: [/ANSWER-2/] },
  });
});

test('4a. partial staging of one file (one segment, two hunks): the first commit takes it partially, the commit of the rest completes it', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup({ 'a.txt': tenLines, 'b.txt': 'b0\n' });
  await session(t, sb, repo, [
    { prompt: 'change lines 2 and 9' }, { write: { path: 'a.txt', content: edited({ 2: 'line 2 by the agent', 9: 'line 9 by the agent' }) } }, { say: 'ANSWER-A' },
  ]);
  const labels = new Labels();
  const a = segmentsOf(await waitPending(sb, repo, ['a.txt']))('a.txt')[0]!;
  await stage(sb, repo, 'a.txt', edited({ 2: 'line 2 by the agent' }));
  await sh(sb, repo, ['commit', '-qm', 'line 2']);
  await assertRecords(sb, repo, labels, { HEAD: { changed: [`S:${a} a.txt:partial`], talk: [a, Infinity], says: [/ANSWER-A/] } });
  assert.deepEqual(await waiting(sb, repo, labels), [`S:${a}:a.txt`]);
  const report = await statusReport(sb, repo);
  assert.deepEqual(report.sessions.flatMap((s) => s.segments.flatMap((g) => g.paths.map((p) => (p as { lines?: unknown }).lines))), [{ waiting: 2, of: 4 }], 'two of its four lines (line 9 out, line 9 in) wait');
  await sh(sb, repo, ['commit', '-qam', 'line 9']);
  await assertRecords(sb, repo, labels, {
    'HEAD~1': { changed: [`S:${a} a.txt:partial`], talk: [a, Infinity] },
    HEAD: { changed: [`S:${a} a.txt:full`], talk: [a, Infinity], says: [/ANSWER-A/] },
  });
  assert.deepEqual(await waiting(sb, repo, labels), []);
});
