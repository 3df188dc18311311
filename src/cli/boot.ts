/**
 * The built CLI's entry (dist/main.js): runs the bundled CLI (dist/cli.cjs) through V8's code cache.
 * Node 20 has no compile cache for modules, and every hook, binder and reader is a new process:
 * loading ~50 ES modules cost ~40 ms of a 100 ms `aisess status`. One CommonJS bundle compiled from
 * a cache costs a few. The cache is kept per command (each compiles different functions) beside
 * the bundle and named by the bundle's size, time and inode, so a rebuild never meets an old one
 * (V8 itself checks only the source's length); where dist/ is read-only the CLI runs uncached.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const here = dirname(fileURLToPath(import.meta.url));
const bundle = join(here, 'cli.cjs');
const cacheDir = join(here, 'v8-cache');

/** `hook post-commit` → "hook-post-commit"; anything unusual shares one cache. */
function cacheName(argv: readonly string[]): string {
  const words = argv[0] === 'hook' ? argv.slice(0, 2) : argv.slice(0, 1);
  const name = words.join('-');
  return /^[a-z][a-z-]{0,40}$/.test(name) ? name : 'other';
}

function readCache(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** Written whole or not at all (temp and rename), and older builds' caches go. */
function writeCache(script: Script, path: string, build: string): void {
  try {
    mkdirSync(cacheDir, { recursive: true });
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, script.createCachedData());
    renameSync(temp, path);
    for (const name of readdirSync(cacheDir)) if (!name.startsWith(`${build}.`) && !name.endsWith('.tmp')) unlinkSync(join(cacheDir, name));
  } catch {
    // A cache is only a speed-up: a read-only install runs without one.
  }
}

const source = readFileSync(bundle, 'utf8');
const stat = statSync(bundle, { bigint: true });
const build = `${stat.size}-${stat.mtimeNs}-${stat.ino}`;
const cachePath = join(cacheDir, `${build}.${cacheName(process.argv.slice(2))}.v8`);
// AISESS_CODE_CACHE=0: neither read nor written (to measure, or to rule the cache out).
const useCache = process.env.AISESS_CODE_CACHE !== '0';
const cachedData = useCache ? readCache(cachePath) : undefined;
// No import() of a module outside the bundle may remain in it: functions V8 compiles from a cache
// lose the loader for it (test/cli/boot.test.ts checks the bundle).
const script = new Script(Module.wrap(source), { filename: bundle, cachedData });
if (useCache && (cachedData === undefined || script.cachedDataRejected === true)) {
  // At exit, so the functions this command compiled are in it.
  process.once('exit', () => writeCache(script, cachePath, build));
}
const module = new Module(bundle);
module.filename = bundle;
const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
run.call(module.exports, module.exports, createRequire(bundle), module, bundle, here);
