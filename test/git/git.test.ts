import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { UserError } from '../../src/errors/user-error.js';
import { withCatFile } from '../../src/git/cat-file.js';
import { GitError, GitNotInstalledError } from '../../src/git/errors.js';
import { MkTreeBatch } from '../../src/git/mktree.js';
import { openRepo, resolveCommit, tryResolve } from '../../src/git/repo.js';
import { createGitRunner } from '../../src/git/runner.js';
import { git, gitEnv, tempDir, tempRepo } from '../helpers/git.js';

const cleanups: (() => void)[] = [];
after(() => cleanups.forEach((c) => c()));
function repoWith(): string {
  const r = tempRepo({ 'a.txt': 'a\n' });
  cleanups.push(r.cleanup);
  return r.path;
}

describe('runner', () => {
  test('a failing git carries command, exit code and stderr', async () => {
    const run = createGitRunner(repoWith(), gitEnv);
    const err = await run.run(['rev-parse', '--verify', 'nope']).catch((e: unknown) => e);
    assert.ok(err instanceof GitError);
    assert.deepEqual(err.args, ['rev-parse', '--verify', 'nope']);
    assert.equal(err.exitCode, 128);
    assert.match(err.stderr, /Needed a single revision/);
    assert.match(err.message, /`git rev-parse --verify nope` failed with exit code 128: fatal: Needed a single revision/);
  });

  test('okCodes turn an exit code into an answer; stdin is passed', async () => {
    const run = createGitRunner(repoWith(), gitEnv);
    assert.equal((await run.run(['config', '--get', 'no.such'], { okCodes: [1] })).exitCode, 1);
    assert.equal((await run.run(['hash-object', '--stdin'], { input: 'hi\n' })).stdout.trim(), '45b983be36b73c0788dc9cbcb76cbb80fc7bb057');
  });

  test('git missing from PATH is told apart, as a UserError (unavailable)', async () => {
    const run = createGitRunner(repoWith(), { PATH: '/nonexistent' });
    const err = await run.run(['status']).catch((e: unknown) => e);
    assert.ok(err instanceof GitNotInstalledError);
    assert.equal((err as UserError).kind, 'unavailable');
  });
});

describe('batches', () => {
  test('cat-file reads many objects, binary-safe, and answers null for missing ones', async () => {
    const dir = repoWith();
    const binary = Buffer.from([0, 10, 255, 10, 10, 0]);
    const big = 'x\n'.repeat(300_000);
    const run = createGitRunner(dir, gitEnv);
    const oidBin = (await run.run(['hash-object', '-w', '--stdin'], { input: binary })).stdout.trim();
    const oidBig = (await run.run(['hash-object', '-w', '--stdin'], { input: big })).stdout.trim();
    await withCatFile(run, async (cat) => {
      const [a, missing, spaced, b, commit] = await Promise.all([
        cat.read(oidBin), cat.read('HEAD:nope'), cat.read('HEAD:no such file.txt'), cat.read(oidBig), cat.read('HEAD^{commit}'),
      ]);
      assert.deepEqual(a!.data, binary);
      assert.equal(missing, null);
      assert.equal(spaced, null, 'a missing name with spaces is a missing answer, not a bad header');
      assert.equal(b!.data.toString(), big);
      assert.equal(commit!.type, 'commit');
      await assert.rejects(cat.read('a\nb'), /newline/);
    });
  });

  test('mktree --batch writes trees bottom-up in one process', async () => {
    const dir = repoWith();
    const run = createGitRunner(dir, gitEnv);
    const blob = git(dir, ['rev-parse', 'HEAD:a.txt']);
    const mk = new MkTreeBatch(run);
    const inner = await mk.write([{ mode: '100644', type: 'blob', oid: blob, name: 'x' }]);
    const outer = await mk.write([{ mode: '040000', type: 'tree', oid: inner, name: 'd' }, { mode: '100644', type: 'blob', oid: blob, name: 'a' }]);
    mk.close();
    assert.equal(git(dir, ['ls-tree', '-r', '--name-only', outer]), 'a\nd/x');
  });
});

describe('repo', () => {
  test('work tree, linked worktree, .git dir, bare, not a repo', async () => {
    const dir = repoWith();
    const main = await openRepo(`${dir}/`);
    assert.deepEqual([main.workTree, main.bare, main.gitDir, main.commonDir], [dir, false, `${dir}/.git`, `${dir}/.git`]);
    const wt = tempDir('aisess-wt-');
    cleanups.push(wt.cleanup);
    git(dir, ['worktree', 'add', '-q', `${wt.path}/w`]);
    const linked = await openRepo(`${wt.path}/w`);
    assert.deepEqual([linked.workTree, linked.commonDir, linked.gitDir], [`${wt.path}/w`, `${dir}/.git`, `${dir}/.git/worktrees/w`]);
    const inGitDir = await openRepo(`${dir}/.git`);
    assert.equal(inGitDir.workTree, null);
    await assert.rejects(openRepo(`${dir}/.git`, { requireWorkTree: true }), (e: unknown) => e instanceof UserError && e.kind === 'notRepo');
    git(wt.path, ['init', '-q', '--bare', 'b.git']);
    assert.equal((await openRepo(`${wt.path}/b.git`)).bare, true);
    const none = tempDir('aisess-none-');
    cleanups.push(none.cleanup);
    await assert.rejects(openRepo(none.path, { env: { GIT_CEILING_DIRECTORIES: none.path } }), (e: unknown) => e instanceof UserError && e.kind === 'notRepo' && /not a git repository/.test(e.message));
  });

  test('resolveCommit gives full ids and a notFound UserError', async () => {
    const dir = repoWith();
    const repo = await openRepo(dir);
    assert.equal(await resolveCommit(repo, 'HEAD'), git(dir, ['rev-parse', 'HEAD']));
    assert.equal(await resolveCommit(repo, 'main'), git(dir, ['rev-parse', 'HEAD']));
    await assert.rejects(resolveCommit(repo, 'nope'), (e: unknown) => e instanceof UserError && e.kind === 'notFound');
    assert.equal(await tryResolve(repo, '--all'), null);
    assert.equal(await tryResolve(repo, 'HEAD:a.txt'), git(dir, ['rev-parse', 'HEAD:a.txt']));
  });
});
