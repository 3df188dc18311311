/**
 * The warm binder (src/bind/warm.ts), with the real hooks and CLI: the first commit's cold binder
 * leaves one behind, the next commits are handed to it and bound by it; readers wait for what it
 * was handed; it leaves when idle, undone or killed, and nothing it was handed is lost.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, realpathSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { bindersInFlight, waitForBinders } from '../../src/bind/in-flight.js';
import { SESSION_END } from '../../src/bind/warm.js';
import { pidExists } from '../../src/os/process.js';
import { recordSession } from '../bind/session.js';
import { cliEntry, runCli } from '../helpers/cli.js';
import { git, gitEnv, tempDir, tempRepo, writeTree } from '../helpers/git.js';
import { cliInTerminal } from '../helpers/term.js';
import { eventually, waitFor } from '../helpers/wait.js';

const caDir = tempDir('aisess-warm-ca-');
process.on('exit', caDir.cleanup);
const extraCerts = join(caDir.path, 'extra-ca.pem');
writeFileSync(extraCerts, '');
/** As on a machine with a CA bundle of its own: aisess's binders run without it (src/os/node-env.ts). */
const env = { ...process.env, ...gitEnv, NODE_EXTRA_CA_CERTS: extraCerts };

/** A repository with aisess's hooks (installed by `cli`: the built one, or a copy of it). */
function repo(t: { after: (fn: () => void) => void }, config: Record<string, string> = {}, cli = cliEntry()) {
  const dir = tempRepo({ 'a.txt': 'a0\n', 'b.txt': 'b0\n', 'c.txt': 'c0\n' });
  const path = realpathSync(dir.path);
  const store = join(path, '.git', 'aisess');
  t.after(() => {
    const server = serverPid(store);
    dir.cleanup();
    // Its store gone, it leaves at its next look; a test that failed midway must not leave it either.
    if (server && pidExists(server)) process.kill(server, 'SIGKILL');
  });
  // Ten minutes, the default (the suite's global config says 5 s).
  for (const [k, v] of Object.entries({ 'aisess.warmBinder': '10m', ...config })) git(path, ['config', k, v]);
  assert.equal(spawnSync(process.execPath, [cli, 'init', '-q'], { cwd: path, env }).status, 0);
  return { path, store };
}

