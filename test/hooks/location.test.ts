/**
 * Where the hooks go. A core.hooksPath inside the working tree (husky <= 8's tracked `.husky`) is
 * never written to: init refuses and says which line chains aisess from the user's own hook. One
 * from the user's global config is shared by every repository using it, and init says so.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { UserError } from '../../src/errors/user-error.js';
import { openRepo, type Repo } from '../../src/git/repo.js';
import { ensureInit, initMessage, initRepo, undoInit } from '../../src/hooks/init.js';
import { hooksDir, hooksInWorkTree, installHooks, sharedHooksOrigin } from '../../src/hooks/install.js';
import { chainLine } from '../../src/hooks/script.js';
import { git, gitEnv, tempDir, writeTree } from '../helpers/git.js';
import { waitFor } from '../helpers/wait.js';
import { env, hookRepo, markPending } from './hook-env.js';

/** Everything git would report about the working tree, ignored files included. */
const treeStatus = (cwd: string): string => git(cwd, ['status', '--porcelain', '--ignored', '--untracked-files=all']);

function snapshot(dir: string): Record<string, string> {
  if (!existsSync(dir)) return {};
  return Object.fromEntries(readdirSync(dir).map((n) => [n, `${statSync(join(dir, n)).mode.toString(8)} ${readFileSync(join(dir, n), 'utf8')}`]));
}

/** A repository with husky <= 8's layout: `.husky/post-commit` tracked, core.hooksPath=.husky. */
function huskyRepo(t: { after: (fn: () => void) => void }) {
  const r = hookRepo();
  t.after(r.cleanup);
  writeTree(r.path, { '.husky/post-commit': '#!/bin/sh\necho "user hook ran" >> "$(git rev-parse --git-dir)/user-hook.log"\n' });
  chmodSync(join(r.path, '.husky/post-commit'), 0o755);
  git(r.path, ['add', '.husky']);
  git(r.path, ['commit', '-qm', 'husky']);
  git(r.path, ['config', 'core.hooksPath', '.husky']);
  return { ...r, husky: join(r.path, '.husky') };
}

async function refusal(repo: Repo, runtime: { node: string; cli: string }): Promise<UserError> {
  const err = await initRepo(repo, runtime).then(() => null, (e: unknown) => e);
  assert.ok(err && (err as Error).name === 'UserError', `init refuses: ${String(err)}`);
  return err as UserError;
}

test('whether a hooks directory is inside the working tree', async (t) => {
  const r = hookRepo();
  t.after(r.cleanup);
  const outside = tempDir('aisess-hooks-outside-');
  t.after(outside.cleanup);
  mkdirSync(join(r.path, '.husky'));
  symlinkSync(join(r.path, '.husky'), join(outside.path, 'link-to-husky'));
  const rows: { hooksPath: string | null; inside: boolean }[] = [
    { hooksPath: null, inside: false },
    { hooksPath: '.husky', inside: true },
    { hooksPath: '.husky/_', inside: true },
    { hooksPath: 'tools/hooks', inside: true },
    { hooksPath: '.', inside: true },
    { hooksPath: '.git/my-hooks', inside: false },
    { hooksPath: join(r.path, '.husky'), inside: true },
    { hooksPath: join(outside.path, 'hooks'), inside: false },
    { hooksPath: join(outside.path, 'link-to-husky'), inside: true },
    { hooksPath: `${r.path}-sibling/hooks`, inside: false },
  ];
  for (const row of rows) {
    if (row.hooksPath === null) spawnSync('git', ['config', '--unset', 'core.hooksPath'], { cwd: r.path, env });
    else git(r.path, ['config', 'core.hooksPath', row.hooksPath]);
    const repo = await r.open();
    assert.equal(await hooksInWorkTree(repo, await hooksDir(repo)), row.inside, `core.hooksPath=${row.hooksPath}`);
  }
});

test('init refuses a hooks directory inside the working tree: it names it, gives the line to add, writes nothing there', async (t) => {
  const r = huskyRepo(t);
  const before = snapshot(r.husky);
  const err = await refusal(await r.open(), r.runtime);
  assert.equal(err.kind, 'usage');
  assert.match(err.message, new RegExp(`not installing git hooks in ${r.husky}: core.hooksPath points inside the working tree`));
  assert.ok(err.hint?.includes(`(${join(r.husky, 'post-commit')}):\n    ${chainLine(r.runtime)}\n`), err.hint);
  assert.match(err.hint ?? '', /still binds commits while a session runs, and catches up missed commits from the reflog at the next session or `aisess status`/);
  assert.equal(treeStatus(r.path), '', 'git status stays clean');
  assert.deepEqual(snapshot(r.husky), before);
  assert.equal(existsSync(join(r.store, 'init.json')), false);
  assert.equal(spawnSync('git', ['config', '--get', 'notes.rewriteRef'], { cwd: r.path, env }).status, 1, 'no config changed either');
});

