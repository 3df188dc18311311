/** The warm binder's files in the store (src/bind/warm.ts): who serves, what waits, what is swept. */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { bindWarm, claimWarm, endWarm, envLine, releaseWarm, SESSION_END, stillWarm, warmInFlight, warmRequests, warmServer, WARM_ENV_KEYS } from '../../src/bind/warm.js';
import { tempDir } from '../helpers/git.js';
import { waitFor } from '../helpers/wait.js';

function store(t: { after: (fn: () => void) => void }): string {
  const dir = tempDir('aisess-warm-');
  t.after(dir.cleanup);
  return dir.path;
}

const goneProcess = (): number => spawnSync(process.execPath, ['-e', '']).pid!;
const sha = (c: string) => c.repeat(40);

test('one process serves a store: a second claim loses, a claim on a pid file of a process that is gone wins', async (t) => {
  const dir = store(t);
  assert.equal(await claimWarm(dir, { HOME: '/h', PATH: '/bin' }), true);
  assert.deepEqual(await warmServer(dir), { pid: process.pid, env: envLine({ HOME: '/h', PATH: '/bin' }) });
  assert.equal(await claimWarm(dir, {}), false, 'this process already serves');
  assert.equal(stillWarm(dir), true);
  releaseWarm(dir);
  assert.equal(await warmServer(dir), null);
  assert.equal(stillWarm(dir), false);

  const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  t.after(() => other.kill('SIGKILL'));
  writeFileSync(join(dir, 'warm', 'pid'), `${other.pid}\nx\n`);
  assert.equal(await claimWarm(dir, {}), false, 'a running process serves');
  releaseWarm(dir);
  assert.equal(readFileSync(join(dir, 'warm', 'pid'), 'utf8'), `${other.pid}\nx\n`, "release leaves another's pid file");
  writeFileSync(join(dir, 'warm', 'pid'), `${goneProcess()}\nx\n`);
  assert.equal(await claimWarm(dir, {}), true, 'taken over');
  assert.deepEqual(readdirSync(join(dir, 'warm')).sort(), ['pid', `serving.${process.pid}`], 'no temporary file is left');
  endWarm(dir);
  assert.deepEqual(readdirSync(join(dir, 'warm')), [], 'ending removes the pid file and the serving mark');
});

test('a claim that loses leaves no serving mark', async (t) => {
  const dir = store(t);
  const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  t.after(() => other.kill('SIGKILL'));
  mkdirSync(join(dir, 'warm'));
  writeFileSync(join(dir, 'warm', 'pid'), `${other.pid}\nx\n`);
  assert.equal(await claimWarm(dir, {}), false);
  assert.deepEqual(readdirSync(join(dir, 'warm')), ['pid']);
});

test('the environment line lists every key in order, unset ones empty; PATH without the exec path git puts first for its hooks', () => {
  const line = (path: string) => ['/h', ...Array<string>(WARM_ENV_KEYS.length - 2).fill(''), path].join('|');
  assert.equal(envLine({ PATH: '/bin', HOME: '/h' }), line('/bin'));
  assert.equal(envLine({ PATH: '/usr/lib/git-core:/bin', HOME: '/h', GIT_EXEC_PATH: '/usr/lib/git-core' }), line('/bin'));
  assert.equal(envLine({ PATH: '/usr/lib/git-core:/bin', HOME: '/h' }), line('/usr/lib/git-core:/bin'), 'only what git says it added');
});

test('requests: only whole lines under a commit name count', async (t) => {
  const dir = store(t);
  mkdirSync(join(dir, 'warm'));
  writeFileSync(join(dir, 'warm', sha('a')), '/repo\n');
  writeFileSync(join(dir, 'warm', sha('e')), '/repo\n123\n');
  writeFileSync(join(dir, 'warm', sha('b')), '/repo');
  writeFileSync(join(dir, 'warm', sha('c')), '');
  writeFileSync(join(dir, 'warm', 'pid'), '1\n\n');
  writeFileSync(join(dir, 'warm', 'HEAD'), '/repo\n');
  writeFileSync(join(dir, 'warm', `${sha('f')}.20261206-120000-abc123`), '/repo\n\n1765000000000\n');
  writeFileSync(join(dir, 'warm', `${sha('f')}.bad.name`), '/repo\n\n1\n');
  const sorted = (await warmRequests(dir)).sort((x, y) => x.name.localeCompare(y.name));
  assert.deepEqual(sorted, [
    { name: sha('a'), commit: sha('a'), worktree: '/repo', git: null },
    { name: sha('e'), commit: sha('e'), worktree: '/repo', git: 123 },
    { name: `${sha('f')}.20261206-120000-abc123`, commit: sha('f'), worktree: '/repo', git: null, session: { id: '20261206-120000-abc123', transcriptAt: 1765000000000 } },
  ]);
});

test('in flight: a request counts while its binder runs; with the binder gone its requests are swept', async (t) => {
  const dir = store(t);
  assert.deepEqual(await warmInFlight(dir), [], 'no warm directory');
  await claimWarm(dir, {});
  assert.deepEqual(await warmInFlight(dir), [], 'nothing asked');
  writeFileSync(join(dir, 'warm', sha('d')), '/repo\n');
  assert.deepEqual(await warmInFlight(dir), [process.pid]);
  endWarm(dir);
  writeFileSync(join(dir, 'warm', 'pid'), `${goneProcess()}\n\n`);
  assert.deepEqual(await warmInFlight(dir), []);
  assert.equal(existsSync(join(dir, 'warm', sha('d'))), false);
});

