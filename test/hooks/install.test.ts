/**
 * Installing the hooks when two sessions start at once, and hooks left broken by earlier versions:
 * our own hook must never be chained to itself (it sourced itself forever, starting a binder each
 * time: hundreds of processes from one commit).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import { openRepo } from '../../src/git/repo.js';
import { ensureInit, initRepo } from '../../src/hooks/init.js';
import { HOOK_NAMES, hookScript } from '../../src/hooks/script.js';
import { gitEnv, tempDir, tempRepo, writeTree } from '../helpers/git.js';

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
  return { repo: repo.path, open: () => openRepo(repo.path, { env: gitEnv }), runtime, hooks, store, count };
}

function commit(cwd: string, message: string): ReturnType<typeof spawnSync> {
  writeTree(cwd, { 'a.txt': `${message}\n` });
  return spawnSync('git', ['commit', '-qam', message], { cwd, env: { ...process.env, ...gitEnv }, timeout: 20_000 });
}

/** The count once the first run has shown up and a second has had time to follow (runs are in the background). */
async function settled(count: () => number): Promise<number> {
  for (let i = 0; i < 200 && count() === 0; i++) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 1500));
  return count();
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
  assert.equal(await settled(s.count), 1);
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
  const older = readFileSync(path, 'utf8').replace(/\nif \[ -x "\$aisess_chained" \][\s\S]*$/, '\nexit 0\n');
  writeFileSync(path, older);
  assert.deepEqual(await ensureInit(repo, s.runtime), { installed: false });
  assert.equal(readFileSync(path, 'utf8'), hookScript({ hook: 'post-commit', ...s.runtime }));
  const elsewhere = { node: '/opt/node/bin/node', cli: '/opt/aisess/main.js' };
  await ensureInit(repo, elsewhere);
  assert.equal(readFileSync(path, 'utf8'), hookScript({ hook: 'post-commit', ...s.runtime }), 'the same script with other paths is not rewritten');
});

test('a hook a newer aisess wrote is replaced, never chained as the user\'s', async () => {
  const s = await setup();
  const path = join(s.hooks, 'post-commit');
  mkdirSync(s.hooks, { recursive: true });
  writeFileSync(path, '#!/bin/sh\n# aisess-hook v2: installed by `aisess init`\nexit 0\n', { mode: 0o755 });
  await initRepo(await s.open(), s.runtime);
  assert.equal(existsSync(`${path}.aisess-chained`), false);
  assert.equal(readFileSync(path, 'utf8'), hookScript({ hook: 'post-commit', ...s.runtime }));
});