test('a hooks directory inside the working tree that does not exist yet is not created', async (t) => {
  const r = hookRepo();
  t.after(r.cleanup);
  git(r.path, ['config', 'core.hooksPath', 'tools/git-hooks']);
  await refusal(await r.open(), r.runtime);
  assert.equal(existsSync(join(r.path, 'tools')), false);
  assert.equal(treeStatus(r.path), '');
});

test('the line the refusal gives, added to the user\'s own hook, passes each commit to aisess', async (t) => {
  const r = huskyRepo(t);
  const line = chainLine(r.runtime);
  assert.ok((await refusal(await r.open(), r.runtime)).hint?.includes(line));
  writeFileSync(join(r.husky, 'post-commit'), `${readFileSync(join(r.husky, 'post-commit'), 'utf8')}${line}\n`);
  git(r.path, ['commit', '-qam', 'chain aisess']);
  const first = git(r.path, ['rev-parse', 'HEAD']);
  writeTree(r.path, { 'a.txt': 'b\n' });
  git(r.path, ['commit', '-qam', 'two']);
  const second = git(r.path, ['rev-parse', 'HEAD']);
  const runs = await waitFor(() => (r.runs().length >= 2 ? r.runs() : undefined), 'two runs');
  assert.deepEqual(runs.sort(), [`hook post-commit ${first}`, `hook post-commit ${second}`].sort());
  assert.equal(readFileSync(join(r.path, '.git/user-hook.log'), 'utf8'), 'user hook ran\nuser hook ran\n');
});

test('aisess run leaves a hooks directory inside the working tree alone and says so once', async (t) => {
  const r = huskyRepo(t);
  const repo = await r.open();
  const first = await ensureInit(repo, r.runtime);
  assert.equal(first.installed, false);
  assert.equal(first.skipped, `core.hooksPath ${r.husky} is inside the working tree`);
  assert.match(first.notice ?? '', /^no git hooks installed: core\.hooksPath .* is inside the working tree, where aisess never writes; .*`aisess init`/);
  assert.deepEqual(await ensureInit(repo, r.runtime), { installed: false, skipped: first.skipped }, 'the notice is shown once');
  assert.equal(treeStatus(r.path), '');
  assert.equal(readFileSync(join(r.path, '.husky/post-commit'), 'utf8').includes('aisess'), false);
});

test('hooks an earlier version put in the working tree: the refusal says so, and undo still removes them', async (t) => {
  const r = huskyRepo(t);
  const before = snapshot(r.husky);
  assert.doesNotMatch((await refusal(await r.open(), r.runtime)).hint ?? '', /--undo/);
  // What an earlier aisess did: install into core.hooksPath wherever it was, chaining the user's hook.
  await installHooks(r.husky, r.runtime);
  assert.match((await refusal(await r.open(), r.runtime)).hint ?? '', /`aisess init --undo` removes them/);
  const undone = await undoInit(await r.open());
  assert.deepEqual(undone.removed.sort(), ['post-commit', 'post-rewrite', 'pre-push']);
  assert.deepEqual(snapshot(r.husky), before);
});

/** A global config (GIT_CONFIG_GLOBAL) naming a hooks directory outside any repository. */
function globalHooks(t: { after: (fn: () => void) => void }) {
  const dir = tempDir('aisess-global-');
  t.after(dir.cleanup);
  const config = join(dir.path, 'gitconfig');
  const hooks = join(dir.path, 'hooks');
  writeFileSync(config, `[core]\n\thooksPath = ${hooks}\n`);
  const genv = { ...gitEnv, GIT_CONFIG_GLOBAL: config };
  return { config, hooks, genv, open: (path: string) => openRepo(path, { env: genv }) };
}

