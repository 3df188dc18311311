/**
 * Installing the hooks when two sessions start at once, and hooks left broken by earlier versions:
 * our own hook must never be chained to itself (it sourced itself forever, starting a binder each
 * time: hundreds of processes from one commit).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import { openRepo } from '../../src/git/repo.js';
import { ensureInit, initRepo, undoInit } from '../../src/hooks/init.js';
import { HOOK_NAMES, hookScript, isOurHook, signHook } from '../../src/hooks/script.js';
import { repoRoot } from '../helpers/cli.js';
import { gitEnv, tempDir, tempRepo, writeTree } from '../helpers/git.js';
import { waitFor } from '../helpers/wait.js';

/** Hooks earlier versions wrote, as they wrote them (node and cli paths of another machine). */
const oldHooks = join(repoRoot, 'fixtures', 'hooks');

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** A repository whose hooks run a stand-in CLI that counts its runs in `runs.log`. */
async function setup() {
  const repo = tempRepo({ 'a.txt': 'a\n' });
  cleanups.push(repo.cleanup);
  const tools = tempDir('aisess-hook-cli-');
  cleanups.push(tools.cleanup);
  const runs = join(tools.path, 'runs.log');
  const cli = join(tools.path, 'cli.mjs');
  writeFileSync(cli, `import { appendFileSync } from 'node:fs';\nappendFileSync(${JSON.stringify(runs)}, process.argv.slice(2).join(' ') + '\\n');\n`);
  const runtime = { node: process.execPath, cli };
  const hooks = join(repo.path, '.git', 'hooks');
  const store = join(repo.path, '.git', 'aisess');
  const count = () => (existsSync(runs) ? readFileSync(runs, 'utf8').split('\n').filter(Boolean).length : 0);
  return { repo: repo.path, tools: tools.path, open: () => openRepo(repo.path, { env: gitEnv }), runtime, hooks, store, count };
}

function commit(cwd: string, message: string): ReturnType<typeof spawnSync> {
  writeTree(cwd, { 'a.txt': `${message}\n` });
  return spawnSync('git', ['commit', '-qam', message], { cwd, env: { ...process.env, ...gitEnv }, timeout: 20_000 });
}

/**
 * The count once every run the commit started has ended. The hook forks its runs before git commit
 * returns (a subshell that execs the CLI), and each of them works in the repository: once no
 * process has its working directory there (or names the stand-in CLI), every run there will be has
 * written its line.
 */
async function settled(s: { repo: string; tools: string; count: () => number }): Promise<number> {
  await waitFor(() => !running(realpathSync(s.repo), s.tools), 'the hook and the runs it started to end');
  return s.count();
}

/** Whether a process other than this one works in `dir` or names `path` on its command line. */
function running(dir: string, path: string): boolean {
  return readdirSync('/proc').some((pid) => {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid) return false;
    try {
      return readlinkSync(`/proc/${pid}/cwd`) === dir || readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(path);
    } catch {
      return false;
    }
  });
}

test('eight installs at once leave one hook of each kind, nothing chained', async () => {
  const s = await setup();
  const repo = await s.open();
  await Promise.all(Array.from({ length: 8 }, () => initRepo(repo, s.runtime)));
  for (const name of HOOK_NAMES) {
    assert.equal(existsSync(join(s.hooks, `${name}.aisess-chained`)), false, `${name} is not chained to a copy of itself`);
    assert.equal(readFileSync(join(s.hooks, name), 'utf8'), hookScript({ hook: name, ...s.runtime }));
  }
  const manifest = JSON.parse(readFileSync(join(s.store, 'init.json'), 'utf8')) as { hooks: { chained: boolean }[] };
  assert.ok(manifest.hooks.every((h) => !h.chained));
});

test('a hook chained to a copy of itself (an earlier install race) runs the binder once per commit', async () => {
  const s = await setup();
  await initRepo(await s.open(), s.runtime);
  copyFileSync(join(s.hooks, 'post-commit'), join(s.hooks, 'post-commit.aisess-chained'));
  mkdirSync(join(s.store, 'pending'), { recursive: true });
  writeFileSync(join(s.store, 'pending', 'x.json'), '{}');
  const r = commit(s.repo, 'one');
  assert.equal(r.status, 0, String(r.stderr));
  assert.equal(await settled(s), 1);
});

