/**
 * Scenario table, the agent quicker than the start snapshot: a file already dirty before the session
 * (a hunk in the working tree, or staged) that the agent rewrites before aisess's first `git status`
 * returned. What the file held before the spawn is the baseline, so the pre-session hunk never binds
 * the segment. The snapshot is made slow on purpose (a `git` in front of the real one sleeps before
 * the watcher's status): on a loaded machine or a large repository it is slow by itself.
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { writeTree } from '../helpers/git.js';
import { setup, sh, type Sandbox } from '../helpers/scenario.js';
import { assertRecords, edited, Labels, segmentsOf, session, stage, tenLines, waiting, waitPending } from './binding-harness.js';

/** The sandbox's git sleeps 1.5 s before every status that lists untracked files (the watcher's scans). */
function slowSnapshot(sb: Sandbox): void {
  const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  const dir = join(sb.home, 'slow-git');
  mkdirSync(dir);
  writeFileSync(join(dir, 'git'), `#!/bin/sh\nfor a; do [ "$a" = --untracked-files=all ] && sleep 1.5; done\nexec ${real} "$@"\n`);
  chmodSync(join(dir, 'git'), 0o755);
  sb.env.PATH = `${dir}:${sb.env.PATH}`;
}

const preSession = edited({ 2: 'line 2 before the session' });
const withAgent = edited({ 2: 'line 2 before the session', 9: 'line 9 by the agent' });
const script = [{ prompt: 'change line 9' }, { write: { path: 'a.txt', content: withAgent } }, { say: 'ANSWER-A' }];

test('a pre-session hunk in the working tree, rewritten by the agent before the first snapshot: committing only that hunk binds nothing', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup({ 'a.txt': tenLines, 'b.txt': 'b0\n' });
  slowSnapshot(sb);
  writeTree(repo, { 'a.txt': preSession });
  await session(t, sb, repo, script);
  const labels = new Labels();
  const a = segmentsOf(await waitPending(sb, repo, ['a.txt']))('a.txt')[0]!;
  await stage(sb, repo, 'a.txt', preSession);
  await sh(sb, repo, ['commit', '-qm', 'the pre-session hunk only']);
  await assertRecords(sb, repo, labels, { HEAD: { changed: [] } });
  assert.deepEqual(await waiting(sb, repo, labels), [`S:${a}:a.txt`]);
  await sh(sb, repo, ['commit', '-qam', 'the rest']);
  await assertRecords(sb, repo, labels, {
    'HEAD~1': { changed: [] },
    HEAD: { changed: [`S:${a} a.txt:full`], talk: [a, Infinity], says: [/ANSWER-A/] },
  });
  assert.deepEqual(await waiting(sb, repo, labels), []);
});

test('a pre-session hunk staged, the file rewritten by the agent before the first snapshot: committing the index binds nothing', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup({ 'a.txt': tenLines, 'b.txt': 'b0\n' });
  slowSnapshot(sb);
  writeTree(repo, { 'a.txt': preSession });
  await sh(sb, repo, ['add', 'a.txt']);
  await session(t, sb, repo, script);
  const labels = new Labels();
  const a = segmentsOf(await waitPending(sb, repo, ['a.txt']))('a.txt')[0]!;
  await sh(sb, repo, ['commit', '-qm', 'what was staged before the session']);
  await assertRecords(sb, repo, labels, { HEAD: { changed: [] } });
  assert.deepEqual(await waiting(sb, repo, labels), [`S:${a}:a.txt`]);
  await sh(sb, repo, ['commit', '-qam', 'the rest']);
  await assertRecords(sb, repo, labels, {
    'HEAD~1': { changed: [] },
    HEAD: { changed: [`S:${a} a.txt:full`], talk: [a, Infinity], says: [/ANSWER-A/] },
  });
  assert.deepEqual(await waiting(sb, repo, labels), []);
});

test('a file the agent rewrites before the first snapshot with what it held before the session: nothing of the session\'s', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup({ 'a.txt': tenLines, 'b.txt': 'b0\n' });
  slowSnapshot(sb);
  writeTree(repo, { 'a.txt': preSession });
  await session(t, sb, repo, [{ prompt: 'touch a, change b' }, { write: { path: 'a.txt', content: preSession } }, { write: { path: 'b.txt', content: 'b1\n' } }, { say: 'ANSWER-B' }]);
  await waitPending(sb, repo, ['b.txt']);
});
