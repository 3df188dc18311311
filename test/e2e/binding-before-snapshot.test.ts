/**
 * Scenario table, the agent quicker than the start snapshot: a file already dirty before the session
 * (a hunk in the working tree, or staged) that the agent rewrites before aisess's first `git status`
 * returned. What the file held before the spawn is the baseline, so the pre-session hunk never binds
 * the segment. The snapshot is made slow on purpose (a `git` in front of the real one sleeps before
 * the watcher's status): on a loaded machine or a large repository it is slow by itself.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeTree } from '../helpers/git.js';
import { setup, sh, type Sandbox } from '../helpers/scenario.js';
import { edited, preSessionHunk, session, tenLines, waitPending } from './binding-harness.js';

/** The sandbox's git sleeps 1.5 s before every status that lists untracked files (the watcher's scans). */
function slowSnapshot(sb: Sandbox): void {
  const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  const dir = join(sb.home, 'slow-git');
  mkdirSync(dir);
  writeFileSync(join(dir, 'git'), `#!/bin/sh\nfor a; do [ "$a" = --untracked-files=all ] && sleep 1.5; done\nexec ${real} "$@"\n`);
  chmodSync(join(dir, 'git'), 0o755);
  sb.env.PATH = `${dir}:${sb.env.PATH}`;
}

test('a pre-session hunk in the working tree, rewritten by the agent before the first snapshot: committing only that hunk binds nothing', { timeout: 120_000 }, async (t) => {
  await preSessionHunk(t, slowSnapshot);
});

test('a pre-session hunk staged, the file rewritten by the agent before the first snapshot: committing the index binds nothing', { timeout: 120_000 }, async (t) => {
  await preSessionHunk(t, async (sb, repo) => {
    slowSnapshot(sb);
    await sh(sb, repo, ['add', 'a.txt']);
  });
});

test('a file the agent rewrites before the first snapshot with what it held before the session: nothing of the session\'s', { timeout: 120_000 }, async (t) => {
  const { sb, repo } = setup({ 'a.txt': tenLines, 'b.txt': 'b0\n' });
  slowSnapshot(sb);
  const before = edited({ 2: 'line 2 before the session' });
  writeTree(repo, { 'a.txt': before });
  await session(t, sb, repo, [{ prompt: 'touch a, change b' }, { write: { path: 'a.txt', content: before } }, { write: { path: 'b.txt', content: 'b1\n' } }, { say: 'ANSWER-B' }]);
  await waitPending(sb, repo, ['b.txt']);
});
