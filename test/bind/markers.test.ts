/**
 * `binding.<pid>` markers never outlive their binder: a real binder (the built CLI's `hook bind`)
 * removes its own marker when it ends, also when killed by SIGTERM, SIGHUP or SIGINT; markers of
 * binders that are gone (SIGKILL, or marked after they ended) are swept by the next binder and by
 * `aisess status`.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { inFlightPath } from '../../src/bind/in-flight.js';
import { bindLockPath } from '../../src/bind/bind-lock.js';
import { markPending, pendingPath } from '../../src/bind/pending-file.js';
import { cliArgv, runCli } from '../helpers/cli.js';
import { gitEnv, tempRepo } from '../helpers/git.js';
import { waitFor } from '../helpers/wait.js';

const env = { ...process.env, ...gitEnv };

function repoWithStore(): { path: string; store: string; cleanup: () => void } {
  const repo = tempRepo({ 'a.txt': 'a\n' });
  const store = join(repo.path, '.git', 'aisess');
  mkdirSync(store, { recursive: true });
  return { ...repo, store };
}

/** The pid of a process that has ended (and been reaped). */
async function deadPid(): Promise<number> {
  const gone = spawn(process.execPath, ['-e', '']);
  await new Promise((r) => gone.on('exit', r));
  return gone.pid!;
}

const markers = (store: string): string[] => readdirSync(store).filter((n) => n.startsWith('binding.')).sort();

/**
 * A background binder (`aisess hook bind`) held at the bind lock, which this live test process
 * takes first, with its own in-flight marker and a stale one from a dead binder. The stale one is
 * written before the binder starts: it sweeps once, at its start, before it waits for the lock.
 */
async function heldBinder(r: ReturnType<typeof repoWithStore>) {
  await markPending(r.store, 'sess-1', null, Date.now());
  writeFileSync(bindLockPath(r.store), JSON.stringify({ pid: process.pid, host: hostname(), at: Date.now() }));
  const stale = inFlightPath(r.store, await deadPid());
  writeFileSync(stale, '');
  const [file, args] = cliArgv(['hook', 'bind']);
  const child = spawn(file, args, { cwd: r.path, env, stdio: 'ignore' });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, sig) => resolve(sig ?? code)));
  const own = inFlightPath(r.store, child.pid!);
  writeFileSync(own, '');
  await waitFor(() => !existsSync(stale), 'the binder to sweep the stale marker', 30_000);
  return { child, exited, own };
}

for (const signal of ['SIGTERM', 'SIGHUP', 'SIGINT'] as const) {
  test(`a binder killed by ${signal} removes its own marker, sweeps stale ones, and dies by the signal`, async (t) => {
    const r = repoWithStore();
    t.after(r.cleanup);
    const { child, exited, own } = await heldBinder(r);
    assert.equal(existsSync(own), true, 'a live binder keeps its marker');
    child.kill(signal);
    assert.equal(await exited, signal);
    assert.deepEqual(markers(r.store), []);
    assert.equal(existsSync(pendingPath(r.store, 'sess-1')), true, 'what was pending stays pending');
  });
}

test('a binder that ends normally leaves no marker', async (t) => {
  const r = repoWithStore();
  t.after(r.cleanup);
  const { exited } = await heldBinder(r);
  unlinkSync(bindLockPath(r.store));
  assert.equal(await exited, 0);
  assert.deepEqual(markers(r.store), []);
});

test('`aisess status` sweeps the markers of binders that are gone and keeps a live one', async (t) => {
  const r = repoWithStore();
  t.after(r.cleanup);
  const dead = [await deadPid(), await deadPid()];
  for (const pid of dead) writeFileSync(inFlightPath(r.store, pid), '');
  writeFileSync(join(r.store, 'binding.not-a-pid'), '');
  const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  t.after(() => live.kill('SIGKILL'));
  writeFileSync(inFlightPath(r.store, live.pid!), '');
  const res = runCli(['status'], { cwd: r.path, env });
  assert.equal(res.status, 0, res.stderr);
  assert.deepEqual(markers(r.store), [`binding.${live.pid}`]);
});