test('in flight: a binder that gave up its pid file (leaving, or replaced) still serves what it was handed: readers wait for it, not sweep', async (t) => {
  const dir = store(t);
  const leaving = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  t.after(() => leaving.kill('SIGKILL'));
  mkdirSync(join(dir, 'warm'));
  writeFileSync(join(dir, 'warm', `serving.${leaving.pid}`), '');
  writeFileSync(join(dir, 'warm', `serving.${goneProcess()}`), '');
  writeFileSync(join(dir, 'warm', sha('d')), '/repo\n');
  assert.deepEqual(await warmInFlight(dir), [leaving.pid], 'no pid file: the leaving binder is waited for');
  assert.equal(existsSync(join(dir, 'warm', sha('d'))), true, 'its request stays');
  assert.deepEqual(readdirSync(join(dir, 'warm')).sort(), [sha('d'), `serving.${leaving.pid}`], "a dead binder's mark is swept");
  await claimWarm(dir, {});
  assert.deepEqual((await warmInFlight(dir)).sort(), [process.pid, leaving.pid].sort(), 'both may serve it');
  endWarm(dir);
  const gone = new Promise((resolve) => leaving.once('exit', resolve));
  leaving.kill('SIGKILL');
  await gone;
  assert.deepEqual(await warmInFlight(dir), []);
  assert.deepEqual(readdirSync(join(dir, 'warm')), [], 'with no binder left, the request and the mark go');
});

test('a session hands its bind over only to a warm binder that reads git as it does, and gets it back if that binder goes', async (t) => {
  const dir = store(t);
  const req = { commit: sha('a'), worktree: '/repo', session: 's-1', transcriptAt: 5 };
  assert.equal(await bindWarm(dir, req), false, 'none runs');
  const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  t.after(() => other.kill('SIGKILL'));
  mkdirSync(join(dir, 'warm'));
  writeFileSync(join(dir, 'warm', 'pid'), `${other.pid}\nsomething else\n`);
  assert.equal(await bindWarm(dir, req), false, 'it reads git otherwise');
  writeFileSync(join(dir, 'warm', 'pid'), `${other.pid}\n${envLine(process.env)}\n`);
  const asked = join(dir, 'warm', `${sha('a')}.s-1`);
  // Served: the request is removed once bound.
  const served = bindWarm(dir, req);
  await waitFor(() => existsSync(asked), 'the request');
  assert.equal(readFileSync(asked, 'utf8'), '/repo\n\n5\n');
  unlinkSync(asked);
  assert.equal(await served, true);
  // The binder dies before it took the request: it is taken back, the session binds by itself.
  const lost = bindWarm(dir, req);
  await waitFor(() => existsSync(asked), 'the request');
  other.kill('SIGKILL');
  assert.equal(await lost, false);
  assert.equal(existsSync(asked), false);
});

test('a session\'s last bind is handed over without waiting for it, under the null commit; with no binder the session binds it', async (t) => {
  const dir = store(t);
  const req = { commit: null, worktree: '/repo', session: 's-2', transcriptAt: 0 };
  assert.equal(await bindWarm(dir, req), false, 'none runs');
  assert.equal(existsSync(join(dir, 'warm', `${SESSION_END}.s-2`)), false);
  const server = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  t.after(() => server.kill('SIGKILL'));
  mkdirSync(join(dir, 'warm'), { recursive: true });
  writeFileSync(join(dir, 'warm', 'pid'), `${server.pid}\n${envLine(process.env)}\n`);
  // Handed over: true at once, the request left for the binder (and for readers to wait on).
  assert.equal(await bindWarm(dir, req), true);
  assert.deepEqual(await warmRequests(dir), [
    { name: `${SESSION_END}.s-2`, commit: SESSION_END, worktree: '/repo', git: null, session: { id: 's-2', transcriptAt: 0 } },
  ]);
  assert.deepEqual(await warmInFlight(dir), [server.pid]);
});

test('a session\'s last bind goes to the binder it started while that one is still starting (marked serving, alive); not a commit\'s, and not to one gone', async (t) => {
  const dir = store(t);
  const req = { commit: null, worktree: '/repo', session: 's-3', transcriptAt: 0 };
  const starting = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  t.after(() => starting.kill('SIGKILL'));
  mkdirSync(join(dir, 'warm'), { recursive: true });
  assert.equal(await bindWarm(dir, req, starting.pid), false, 'not marked serving: not one of ours on its way');
  writeFileSync(join(dir, 'warm', `serving.${starting.pid}`), '');
  assert.equal(await bindWarm(dir, { ...req, commit: sha('e') }, starting.pid), false, 'a commit\'s bind waits for its note: only a binder that claimed the store takes it');
  assert.equal(existsSync(join(dir, 'warm', `${sha('e')}.s-3`)), false);
  assert.equal(await bindWarm(dir, req, starting.pid), true);
  assert.deepEqual((await warmRequests(dir)).map((r) => r.name), [`${SESSION_END}.s-3`]);
  assert.deepEqual(await warmInFlight(dir), [starting.pid], 'readers wait for it, and leave the request alone');
  const gone = new Promise((resolve) => starting.once('exit', resolve));
  starting.kill('SIGKILL');
  await gone;
  unlinkSync(join(dir, 'warm', `${SESSION_END}.s-3`));
  assert.equal(await bindWarm(dir, req, starting.pid), false, 'gone before it claimed: the session binds it itself');
  assert.deepEqual(await warmRequests(dir), []);
});