test('a core.hooksPath from the global config: hooks are installed there, and the result says they are shared', async (t) => {
  const g = globalHooks(t);
  const a = hookRepo();
  t.after(a.cleanup);
  const r = await initRepo(await g.open(a.path), a.runtime);
  assert.deepEqual({ ...r, warnings: [] }, { hooksDir: g.hooks, installed: true, warnings: [], shared: true, scope: 'global', scopeFile: g.config, autoInitTurnedOn: false });
  assert.deepEqual(readdirSync(g.hooks).sort(), ['post-commit', 'post-rewrite', 'pre-push']);
  const message = initMessage(r);
  assert.equal(message, `installed git hooks in ${g.hooks} (core.hooksPath from your global git config (${g.config}): every repository using it runs them)`);
  assert.doesNotMatch(message, /this repository/);
  assert.match(initMessage(await initRepo(await g.open(a.path), a.runtime)), /^already installed in .* \(core\.hooksPath from your global git config/);

  // Another repository using the same directory: the first aisess run there says where, not "this repository".
  const b = hookRepo();
  t.after(b.cleanup);
  const ensured = await ensureInit(await g.open(b.path), b.runtime);
  assert.equal(ensured.installed, true);
  assert.equal(ensured.shared, true);
  assert.match(ensured.notice ?? '', new RegExp(`^installed git hooks in ${g.hooks} .*global git config.*every repository using it runs them`));
  assert.doesNotMatch(ensured.notice ?? '', /this repository/);

  // The shared hook finds each repository's own store.
  markPending(b.store);
  writeTree(b.path, { 'a.txt': 'b\n' });
  const c = spawnSync('git', ['commit', '-qam', 'b'], { cwd: b.path, env: { ...process.env, ...g.genv }, encoding: 'utf8' });
  assert.equal(c.status, 0, c.stderr);
  const id = git(b.path, ['rev-parse', 'HEAD']);
  assert.deepEqual(await waitFor(() => (b.runs().length ? b.runs() : undefined), 'the run in b'), [`hook post-commit ${id}`]);
});

test('a core.hooksPath of the repository itself (outside the working tree) is not shared', async (t) => {
  const r = hookRepo();
  t.after(r.cleanup);
  const dir = tempDir('aisess-local-hooks-');
  t.after(dir.cleanup);
  git(r.path, ['config', 'core.hooksPath', join(dir.path, 'hooks')]);
  const result = await initRepo(await r.open(), r.runtime);
  assert.equal(result.shared, false);
  assert.equal(result.scope, undefined);
  assert.equal(initMessage(result), `installed post-commit, post-rewrite and pre-push hooks in ${join(dir.path, 'hooks')}`);
  assert.deepEqual(await ensureInit(await r.open(), r.runtime), { installed: false });
});

test('a global core.hooksPath relative to each repository lands in the working tree: refused', async (t) => {
  const g = globalHooks(t);
  writeFileSync(g.config, '[core]\n\thooksPath = .githooks\n');
  const r = hookRepo();
  t.after(r.cleanup);
  await refusal(await g.open(r.path), r.runtime);
  assert.equal(treeStatus(r.path), '');
});

test('git without --show-scope (< 2.26): the scope falls back to whether the repository sets core.hooksPath', async (t) => {
  const g = globalHooks(t);
  const r = hookRepo();
  t.after(r.cleanup);
  const oldGit = (repo: Repo): Repo => ({
    ...repo,
    git: {
      ...repo.git,
      run: (args, opts) => (args.includes('--show-scope')
        ? Promise.resolve({ stdout: '', stderr: "error: unknown option `show-scope'", exitCode: 129 })
        : repo.git.run(args, opts)),
    },
  });
  assert.deepEqual(await sharedHooksOrigin(oldGit(await g.open(r.path))), { scope: 'unknown' });
  git(r.path, ['config', 'core.hooksPath', join(r.path, '.git', 'mine')]);
  assert.equal(await sharedHooksOrigin(oldGit(await g.open(r.path))), null);
  writeFileSync(g.config, '');
  spawnSync('git', ['config', '--unset', 'core.hooksPath'], { cwd: r.path, env });
  assert.equal(await sharedHooksOrigin(oldGit(await g.open(r.path))), null);
  assert.match(initMessage({ hooksDir: '/h', installed: true, warnings: [], shared: true, scope: 'unknown' }), /your global or system git config: every repository/);
});

test('init --undo removes pre-push too and gives back the user\'s own pre-push hook', async (t) => {
  const r = hookRepo();
  t.after(r.cleanup);
  mkdirSync(r.hooks, { recursive: true });
  const userHook = '#!/bin/sh\necho "checks before pushing"\nexit 0\n';
  writeFileSync(join(r.hooks, 'pre-push'), userHook, { mode: 0o750 });
  const before = snapshot(r.hooks);
  await initRepo(await r.open(), r.runtime);
  assert.match(readFileSync(join(r.hooks, 'pre-push'), 'utf8'), /aisess-hook/);
  assert.equal(readFileSync(join(r.hooks, 'pre-push.aisess-chained'), 'utf8'), userHook);
  const manifest = JSON.parse(readFileSync(join(r.store, 'init.json'), 'utf8')) as { hooks: { name: string; chained: boolean }[] };
  assert.deepEqual(manifest.hooks.find((h) => h.name === 'pre-push'), { name: 'pre-push', chained: true, backup: 'pre-push.aisess-backup' });
  const undone = await undoInit(await r.open());
  assert.deepEqual(undone.removed.sort(), ['post-commit', 'post-rewrite', 'pre-push']);
  assert.deepEqual(snapshot(r.hooks), before);
});
