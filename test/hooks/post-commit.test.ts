/**
 * The post-commit hook tells the binder which commit fired it: the binder runs in the background,
 * and by then HEAD may be a later commit. With nothing pending it starts no process at all.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { envLine } from '../../src/bind/warm.js';
import { initRepo } from '../../src/hooks/init.js';
import { git, writeTree } from '../helpers/git.js';
import { waitFor } from '../helpers/wait.js';
import { env, forksOf, hookRepo, markPending, noStrace } from './hook-env.js';

function commit(cwd: string, content: string): string {
  writeTree(cwd, { 'a.txt': `${content}\n` });
  const r = spawnSync('git', ['commit', '-qam', content], { cwd, env, encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.status, 0, r.stderr);
  return git(cwd, ['rev-parse', 'HEAD']);
}

test('two commits back to back: each run of the binder is given the commit that fired it', async (t) => {
  const r = hookRepo();
  t.after(r.cleanup);
  await initRepo(await r.open(), r.runtime);
  markPending(r.store);
  const first = commit(r.path, 'one');
  const second = commit(r.path, 'two');
  assert.notEqual(first, second);
  const runs = await waitFor(() => (r.runs().length >= 2 ? r.runs() : undefined), 'two binder runs');
  assert.deepEqual(runs.sort(), [`hook post-commit ${first}`, `hook post-commit ${second}`].sort());
});

test('a commit in a linked worktree passes that worktree\'s new commit', async (t) => {
  const r = hookRepo();
  t.after(r.cleanup);
  await initRepo(await r.open(), r.runtime);
  markPending(r.store);
  const linked = join(r.path, '..', `${r.path.split('/').pop()}-wt`);
  git(r.path, ['worktree', 'add', '-q', '-b', 'side', linked]);
  t.after(() => spawnSync('rm', ['-rf', linked]));
  const id = commit(linked, 'side');
  const runs = await waitFor(() => (r.runs().length ? r.runs() : undefined), 'the binder run');
  assert.deepEqual(runs, [`hook post-commit ${id}`]);
  assert.notEqual(git(r.path, ['rev-parse', 'HEAD']), id);
});

test('with nothing pending the post-commit hook starts no process; with something pending it does', { skip: noStrace ?? false }, async (t) => {
  const r = hookRepo();
  t.after(r.cleanup);
  await initRepo(await r.open(), r.runtime);
  const hook = join(r.hooks, 'post-commit');
  const idle = forksOf(hook, [], r.path);
  assert.deepEqual(idle, { status: 0, forks: 0 });
  markPending(r.store);
  const busy = forksOf(hook, [], r.path);
  assert.equal(busy.status, 0);
  assert.ok(busy.forks > 0, 'the trace does see the processes of the slow path');
  const id = git(r.path, ['rev-parse', 'HEAD']);
  assert.deepEqual(await waitFor(() => (r.runs().length ? r.runs() : undefined), 'the binder run'), [`hook post-commit ${id}`]);
});

/** A stand-in warm binder: this test process, reading git with `readsWith`. */
function standInWarm(store: string, readsWith: NodeJS.ProcessEnv): void {
  mkdirSync(join(store, 'warm'), { recursive: true });
  writeFileSync(join(store, 'warm', 'pid'), `${process.pid}\n${envLine(readsWith)}\n`);
}

test('with a warm binder running the hook hands it the commit, its working tree and its git, starting no process', { skip: noStrace ?? false }, async (t) => {
  const r = hookRepo();
  t.after(r.cleanup);
  await initRepo(await r.open(), r.runtime);
  markPending(r.store);
  standInWarm(r.store, env);
  const id = git(r.path, ['rev-parse', 'HEAD']);
  assert.deepEqual(forksOf(join(r.hooks, 'post-commit'), [], r.path), { status: 0, forks: 0 });
  // The working tree, and the pid of what ran the hook (git; here strace).
  assert.match(readFileSync(join(r.store, 'warm', id), 'utf8'), new RegExp(`^${r.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n[1-9][0-9]*\n$`));
  assert.deepEqual(r.runs(), [], 'no cold binder');
});

test('a warm binder that reads git otherwise, or is gone, is not handed the commit: a cold binder is started', async (t) => {
  const r = hookRepo();
  t.after(r.cleanup);
  await initRepo(await r.open(), r.runtime);
  markPending(r.store);
  standInWarm(r.store, { ...env, GIT_CONFIG_GLOBAL: '/elsewhere' });
  const first = commit(r.path, 'one');
  assert.deepEqual(await waitFor(() => (r.runs().length ? r.runs() : undefined), 'the binder run'), [`hook post-commit ${first}`]);
  const gone = spawnSync(process.execPath, ['-e', '']).pid!;
  writeFileSync(join(r.store, 'warm', 'pid'), `${gone}\n${envLine(env)}\n`);
  const second = commit(r.path, 'two');
  await waitFor(() => r.runs().length >= 2, 'the second binder run');
  assert.deepEqual(r.runs().sort(), [`hook post-commit ${first}`, `hook post-commit ${second}`].sort());
  assert.deepEqual(readdirSync(join(r.store, 'warm')), ['pid'], 'no request was left for either');
});

test('a warm binder that has exited but is not reaped yet (a zombie: kill -0 still finds it) is taken as gone', async (t) => {
  const r = hookRepo();
  t.after(r.cleanup);
  await initRepo(await r.open(), r.runtime);
  markPending(r.store);
  // The shell becomes `sleep 20` at once, which never waits for its child: that child, ending a
  // second later (after the exec, however loaded the machine), stays a zombie.
  const holder = spawn('sh', ['-c', '(sleep 1) & echo $!; exec sleep 20'], { stdio: ['ignore', 'pipe', 'ignore'] });
  t.after(() => holder.kill('SIGKILL'));
  const zombie = Number(await new Promise<string>((res) => holder.stdout!.once('data', (d: Buffer) => res(d.toString().trim()))));
  const state = () => {
    try {
      return readFileSync(`/proc/${zombie}/stat`, 'utf8').split(') ')[1]?.[0];
    } catch {
      return 'gone';
    }
  };
  assert.equal(await waitFor(() => (state() === 'Z' || state() === 'gone' ? state() : null), 'the zombie'), 'Z', 'a zombie, not reaped');
  standInWarm(r.store, env);
  writeFileSync(join(r.store, 'warm', 'pid'), `${zombie}\n${envLine(env)}\n`);
  const id = commit(r.path, 'one');
  assert.deepEqual(await waitFor(() => (r.runs().length ? r.runs() : undefined), 'the cold binder run'), [`hook post-commit ${id}`]);
  assert.deepEqual(readdirSync(join(r.store, 'warm')), ['pid']);
});