function serverPid(store: string): number | null {
  try {
    const pid = Number(readFileSync(join(store, 'warm', 'pid'), 'utf8').split('\n')[0]);
    return pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** The pid of the warm binder serving the store, once one runs. */
const warmServer = (store: string) => waitFor(() => {
  const pid = serverPid(store);
  return pid !== null && pidExists(pid) ? pid : null;
}, 'a warm binder');

function commit(cwd: string, files: string[], message: string, gitArgs: string[] = []): string {
  const r = spawnSync('git', [...gitArgs, 'commit', '-qm', message, '--', ...files], { cwd, env, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return git(cwd, ['rev-parse', 'HEAD']);
}

function noteIds(cwd: string, rev: string): string[] {
  const r = spawnSync('git', ['notes', '--ref=aisess', 'show', rev], { cwd, env, encoding: 'utf8' });
  return r.status === 0 ? [...r.stdout.matchAll(/^# aisess (\S+)/gm)].map((m) => m[1]!).sort() : [];
}

const boundIds = (cwd: string, rev: string, want: number) => eventually(() => noteIds(cwd, rev), (ids) => ids.length >= want, { timeoutMs: 30_000, intervalMs: 50 });

/** The hook log's lines about a commit. */
const logged = (store: string, sha: string): string[] =>
  (existsSync(join(store, 'hook.log')) ? readFileSync(join(store, 'hook.log'), 'utf8') : '').split('\n').filter((l) => l.includes(sha.slice(0, 12)));

/** The binder logs a commit after its note is written (and what waits is settled): its lines once there. */
const loggedOnce = (store: string, sha: string) => waitFor(() => (logged(store, sha).length ? logged(store, sha) : null), `the hook log's line for ${sha.slice(0, 12)}`);

test('the first commit binds cold and leaves a warm binder; the next ones are bound by it, and a reader waits for them', async (t) => {
  const r = repo(t);
  const s = await recordSession(r.path, [{ write: { 'a.txt': 'a1\n' } }, { write: { 'b.txt': 'b1\n' } }, { write: { 'c.txt': 'c1\n' } }]);
  const first = commit(r.path, ['a.txt'], 'a');
  assert.deepEqual(await boundIds(r.path, first, 1), [`${s.id}:0`]);
  const pid = await warmServer(r.store);
  assert.match(readFileSync(`/proc/${pid}/cmdline`, 'utf8'), /^aisess binder/, 'named for ps');
  assert.equal(readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').some((v) => v.startsWith('NODE_EXTRA_CA_CERTS=')), false, 'no CA bundle parsed at its start');

  const second = commit(r.path, ['b.txt'], 'b');
  assert.deepEqual(await boundIds(r.path, second, 1), [`${s.id}:1`]);
  assert.match((await loggedOnce(r.store, second)).join('\n'), /bound .* \(warm\)$/m, 'the warm binder bound it');
  assert.equal(logged(r.store, second).some((l) => !l.endsWith('(warm)')), false, 'and no cold binder');

  // Right after the commit returns the request may not be served yet: `show` waits for it.
  const third = commit(r.path, ['c.txt'], 'c');
  const shown = runCli(['show', 'HEAD', '--json'], { cwd: r.path, env });
  assert.equal(shown.status, 0, shown.stderr);
  assert.deepEqual((JSON.parse(shown.stdout) as { segments: { id: string }[] }).segments.map((g) => g.id), [`${s.id}:2`]);
  assert.equal(serverPid(r.store), pid, 'the same binder served every commit');
  assert.equal((await loggedOnce(r.store, third)).every((l) => l.endsWith('(warm)')), true);
  const doctor = JSON.parse(runCli(['doctor', '--json'], { cwd: r.path, env }).stdout) as { checks: { id: string; level: string; data?: { pid: number | null } }[] };
  const warm = doctor.checks.find((c) => c.id === 'warm-binder');
  assert.deepEqual([warm?.level, warm?.data?.pid], ['ok', pid], 'doctor names it');
});

test('a commit made with other git settings (`git -c`) is bound by a cold binder of its own, which leaves a binder for those settings', async (t) => {
  const r = repo(t);
  const s = await recordSession(r.path, [{ write: { 'a.txt': 'a1\n' } }, { write: { 'b.txt': 'b1\n' } }, { write: { 'c.txt': 'c1\n' } }]);
  commit(r.path, ['a.txt'], 'a');
  const first = await warmServer(r.store);
  const settings = ['-c', 'aisess.keepThinking=true'];
  const other = commit(r.path, ['b.txt'], 'b', settings);
  assert.deepEqual(await boundIds(r.path, other, 1), [`${s.id}:1`]);
  const lines = await loggedOnce(r.store, other);
  assert.equal(lines.length, 1, lines.join('\n'));
  assert.doesNotMatch(lines[0]!, /\(warm\)/);
  // The latest settings win: the first binder was sent away, a commit with the same settings binds warm.
  await waitFor(() => !pidExists(first), 'the binder of the old settings to leave');
  const second = await warmServer(r.store);
  const again = commit(r.path, ['c.txt'], 'c', settings);
  assert.deepEqual(await boundIds(r.path, again, 1), [`${s.id}:2`]);
  assert.match((await loggedOnce(r.store, again)).join('\n'), /\(warm\)$/m);
  assert.equal(serverPid(r.store), second);
});

test('the warm binder leaves after aisess.warmBinder without a commit, and a commit after that binds cold', async (t) => {
  const r = repo(t, { 'aisess.warmBinder': '1s' });
  const s = await recordSession(r.path, [{ write: { 'a.txt': 'a1\n' } }, { write: { 'b.txt': 'b1\n' } }]);
  commit(r.path, ['a.txt'], 'a');
  const pid = await warmServer(r.store);
  await waitFor(() => !pidExists(pid), 'the idle binder to leave');
  assert.equal(existsSync(join(r.store, 'warm', 'pid')), false, 'it took its pid file with it');
  const later = commit(r.path, ['b.txt'], 'b');
  assert.deepEqual(await boundIds(r.path, later, 1), [`${s.id}:1`]);
  assert.doesNotMatch((await loggedOnce(r.store, later)).join('\n'), /\(warm\)/);
});

test('aisess.warmBinder off: no binder stays after the hook', async (t) => {
  const r = repo(t, { 'aisess.warmBinder': 'off' });
  const s = await recordSession(r.path, [{ write: { 'a.txt': 'a1\n' } }]);
  const first = commit(r.path, ['a.txt'], 'a');
  assert.deepEqual(await boundIds(r.path, first, 1), [`${s.id}:0`]);
  // The cold binder would have started the warm one before it ended.
  await waitForBinders(r.store, 30_000);
  assert.deepEqual(await bindersInFlight(r.store), []);
  assert.equal(serverPid(r.store), null);
});

test('`aisess init --undo` sends the warm binder away', async (t) => {
  const r = repo(t);
  await recordSession(r.path, [{ write: { 'a.txt': 'a1\n' } }]);
  commit(r.path, ['a.txt'], 'a');
  const pid = await warmServer(r.store);
  assert.equal(runCli(['init', '--undo', '-q'], { cwd: r.path, env }).status, 0);
  await waitFor(() => !pidExists(pid), 'the binder to leave');
});

test('a killed warm binder loses nothing: a commit it never took is bound from the reflog, the next hook starts another', async (t) => {
  const r = repo(t);
  const s = await recordSession(r.path, [{ write: { 'a.txt': 'a1\n' } }, { write: { 'b.txt': 'b1\n' } }, { write: { 'c.txt': 'c1\n' } }]);
  commit(r.path, ['a.txt'], 'a');
  const pid = await warmServer(r.store);
  // Handed a commit it never gets to: stopped, then killed.
  process.kill(pid, 'SIGSTOP');
  const stranded = commit(r.path, ['b.txt'], 'b');
  assert.equal(existsSync(join(r.store, 'warm', stranded)), true, 'the hook handed the commit over');
  process.kill(pid, 'SIGKILL');
  await waitFor(() => !pidExists(pid), 'the binder to be gone');
  // A reader does not wait for a binder that is gone; `status` binds what it was handed.
  const started = Date.now();
  const shown = runCli(['show', stranded], { cwd: r.path, env });
  assert.ok(Date.now() - started < 8000, `show did not wait out its 10 s bound (${Date.now() - started} ms)`);
  assert.notEqual(shown.status, null);
  assert.equal(existsSync(join(r.store, 'warm', stranded)), false, 'the stranded request was swept');
  assert.equal(runCli(['status', '-q'], { cwd: r.path, env }).status, 0);
  assert.deepEqual(noteIds(r.path, stranded), [`${s.id}:1`]);
  // The stale pid file does not fool the hook: the next commit binds cold and leaves a new binder.
  const next = commit(r.path, ['c.txt'], 'c');
  assert.deepEqual(await boundIds(r.path, next, 1), [`${s.id}:2`], readFileSync(join(r.store, 'hook.log'), 'utf8'));
  const again = await warmServer(r.store);
  assert.notEqual(again, pid);
});

test('a warm binder on its way out still binds what it was handed: a reader meanwhile waits for it and leaves its request alone', async (t) => {
  const r = repo(t);
  const s = await recordSession(r.path, [{ write: { 'a.txt': 'a1\n' } }, { write: { 'b.txt': 'b1\n' } }]);
  commit(r.path, ['a.txt'], 'a');
  const pid = await warmServer(r.store);
  process.kill(pid, 'SIGSTOP');
  t.after(() => pidExists(pid) && process.kill(pid, 'SIGCONT'));
  const handed = commit(r.path, ['b.txt'], 'b');
  assert.equal(existsSync(join(r.store, 'warm', handed)), true, 'the hook handed the commit over');
  // As the binder does when it goes (idle, or sent away): its pid file first, then a last round.
  unlinkSync(join(r.store, 'warm', 'pid'));
  assert.deepEqual(await bindersInFlight(r.store), [pid], 'a reader waits for the binder still there');
  assert.equal(existsSync(join(r.store, 'warm', handed)), true, 'and does not sweep its request');
  process.kill(pid, 'SIGCONT');
  assert.deepEqual(await boundIds(r.path, handed, 1), [`${s.id}:1`]);
  assert.match((await loggedOnce(r.store, handed)).join('\n'), /\(warm\)$/m, 'bound by that binder, on its way out');
  await waitFor(() => !pidExists(pid), 'the binder to leave');
  assert.equal(existsSync(join(r.store, 'warm', `serving.${pid}`)), false, 'its serving mark left with it');
});

test('a session\'s last bind is handed to the warm binder: aisess exits at once, no binder of its own starts', async (t) => {
  const r = repo(t);
  // Every node process the session starts, by its arguments.
  const ran = join(caDir.path, `ran-${Date.now()}.log`);
  const trace = join(caDir.path, `trace-${Date.now()}.cjs`);
  writeFileSync(trace, `require('fs').appendFileSync(${JSON.stringify(ran)}, process.argv.slice(2).join(' ') + '\\n');\n`);
  const go = join(r.path, '.git', 'go');
  const term = cliInTerminal(['run', '--', 'sh', '-c', `echo b1 > b.txt; while [ ! -e ${go} ]; do sleep 0.05; done`], {
    cwd: r.path, env: { ...env, NODE_OPTIONS: `--require ${trace}` },
  });
  t.after(() => term.dispose());
  // The session's first change started the binder; stopped, it takes nothing until the test says.
  const pid = await warmServer(r.store);
  process.kill(pid, 'SIGSTOP');
  t.after(() => pidExists(pid) && process.kill(pid, 'SIGCONT'));
  writeFileSync(go, '');
  assert.deepEqual(await term.exited, { code: 0 }, term.output());
  const asked = readdirSync(join(r.store, 'warm')).filter((n) => n.startsWith(`${SESSION_END}.`));
  assert.equal(asked.length, 1, 'the last bind waits for the binder as a request');
  assert.deepEqual(readFileSync(ran, 'utf8').split('\n').filter((l) => l.startsWith('hook ')), ['hook serve'], 'and no binder of the session\'s own ran');
  assert.deepEqual(await bindersInFlight(r.store), [pid], 'readers wait for it');
  process.kill(pid, 'SIGCONT');
  await waitFor(() => !existsSync(join(r.store, 'warm', asked[0]!)), 'the binder to serve the request');
  assert.equal(pidExists(pid), true, 'and stay');
});

test('a session that started a warm binder hands its last bind to it while it is still starting, and starts no other binder', async (t) => {
  const r = repo(t);
  const ran = join(caDir.path, `ran-slow-${Date.now()}.log`);
  const trace = join(caDir.path, `trace-slow-${Date.now()}.cjs`);
  // A binder slow to start (a loaded machine): it has not claimed the store when the session ends.
  writeFileSync(trace, `const a = process.argv.slice(2).join(' ');
require('fs').appendFileSync(${JSON.stringify(ran)}, a + '\\n');
if (a === 'hook serve') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1500);
`);
  const term = cliInTerminal(['run', '--', 'sh', '-c', 'echo b1 > b.txt; sleep 0.5'], {
    cwd: r.path, env: { ...env, NODE_OPTIONS: `--require ${trace}` },
  });
  t.after(() => term.dispose());
  assert.deepEqual(await term.exited, { code: 0 }, term.output());
  const hooks = () => readFileSync(ran, 'utf8').split('\n').filter((l) => l.startsWith('hook '));
  assert.deepEqual(hooks(), ['hook serve'], 'one binder started, at the first change, and no binder of the session\'s own');
  assert.equal(serverPid(r.store), null, 'it has not claimed the store yet');
  const asked = readdirSync(join(r.store, 'warm')).filter((n) => n.startsWith(`${SESSION_END}.`));
  assert.equal(asked.length, 1, 'the last bind waits for it as a request');
  const [starting] = await bindersInFlight(r.store);
  assert.ok(starting && pidExists(starting), 'readers wait for the binder still starting');
  await waitForBinders(r.store);
  assert.equal(existsSync(join(r.store, 'warm', asked[0]!)), false, 'it served the request once it claimed the store');
  assert.equal(serverPid(r.store), starting);
  const sha = commit(r.path, ['b.txt'], 'b1');
  assert.equal((await boundIds(r.path, sha, 1)).length, 1, 'the session\'s change binds to the commit that holds it');
  assert.equal((await loggedOnce(r.store, sha)).every((l) => l.endsWith('(warm)')), true, 'by the warm binder');
  assert.deepEqual(hooks(), ['hook serve'], 'still no other binder');
});

test('a commit in a linked worktree is handed to the same warm binder and bound in that worktree', async (t) => {
  const r = repo(t);
  const linked = `${r.path}-wt`;
  git(r.path, ['worktree', 'add', '-q', '-b', 'side', linked]);
  t.after(() => spawnSync('rm', ['-rf', linked]));
  const main = await recordSession(r.path, [{ write: { 'a.txt': 'a1\n' } }]);
  commit(r.path, ['a.txt'], 'a');
  const pid = await warmServer(r.store);
  const side = await recordSession(linked, [{ write: { 'b.txt': 'b-side\n' } }]);
  writeTree(linked, {});
  const id = commit(linked, ['b.txt'], 'side b');
  assert.deepEqual(await boundIds(linked, id, 1), [`${side.id}:0`]);
  assert.match((await loggedOnce(r.store, id)).join('\n'), /\(warm\)$/m);
  assert.equal(serverPid(r.store), pid);
  assert.deepEqual(noteIds(r.path, 'main'), [`${main.id}:0`]);
});

test('the warm binder leaves once the aisess it runs is replaced on disk (an upgrade): the next commit binds with the new one', async (t) => {
  // An install of its own, so that it can be replaced: a copy of the built CLI.
  const install = tempDir('aisess-install-');
  t.after(install.cleanup);
  cpSync(dirname(cliEntry()), join(install.path, 'dist'), { recursive: true });
  symlinkSync(join(dirname(cliEntry()), '..', 'node_modules'), join(install.path, 'node_modules'));
  writeFileSync(join(install.path, 'package.json'), '{"type":"module"}\n');
  const cli = join(install.path, 'dist', 'main.js');
  const { path, store } = repo(t, {}, cli);
  const s = await recordSession(path, [{ write: { 'a.txt': 'a1\n' } }, { write: { 'b.txt': 'b1\n' } }]);
  commit(path, ['a.txt'], 'a');
  const pid = await warmServer(store);
  const later = new Date(Date.now() + 60_000);
  utimesSync(cli, later, later);
  await waitFor(() => !pidExists(pid), 'the binder of the old install to leave');
  const next = commit(path, ['b.txt'], 'b');
  assert.deepEqual(await boundIds(path, next, 1), [`${s.id}:1`]);
  assert.doesNotMatch((await loggedOnce(store, next)).join('\n'), /\(warm\)/);
});
