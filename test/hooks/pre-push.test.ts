/**
 * The pre-push hook holds a push, in plain sh and for about 10 s at most, while a background
 * binder is still writing notes; then runs the user's own pre-push hook with git's arguments and
 * stdin, whose status decides the push.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { initRepo } from '../../src/hooks/init.js';
import { git, tempDir } from '../helpers/git.js';
import { env, forksOf, hookRepo, noStrace, type HookRepo } from './hook-env.js';

async function installed(t: { after: (fn: () => void) => void }, userHook?: string): Promise<HookRepo & { prePush: string }> {
  const r = hookRepo();
  t.after(r.cleanup);
  if (userHook !== undefined) {
    mkdirSync(r.hooks, { recursive: true });
    writeFileSync(join(r.hooks, 'pre-push'), userHook, { mode: 0o755 });
  }
  await initRepo(await r.open(), r.runtime);
  mkdirSync(r.store, { recursive: true });
  return { ...r, prePush: join(r.hooks, 'pre-push') };
}

function marker(store: string, pid: number): string {
  const path = join(store, `binding.${pid}`);
  writeFileSync(path, '');
  return path;
}

/** A stand-in for a background binder: alive until killed. */
function binder(): ChildProcess {
  return spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
}

function exit(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

const markers = (store: string): string[] => readdirSync(store).filter((n) => n.startsWith('binding.')).sort();

/** A commit handed to the warm binder (`warm/<commit>`), and what names that binder (`pid` or `serving.<pid>`). */
function handedOver(r: HookRepo, binderFile: string, content: string): { request: string; marker: string } {
  const warm = join(r.store, 'warm');
  mkdirSync(warm);
  const marker = join(warm, binderFile);
  writeFileSync(marker, content);
  const request = join(warm, 'a'.repeat(40));
  writeFileSync(request, `${r.path}\n`);
  return { request, marker };
}

const push = (r: { path: string; prePush: string }): ChildProcess => spawn('sh', [r.prePush, 'origin', '/nowhere'], { cwd: r.path, env, stdio: 'ignore' });

test('a push waits while a binder runs and goes on once it is done', async (t) => {
  const r = await installed(t);
  const b = binder();
  t.after(() => b.kill('SIGKILL'));
  const path = marker(r.store, b.pid!);
  const hook = push(r);
  const done = exit(hook);
  // The binder lives: the hook is still waiting, however long this took to get here (its bound is 10 s).
  await new Promise((res) => setTimeout(res, 300));
  assert.equal(hook.exitCode, null, 'the hook waits while the binder runs');
  const killed = Date.now();
  b.kill('SIGKILL');
  assert.equal(await done, 0);
  assert.ok(Date.now() - killed < 5000, `it went on soon after the binder ended (${Date.now() - killed} ms)`);
  assert.equal(existsSync(path), false, "the dead binder's marker is removed");
});

test('a binder that does not end holds the push for about 10 s, no longer, and the push goes on', async (t) => {
  const r = await installed(t);
  const path = marker(r.store, process.pid);
  const started = Date.now();
  const code = await exit(push(r));
  const took = Date.now() - started;
  assert.equal(code, 0);
  assert.ok(took >= 9500 && took < 20_000, `waited ${took} ms`);
  assert.equal(existsSync(path), true, 'a live binder keeps its marker');
});

test('markers of binders that are gone (and names that are no pid) are removed without waiting', async (t) => {
  const r = await installed(t);
  const gone = spawn(process.execPath, ['-e', '']);
  await exit(gone);
  marker(r.store, gone.pid!);
  writeFileSync(join(r.store, 'binding.not-a-pid'), '');
  writeFileSync(join(r.store, 'binding.0'), '');
  writeFileSync(join(r.store, 'bind.lock'), '');
  const h = spawnSync('sh', [r.prePush, 'origin', '/nowhere'], { cwd: r.path, env, encoding: 'utf8', timeout: 20_000 });
  assert.equal(h.status, 0, h.stderr);
  assert.equal(h.stderr, '');
  assert.deepEqual(markers(r.store), []);
  assert.equal(existsSync(join(r.store, 'bind.lock')), true, 'only binding markers are touched');
});

test('a push waits while a commit waits for the warm binder, and goes on once it is bound; one no binder will take is dropped at once', async (t) => {
  const r = await installed(t);
  const b = binder();
  t.after(() => b.kill('SIGKILL'));
  const { request } = handedOver(r, 'pid', `${b.pid}\nenv\n`);
  const hook = push(r);
  const done = exit(hook);
  await new Promise((res) => setTimeout(res, 300));
  assert.equal(hook.exitCode, null, 'the hook waits while the request waits');
  const served = Date.now();
  unlinkSync(request);
  assert.equal(await done, 0);
  assert.ok(Date.now() - served < 5000, `it went on soon after the request was served (${Date.now() - served} ms)`);

  b.kill('SIGKILL');
  await exit(b);
  writeFileSync(request, `${r.path}\n`);
  const started = Date.now();
  const h = spawnSync('sh', [r.prePush, 'origin', '/nowhere'], { cwd: r.path, env, encoding: 'utf8', timeout: 20_000 });
  assert.equal(h.status, 0, h.stderr);
  assert.ok(Date.now() - started < 5000, `no wait for a binder that is gone (${Date.now() - started} ms)`);
  assert.equal(existsSync(request), false, 'the request is dropped (the reflog catch-up binds its commit)');
});

test('a warm binder that gave up its pid file but still serves (its serving mark) holds the push too; its mark goes once it is gone', async (t) => {
  const r = await installed(t);
  const b = binder();
  t.after(() => b.kill('SIGKILL'));
  const { request, marker: serving } = handedOver(r, `serving.${b.pid}`, '');
  const hook = push(r);
  const done = exit(hook);
  await new Promise((res) => setTimeout(res, 300));
  assert.equal(hook.exitCode, null, 'the hook waits while the leaving binder may serve the request');
  assert.equal(existsSync(request), true, 'the request is not dropped while its binder lives');
  b.kill('SIGKILL');
  assert.equal(await done, 0);
  assert.equal(existsSync(serving), false, "the dead binder's mark is removed");
  assert.equal(existsSync(request), false, 'then the request no one will serve is dropped');
});

test('with no marker the pre-push hook starts no process', { skip: noStrace ?? false }, async (t) => {
  const r = await installed(t);
  writeFileSync(join(r.store, 'hook.log'), '');
  assert.deepEqual(forksOf(r.prePush, ['origin', '/nowhere'], r.path, 'refs/heads/main 1 refs/heads/main 2\n'), { status: 0, forks: 0 });
  const gone = spawn(process.execPath, ['-e', '']);
  await exit(gone);
  marker(r.store, gone.pid!);
  const busy = forksOf(r.prePush, ['origin', '/nowhere'], r.path);
  assert.equal(busy.status, 0);
  assert.ok(busy.forks > 0, 'the trace does see the processes of the waiting path');
});

/** A user's pre-push hook that records its name, arguments and stdin, then exits with `status`. */
const userHook = (shebang: string, log: string, status: number): string =>
  `${shebang}\n{ echo "name=\${0##*/} remote=$1 url=$2"; cat; } >> '${log}'\nexit ${status}\n`;

/** A sh hook is sourced, so `$0` keeps the hook's name; another runs as a program under its own. */
const rows = [
  { shebang: '#!/bin/sh', status: 1, name: 'pre-push', how: 'a sh hook (sourced) refusing the push' },
  { shebang: '#!/bin/sh', status: 0, name: 'pre-push', how: 'a sh hook (sourced) allowing the push' },
  { shebang: '#!/bin/bash', status: 1, name: 'pre-push.aisess-chained', how: 'a bash hook (run as a program) refusing the push' },
  { shebang: '#!/bin/bash', status: 0, name: 'pre-push.aisess-chained', how: 'a bash hook (run as a program) allowing the push' },
];

for (const row of rows) {
  test(`after waiting, the user's pre-push hook gets git's arguments and refs, and decides: ${row.how}`, async (t) => {
    const logs = tempDir('aisess-user-hook-');
    t.after(logs.cleanup);
    const log = join(logs.path, 'user-hook.log');
    const r = await installed(t, userHook(row.shebang, log, row.status));
    const remote = join(logs.path, 'remote.git');
    git(logs.path, ['init', '-q', '--bare', remote]);
    git(r.path, ['remote', 'add', 'origin', remote]);
    const head = git(r.path, ['rev-parse', 'HEAD']);
    const b = binder();
    t.after(() => b.kill('SIGKILL'));
    const path = marker(r.store, b.pid!);
    const push = spawn('git', ['push', '-q', 'origin', 'main'], { cwd: r.path, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    push.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const done = exit(push);
    setTimeout(() => b.kill('SIGKILL'), 300);
    const code = await done;
    assert.equal(existsSync(path), false);
    assert.equal(readFileSync(log, 'utf8'), `name=${row.name} remote=origin url=${remote}\nrefs/heads/main ${head} refs/heads/main ${'0'.repeat(40)}\n`);
    const pushed = spawnSync('git', ['rev-parse', '-q', '--verify', 'refs/heads/main'], { cwd: remote, env, encoding: 'utf8' }).stdout.trim();
    if (row.status === 0) {
      assert.equal(code, 0, stderr);
      assert.equal(pushed, head);
    } else {
      assert.notEqual(code, 0, 'the user hook refused the push');
      assert.match(stderr, /failed to push/);
      assert.equal(pushed, '', 'nothing reached the remote');
    }
  });
}

test('a push without any hook of the user goes through', async (t) => {
  const r = await installed(t);
  const remote = tempDir('aisess-remote-');
  t.after(remote.cleanup);
  git(remote.path, ['init', '-q', '--bare']);
  git(r.path, ['push', '-q', remote.path, 'main']);
  assert.equal(git(remote.path, ['rev-parse', 'main']), git(r.path, ['rev-parse', 'HEAD']));
});