test('the next install removes a chained copy of our own hook', async () => {
  const s = await setup();
  const repo = await s.open();
  await initRepo(repo, s.runtime);
  copyFileSync(join(s.hooks, 'post-commit'), join(s.hooks, 'post-commit.aisess-chained'));
  await initRepo(repo, s.runtime);
  assert.equal(existsSync(join(s.hooks, 'post-commit.aisess-chained')), false);
});

test('aisess run replaces a hook an older version wrote; a current one, whatever its paths, stays', async () => {
  const s = await setup();
  const repo = await s.open();
  await initRepo(repo, s.runtime);
  const path = join(s.hooks, 'post-commit');
  // Written by the version of commit ab4b4fc, with other node and cli paths.
  copyFileSync(join(oldHooks, 'v1-ab4b4fc', 'post-commit'), path);
  assert.deepEqual(await ensureInit(repo, s.runtime), { installed: false });
  assert.equal(existsSync(`${path}.aisess-chained`), false);
  assert.equal(readFileSync(path, 'utf8'), hookScript({ hook: 'post-commit', ...s.runtime }));
  const elsewhere = { node: '/opt/node/bin/node', cli: '/opt/aisess/main.js' };
  await ensureInit(repo, elsewhere);
  assert.equal(readFileSync(path, 'utf8'), hookScript({ hook: 'post-commit', ...s.runtime }), 'the same script with other paths is not rewritten');
});

test('a hook a newer aisess wrote is replaced, never chained as the user\'s', async () => {
  const s = await setup();
  const path = join(s.hooks, 'post-commit');
  mkdirSync(s.hooks, { recursive: true });
  writeFileSync(path, signHook(`#!/bin/sh\n# aisess-hook v9 sha256=${'0'.repeat(64)}: installed by \`aisess init\`\nexit 0\n`), { mode: 0o755 });
  await initRepo(await s.open(), s.runtime);
  assert.equal(existsSync(`${path}.aisess-chained`), false);
  assert.equal(readFileSync(path, 'utf8'), hookScript({ hook: 'post-commit', ...s.runtime }));
});

