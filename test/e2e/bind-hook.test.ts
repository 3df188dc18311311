import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { initRepo } from '../../src/hooks/init.js';
import { openRepo } from '../../src/git/repo.js';
import { cliEntry, runCli } from '../helpers/cli.js';
import { git, gitEnv, tempDir, tempRepo, writeTree } from '../helpers/git.js';
import { recordSession } from '../bind/session.js';
import { eventually } from '../helpers/wait.js';

const env = { ...process.env, ...gitEnv };

function repo(tree: Record<string, string> = { 'a.txt': 'a0\n', 'b.txt': 'b0\n' }) {
  const dir = tempRepo(tree);
  return { path: realpathSync(dir.path), cleanup: dir.cleanup };
}

/** The binder runs detached after the commit returns: wait for its note. */
async function noteIds(cwd: string, rev: string, want: number, timeoutMs = 30_000): Promise<string[]> {
  const read = () => {
    const r = spawnSync('git', ['notes', '--ref=aisess', 'show', rev], { cwd, env, encoding: 'utf8' });
    return r.status === 0 ? [...r.stdout.matchAll(/^# aisess (\S+)/gm)].map((m) => m[1]!).sort() : [];
  };
  return eventually(read, (ids) => ids.length >= want, { timeoutMs, intervalMs: 100 });
}

function snapshot(dir: string): Record<string, string> {
  if (!existsSync(dir)) return {};
  return Object.fromEntries(readdirSync(dir).map((n) => [n, `${statSync(join(dir, n)).mode.toString(8)} ${readFileSync(join(dir, n), 'utf8')}`]));
}

test('the hook binds a session after it ended; amend keeps the notes and binds what the amend added', async (t) => {
  const r = repo();
  t.after(r.cleanup);
  assert.equal(runCli(['init', '-q'], { cwd: r.path, env }).status, 0);
  const s = await recordSession(r.path, [{ out: 'edit a' }, { write: { 'a.txt': 'a1\n' } }, { out: 'edit b' }, { write: { 'b.txt': 'b1\n' } }]);
  git(r.path, ['commit', '-qm', 'a', '--', 'a.txt']);
  assert.deepEqual(await noteIds(r.path, 'HEAD', 1), [`${s.id}:0`]);
  git(r.path, ['commit', '-q', '--amend', '-am', 'a and b']);
  assert.deepEqual(await noteIds(r.path, 'HEAD', 2), [`${s.id}:0`, `${s.id}:1`]);
  const status = runCli(['status', '--json'], { cwd: r.path, env });
  assert.deepEqual(JSON.parse(status.stdout), { sessions: [], failures: [] });
});

test('rebase carries the notes to the rewritten commits', async (t) => {
  const r = repo();
  t.after(r.cleanup);
  assert.equal(runCli(['init', '-q'], { cwd: r.path, env }).status, 0);
  const s = await recordSession(r.path, [{ write: { 'a.txt': 'a1\n' } }]);
  git(r.path, ['commit', '-qam', 'a']);
  assert.deepEqual(await noteIds(r.path, 'HEAD', 1), [`${s.id}:0`]);
  git(r.path, ['checkout', '-q', '-b', 'side', 'HEAD~1']);
  writeTree(r.path, { 'c.txt': 'c\n' });
  git(r.path, ['add', 'c.txt']);
  git(r.path, ['commit', '-qm', 'c']);
  git(r.path, ['checkout', '-q', 'main']);
  git(r.path, ['rebase', '-q', 'side']);
  assert.deepEqual(await noteIds(r.path, 'HEAD', 1), [`${s.id}:0`]);
});

test('core.hooksPath and a pre-existing hook: both run, and --undo restores the exact previous state', async (t) => {
  const r = repo();
  t.after(r.cleanup);
  // Outside the working tree (aisess never writes inside it): a hooks directory the repository names.
  const shared = tempDir('aisess-hooks-');
  t.after(shared.cleanup);
  const hooks = join(realpathSync(shared.path), '_');
  git(r.path, ['config', 'core.hooksPath', hooks]);
  // A husky-style hook: finds its helper and its name through $0.
  writeTree(hooks, {
    'post-commit': '#!/usr/bin/env sh\n. "$(dirname "$0")/h"\n',
    h: 'echo "ran $(basename "$0") $*" >> "$(git rev-parse --git-dir)/user-hook.log"\n',
  });
  chmodSync(join(hooks, 'post-commit'), 0o755);
  const before = { hooks: snapshot(hooks), config: git(r.path, ['config', '--local', '--list']) };
  assert.equal(runCli(['init', '-q'], { cwd: r.path, env }).status, 0);
  assert.equal(runCli(['init', '-q'], { cwd: r.path, env }).status, 0, 'init twice is harmless');
  assert.match(readFileSync(join(hooks, 'post-commit'), 'utf8'), /aisess-hook/);
  assert.match(readFileSync(join(hooks, 'pre-push'), 'utf8'), /aisess-hook/);
  const s = await recordSession(r.path, [{ write: { 'a.txt': 'a1\n' } }]);
  git(r.path, ['commit', '-qm', 'a', '--', 'a.txt']);
  assert.equal(readFileSync(join(r.path, '.git/user-hook.log'), 'utf8'), 'ran post-commit \n');
  assert.deepEqual(await noteIds(r.path, 'HEAD', 1), [`${s.id}:0`]);
  assert.equal(runCli(['init', '--undo', '-q'], { cwd: r.path, env }).status, 0);
  // Everything as before, plus the opt-out that keeps the next `aisess run` from installing again.
  assert.deepEqual({ hooks: snapshot(hooks), config: git(r.path, ['config', '--local', '--list']) }, { ...before, config: `${before.config}\naisess.autoinit=false` });
});

test('aisess init refuses a core.hooksPath inside the working tree (husky <= 8): the line to add, and a clean git status', (t) => {
  const r = repo();
  t.after(r.cleanup);
  writeTree(r.path, { '.husky/pre-commit': '#!/bin/sh\nexit 0\n' });
  chmodSync(join(r.path, '.husky/pre-commit'), 0o755);
  git(r.path, ['add', '.husky']);
  git(r.path, ['commit', '-qm', 'husky']);
  git(r.path, ['config', 'core.hooksPath', '.husky']);
  const out = runCli(['init'], { cwd: r.path, env });
  assert.equal(out.status, 64, out.stderr);
  const husky = join(r.path, '.husky');
  const line = `aisess_head=$(git rev-parse -q --verify HEAD) && (unset GIT_INDEX_FILE; '${process.execPath}' '${realpathSync(cliEntry())}' hook post-commit "$aisess_head" </dev/null >/dev/null 2>&1 &)`;
  assert.equal(out.stderr, [
    `aisess: not installing git hooks in ${husky}: core.hooksPath points inside the working tree, and aisess never writes there`,
    `aisess: to bind commits after a session ends, add this line to your own post-commit hook (${husky}/post-commit):`,
    `    ${line}`,
    '  without it, aisess still binds commits while a session runs, and catches up missed commits from the reflog at the next session or `aisess status`',
    '',
  ].join('\n'));
  assert.equal(git(r.path, ['status', '--porcelain', '--ignored', '--untracked-files=all']), '');
  assert.deepEqual(readdirSync(husky), ['pre-commit']);
});

test('aisess init with core.hooksPath from the global config says the hooks are shared', (t) => {
  const r = repo();
  t.after(r.cleanup);
  const home = tempDir('aisess-global-');
  t.after(home.cleanup);
  const config = join(home.path, 'gitconfig');
  const hooks = join(home.path, 'hooks');
  writeFileSync(config, `[core]\n\thooksPath = ${hooks}\n`);
  const genv = { ...env, GIT_CONFIG_GLOBAL: config };
  const out = runCli(['init'], { cwd: r.path, env: genv });
  assert.equal(out.status, 0, out.stderr);
  assert.equal(out.stderr, `aisess: installed git hooks in ${hooks} (core.hooksPath from your global git config (${config}): every repository using it runs them)\n`);
  const json = runCli(['init', '--json'], { cwd: r.path, env: genv });
  assert.deepEqual(JSON.parse(json.stdout), { hooksDir: hooks, installed: false, warnings: [], shared: true, scope: 'global', scopeFile: config, autoInitTurnedOn: false });
  assert.deepEqual(readdirSync(hooks).sort(), ['post-commit', 'post-rewrite', 'pre-push']);
});

test('the hook never fails a commit, even when aisess is missing', async (t) => {
  const r = repo();
  t.after(r.cleanup);
  const opened = await openRepo(r.path, { env: gitEnv });
  await initRepo(opened, { node: '/nonexistent/node', cli: '/nonexistent/aisess/main.js' });
  await recordSession(r.path, [{ write: { 'a.txt': 'a1\n' } }]);
  const commit = spawnSync('git', ['commit', '-qam', 'a'], { cwd: r.path, env: { ...env, PATH: '/usr/bin:/bin' }, encoding: 'utf8' });
  assert.equal(commit.status, 0, commit.stderr);
  assert.equal(commit.stderr, '');
  assert.match(readFileSync(join(r.path, '.git/aisess/hook.log'), 'utf8'), /aisess not found/);
});

test('init outside a working tree is a notRepo error', (t) => {
  const bare = tempDir('aisess-bare-');
  t.after(bare.cleanup);
  execFileSync('git', ['init', '-q', '--bare', bare.path], { env });
  const r = runCli(['init'], { cwd: bare.path, env });
  assert.equal(r.status, 67, r.stderr);
  const plain = tempDir('aisess-plain-');
  t.after(plain.cleanup);
  assert.equal(runCli(['init'], { cwd: plain.path, env: { ...env, GIT_CEILING_DIRECTORIES: plain.path } }).status, 67);
  assert.ok(cliEntry());
});
