/**
 * dist/main.js (src/cli/boot.ts) runs the bundle through V8's code cache: one cache per command,
 * named by the bundle's build, reused while the bundle stays, replaced when it changes; a damaged
 * cache or one that cannot be written never changes what the CLI does.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { cliEntry } from '../helpers/cli.js';
import { tempDir } from '../helpers/git.js';

/** A copy of the built entry and bundle, so the test can change and break them. */
function install(t: { after: (fn: () => void) => void }): { dist: string; run: (args: string[], env?: NodeJS.ProcessEnv) => { status: number | null; stdout: string; stderr: string } } {
  const dir = tempDir('aisess-boot-');
  t.after(dir.cleanup);
  const built = dirname(cliEntry());
  const dist = join(dir.path, 'dist');
  mkdirSync(dist);
  for (const f of ['main.js', 'cli.cjs', 'package.json']) copyFileSync(join(built, f), join(dist, f));
  symlinkSync(join(built, '..', 'node_modules'), join(dir.path, 'node_modules'));
  writeFileSync(join(dir.path, 'package.json'), '{"type":"module"}\n');
  const run = (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const r = spawnSync(process.execPath, [join(dist, 'main.js'), ...args], { cwd: dir.path, encoding: 'utf8', env: { ...process.env, ...env } });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  return { dist, run };
}

const caches = (dist: string): string[] => {
  try {
    return readdirSync(join(dist, 'v8-cache')).sort();
  } catch {
    return [];
  }
};

test('each command writes its cache once and then runs from it; V8 accepts it for the bundle', (t) => {
  const { dist, run } = install(t);
  const help = run(['show', '--help']);
  assert.equal(help.status, 0, help.stderr);
  const [name] = caches(dist);
  assert.match(name ?? '', /^\d+-\d+-\d+\.show\.v8$/);
  const written = statSync(join(dist, 'v8-cache', name!)).mtimeMs;
  assert.equal(run(['show', '--help']).stdout, help.stdout);
  assert.equal(statSync(join(dist, 'v8-cache', name!)).mtimeMs, written, 'read, not written again');
  assert.equal(run(['hook', 'no-such-hook']).status, 0);
  assert.equal(run(['--version']).status, 0);
  assert.deepEqual(caches(dist).map((n) => n.replace(/^[\d-]+\./, '')), ['hook-no-such-hook.v8', 'other.v8', 'show.v8']);

  // In a node started as the CLI is (no V8 flags: a cache is only taken by a V8 with the flags that
  // made it, and this test process may have some of its own, from NODE_OPTIONS or the runner).
  const check = `const { Script } = require('node:vm'); const { readFileSync } = require('node:fs');
const [bundle, cache] = process.argv.slice(1);
const script = new Script('(function (exports, require, module, __filename, __dirname) { ' + readFileSync(bundle, 'utf8') + '\\n});', { filename: bundle, cachedData: readFileSync(cache) });
process.stdout.write(String(script.cachedDataRejected));`;
  const { NODE_OPTIONS: _unused, ...env } = process.env;
  const accepted = spawnSync(process.execPath, ['-e', check, join(dist, 'cli.cjs'), join(dist, 'v8-cache', name!)], { env, encoding: 'utf8' });
  assert.equal(accepted.stdout, 'false', accepted.stderr);
});

test('a changed bundle gets caches of its own and the old build\'s go', (t) => {
  const { dist, run } = install(t);
  assert.equal(run(['show', '--help']).status, 0);
  const before = caches(dist);
  appendFileSync(join(dist, 'cli.cjs'), '\n// rebuilt\n');
  assert.equal(run(['show', '--help']).status, 0);
  const after = caches(dist);
  assert.equal(after.length, 1);
  assert.notDeepEqual(after, before);
});

test('a damaged cache is rejected by V8 and replaced; the command runs as without one', (t) => {
  const { dist, run } = install(t);
  const clean = run(['show', '--help']);
  const [name] = caches(dist);
  writeFileSync(join(dist, 'v8-cache', name!), Buffer.alloc(4096, 7));
  const damaged = run(['show', '--help']);
  assert.deepEqual([damaged.status, damaged.stdout, damaged.stderr], [clean.status, clean.stdout, clean.stderr]);
  assert.notDeepEqual(readFileSync(join(dist, 'v8-cache', name!)), Buffer.alloc(4096, 7), 'written again');
});

test('where no cache can be written the CLI runs without one', (t) => {
  const { dist, run } = install(t);
  rmSync(join(dist, 'v8-cache'), { recursive: true, force: true });
  writeFileSync(join(dist, 'v8-cache'), 'a file where the folder would go\n');
  const r = run(['--version']);
  assert.deepEqual([r.status, r.stdout, r.stderr], [0, '0.1.0\n', '']);
});

test('the bundle imports nothing outside itself with import(): a function compiled from the cache could not load it', () => {
  const source = readFileSync(join(dirname(cliEntry()), 'cli.cjs'), 'utf8');
  const calls = [...source.matchAll(/\bimport\(\s*[^)]{0,60}/g)].map((m) => m[0]);
  assert.deepEqual(calls, [], 'use a static import (or createRequire) for node builtins and external packages');
});

test('the bundles are ASCII: one other character makes every start read a two-byte string, ~3 ms more', () => {
  const dist = dirname(cliEntry());
  const found = ['main.js', 'cli.cjs', 'block-worker.cjs'].flatMap((file) =>
    readFileSync(join(dist, file), 'utf8').split('\n').flatMap((line, i) => {
      const at = line.search(/[^\x00-\x7f]/);
      return at < 0 ? [] : [`${file}:${i + 1}: ${line.slice(Math.max(0, at - 30), at + 10).trim()}`];
    }));
  // esbuild escapes strings; comments it keeps (inside expressions) and regular expressions it does not.
  assert.deepEqual(found, [], 'write the character as a \\u escape in the source (or plain ASCII in a comment)');
});

test('AISESS_CODE_CACHE=0: no cache is read or written', (t) => {
  const { dist, run } = install(t);
  assert.equal(run(['show', '--help'], { AISESS_CODE_CACHE: '0' }).status, 0);
  assert.deepEqual(caches(dist), []);
});