/** Every file of a directory: its mode and bytes. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((n) => [n, `${statSync(join(dir, n)).mode.toString(8)} ${readFileSync(join(dir, n), 'utf8')}`]));
}

test('a hook is ours only by its exact signature: every hook any version wrote, not one that mentions the tag or an edited copy', () => {
  const runtime = { node: '/a b/it\'s\nnode', cli: '/x/main.js' };
  for (const hook of HOOK_NAMES) assert.ok(isOurHook(hookScript({ hook, ...runtime })), `this version's ${hook}`);
  for (const version of readdirSync(oldHooks)) {
    for (const hook of readdirSync(join(oldHooks, version))) assert.ok(isOurHook(readFileSync(join(oldHooks, version, hook), 'utf8')), `${version} ${hook}`);
  }
  const ours = hookScript({ hook: 'post-commit', ...runtime });
  assert.equal(isOurHook(ours.replace('aisess_bind "$@"', 'aisess_bind "$@"\necho mine')), false, 'an edited copy');
  const old = readFileSync(join(oldHooks, 'v1-ab4b4fc', 'post-commit'), 'utf8');
  assert.equal(isOurHook(`${old}echo mine\n`), false, 'an edited older one');
  assert.equal(isOurHook('#!/bin/sh\n# aisess-hook v1: installed by `aisess init`\nexit 0\n'), false, 'the tag line alone');
  assert.equal(isOurHook('#!/bin/sh\n# my hook, after the # aisess-hook docs\nmake lint\n'), false);
});

test('a user hook that mentions the tag survives init and undo byte for byte, backed up, chained and run', async () => {
  const s = await setup();
  const repo = await s.open();
  mkdirSync(s.hooks, { recursive: true });
  for (const f of readdirSync(s.hooks)) if (f.endsWith('.sample')) rmSync(join(s.hooks, f));
  const user = [
    '#!/bin/sh',
    '# aisess-hook v1: no, my own hook; it runs aisess-hook things too',
    'echo "$0 ran" >> "$(git rev-parse --git-dir)/user-hook.log"',
    '',
  ].join('\n');
  writeFileSync(join(s.hooks, 'post-commit'), user, { mode: 0o750 });
  writeFileSync(join(s.hooks, 'pre-push'), '#!/usr/bin/env bash\n# see # aisess-hook in the docs\nexit 0\n', { mode: 0o755 });
  const before = snapshot(s.hooks);
  await initRepo(repo, s.runtime);
  await initRepo(repo, s.runtime);
  assert.equal(readFileSync(join(s.hooks, 'post-commit'), 'utf8'), hookScript({ hook: 'post-commit', ...s.runtime }));
  assert.equal(readFileSync(join(s.hooks, 'post-commit.aisess-chained'), 'utf8'), user);
  assert.equal(readFileSync(join(s.hooks, 'post-commit.aisess-backup'), 'utf8'), user);
  assert.equal(statSync(join(s.hooks, 'post-commit.aisess-backup')).mode & 0o777, 0o750);
  assert.ok(existsSync(join(s.hooks, 'pre-push.aisess-backup')));
  assert.equal(commit(s.repo, 'one').status, 0);
  assert.match(readFileSync(join(s.repo, '.git', 'user-hook.log'), 'utf8'), /post-commit ran/, 'the chained user hook runs');
  const undone = await undoInit(repo);
  assert.deepEqual(undone.removed.sort(), [...HOOK_NAMES].sort());
  assert.deepEqual(snapshot(s.hooks), before, 'the hooks directory as it was, backups gone with the hooks restored');
  await undoInit(repo);
  assert.deepEqual(snapshot(s.hooks), before, 'a second undo touches nothing');
});

test('backups are numbered: one already there is never overwritten, and undo restores from the backup when the chained hook is gone', async () => {
  const s = await setup();
  const repo = await s.open();
  mkdirSync(s.hooks, { recursive: true });
  const path = join(s.hooks, 'post-commit');
  writeFileSync(`${path}.aisess-backup`, 'an older backup\n');
  writeFileSync(`${path}.aisess-backup.1`, 'another\n');
  writeFileSync(path, '#!/bin/sh\n# aisess-hook\nexit 0\n', { mode: 0o755 });
  await initRepo(repo, s.runtime);
  assert.equal(readFileSync(`${path}.aisess-backup`, 'utf8'), 'an older backup\n');
  assert.equal(readFileSync(`${path}.aisess-backup.1`, 'utf8'), 'another\n');
  assert.equal(readFileSync(`${path}.aisess-backup.2`, 'utf8'), '#!/bin/sh\n# aisess-hook\nexit 0\n');
  const manifest = JSON.parse(readFileSync(join(s.store, 'init.json'), 'utf8')) as { hooks: { name: string; backup?: string }[] };
  assert.equal(manifest.hooks.find((h) => h.name === 'post-commit')?.backup, 'post-commit.aisess-backup.2');
  rmSync(`${path}.aisess-chained`);
  await undoInit(repo);
  assert.equal(readFileSync(path, 'utf8'), '#!/bin/sh\n# aisess-hook\nexit 0\n');
  assert.equal(statSync(path).mode & 0o777, 0o755);
  assert.equal(existsSync(`${path}.aisess-backup.2`), false);
  assert.equal(readFileSync(`${path}.aisess-backup`, 'utf8'), 'an older backup\n');
});

test('undo leaves a hook that is not exactly ours, and an older version\'s hook is replaced, not chained or backed up', async () => {
  const s = await setup();
  const repo = await s.open();
  mkdirSync(s.hooks, { recursive: true });
  for (const hook of ['post-commit', 'post-rewrite'] as const) copyFileSync(join(oldHooks, 'v1-786287d', hook), join(s.hooks, hook));
  await initRepo(repo, s.runtime);
  for (const hook of ['post-commit', 'post-rewrite'] as const) {
    assert.equal(readFileSync(join(s.hooks, hook), 'utf8'), hookScript({ hook, ...s.runtime }));
    assert.equal(existsSync(join(s.hooks, `${hook}.aisess-chained`)), false);
    assert.equal(existsSync(join(s.hooks, `${hook}.aisess-backup`)), false);
  }
  const edited = `${readFileSync(join(s.hooks, 'post-commit'), 'utf8')}echo mine\n`;
  writeFileSync(join(s.hooks, 'post-commit'), edited);
  const undone = await undoInit(repo);
  assert.deepEqual(undone.removed.sort(), ['post-rewrite', 'pre-push']);
  assert.equal(readFileSync(join(s.hooks, 'post-commit'), 'utf8'), edited);
});
