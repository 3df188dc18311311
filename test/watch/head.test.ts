import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, test } from 'node:test';
import { createGitRunner, type GitRunner } from '../../src/git/runner.js';
import { watchHead, type SeenCommit } from '../../src/watch/head.js';
import { git, gitEnv, tempRepo } from '../helpers/git.js';
import { waitFor } from '../helpers/wait.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

async function setup(cwd: string, pollMs = 1000, watchFs = true) {
  const seen: SeenCommit[] = [];
  const errors: unknown[] = [];
  const w = watchHead({ cwd, onCommit: (c) => seen.push(c), onError: (e) => errors.push(e), pollMs, maxPollMs: pollMs, watchFs });
  cleanups.push(() => w.stop());
  w.start();
  await w.ready();
  return { seen, errors, w };
}

function repo(tree: Record<string, string> = { 'a.txt': 'a\n' }) {
  const r = tempRepo(tree);
  cleanups.push(r.cleanup);
  return r.path;
}

/** Commits with a distinct date so ids differ from any earlier commit with the same tree. */
function commit(cwd: string, file: string, content: string, extra: string[] = [], date = '2026-01-02T00:00:00Z') {
  writeFileSync(join(cwd, file), content);
  execFileSync('git', ['commit', '-qam', `edit ${file}`, ...extra], { cwd, env: { ...process.env, ...gitEnv, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
  return git(cwd, ['rev-parse', 'HEAD']);
}

const metaOf = (cwd: string, rev: string) => {
  const [commit, tree, ...parents] = git(cwd, ['log', '-1', '--format=%H %T %P', rev]).split(' ');
  return { commit: commit!, tree: tree!, parents };
};

describe('git watcher', () => {
  test('a commit made by another process is reported once with parents, tree, ref, worktree', async () => {
    const root = repo();
    const { seen, errors, w } = await setup(root);
    const c = commit(root, 'a.txt', 'b\n');
    await waitFor(() => seen.length > 0, 'the commit');
    await w.flush();
    assert.deepEqual(seen, [{ ...metaOf(root, c), ref: 'refs/heads/main', worktree: root }]);
    assert.deepEqual(errors, []);
  });

  test('an amend is reported with amendOf', async () => {
    const root = repo();
    const { seen } = await setup(root);
    const first = commit(root, 'a.txt', 'b\n');
    await waitFor(() => seen.length === 1, 'the first commit');
    const amended = commit(root, 'a.txt', 'c\n', ['--amend'], '2026-01-03T00:00:00Z');
    await waitFor(() => seen.length === 2, 'the amend');
    assert.deepEqual(seen[1], { ...metaOf(root, amended), ref: 'refs/heads/main', worktree: root, amendOf: first });
    assert.equal(seen[0]!.amendOf, undefined);
  });

  test('a commit in a linked worktree is reported with that worktree and branch', async () => {
    const root = repo();
    const wt = `${root} linked`;
    git(root, ['worktree', 'add', '-q', '-b', 'side', wt]);
    cleanups.push(() => rmSync(wt, { recursive: true, force: true }));
    const { seen } = await setup(root);
    const c = commit(wt, 'a.txt', 'side\n');
    await waitFor(() => seen.length > 0, 'the linked commit');
    assert.deepEqual(seen, [{ ...metaOf(root, c), ref: 'refs/heads/side', worktree: wt }]);
  });

  test('a commit on a detached HEAD is reported with ref HEAD', async () => {
    const root = repo();
    git(root, ['checkout', '-q', '--detach']);
    const { seen } = await setup(root);
    const c = commit(root, 'a.txt', 'detached\n');
    await waitFor(() => seen.length > 0, 'the detached commit');
    assert.deepEqual(seen, [{ ...metaOf(root, c), ref: 'HEAD', worktree: root }]);
  });

  test('a rebase produces the rewritten commits, oldest first; moving back reports nothing', async () => {
    const root = repo();
    git(root, ['checkout', '-q', '-b', 'topic']);
    commit(root, 'a.txt', 't1\n', [], '2026-01-02T00:00:00Z');
    commit(root, 'a.txt', 't2\n', [], '2026-01-03T00:00:00Z');
    git(root, ['checkout', '-q', 'main']);
    writeFileSync(join(root, 'b.txt'), 'b\n');
    git(root, ['add', 'b.txt']);
    git(root, ['commit', '-qm', 'main side']);
    git(root, ['checkout', '-q', 'topic']);
    const { seen, w } = await setup(root);
    execFileSync('git', ['rebase', '-q', 'main'], { cwd: root, env: { ...process.env, ...gitEnv } });
    const rebased = git(root, ['rev-list', '--reverse', 'main..topic']).split('\n');
    await waitFor(() => rebased.every((c) => seen.some((s) => s.commit === c)), 'the rebased commits');
    git(root, ['reset', '-q', '--hard', 'main']);
    await w.flush();
    await w.flush();
    assert.deepEqual(seen.map((s) => s.commit), rebased);
  });

  test('the poll alone finds commits (no fs events needed)', async () => {
    const root = repo();
    const { seen } = await setup(root, 200, false);
    const c = commit(root, 'a.txt', 'polled\n');
    await waitFor(() => seen.length > 0, 'the commit');
    assert.equal(seen[0]!.commit, c);
  });
  test('given the common dir, the fs trigger watches it without asking git, and reports a commit long before the poll', async () => {
    const root = repo();
    const real = createGitRunner(root, gitEnv);
    const asked: string[][] = [];
    const spy: GitRunner = { ...real, run: (args, opts) => (asked.push([...args]), real.run(args, opts)) };
    const commonDir = git(root, ['rev-parse', '--path-format=absolute', '--git-common-dir']);
    const alive = setInterval(() => {}, 1000);
    cleanups.push(() => clearInterval(alive));
    const seen: SeenCommit[] = [];
    // A poll far beyond the wait: only the fs trigger on commonDir can report the commit in time.
    const w = watchHead({ cwd: root, git: spy, commonDir, onCommit: (c) => seen.push(c), pollMs: 60_000, maxPollMs: 60_000 });
    cleanups.push(() => w.stop());
    w.start();
    await w.ready();
    await new Promise((r) => setTimeout(r, 100));
    const c = commit(root, 'a.txt', 'triggered\n');
    await waitFor(() => seen.length > 0, 'the commit', 10_000);
    assert.deepEqual(seen.map((s) => s.commit), [c]);
    assert.deepEqual(asked.filter((a) => a.includes('--git-common-dir')), []);
  });

  test('a commit landing between the two reads of a look (its branch moved, HEAD not yet) is still reported', async () => {
    const root = repo();
    const real = createGitRunner(root, gitEnv);
    const before = (await real.run(['worktree', 'list', '--porcelain', '-z'])).stdout;
    // After the commit, one look reads the worktrees as they were before it and the refs as they are.
    let stale = false;
    const racy: GitRunner = {
      ...real,
      run: (args, opts) => {
        if (stale && args[0] === 'worktree') {
          stale = false;
          return Promise.resolve({ stdout: before, stderr: '', exitCode: 0 });
        }
        return real.run(args, opts);
      },
    };
    // The watcher's timers never keep a process alive; this test's process must stay up for them.
    const alive = setInterval(() => {}, 1000);
    cleanups.push(() => clearInterval(alive));
    const seen: SeenCommit[] = [];
    const w = watchHead({ cwd: root, git: racy, onCommit: (c) => seen.push(c), pollMs: 100, maxPollMs: 100, watchFs: false });
    cleanups.push(() => w.stop());
    w.start();
    await w.ready();
    const c = commit(root, 'a.txt', 'b\n');
    stale = true;
    await w.flush();
    assert.equal(stale, false, 'the racy look happened');
    await waitFor(() => seen.length > 0, 'the commit');
    assert.deepEqual(seen.map((s) => s.commit), [c]);
  });
});
