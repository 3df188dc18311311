/** `aisess init` as a domain operation: hooks + notes.rewriteRef, idempotent, with an exact undo. */
import { existsSync, realpathSync } from 'node:fs';
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../cli/errors.js';
import type { Repo } from '../git/repo.js';
import { configValue } from '../bind/git-facts.js';
import { withLock } from '../bind/lock.js';
import { HOOK_NAMES } from './script.js';
import { hooksCurrent, hooksDir, installedHooks, installHooks, manifestPath, uninstallHooks, type Manifest, type Runtime } from './install.js';

export interface InitResult {
  hooksDir: string;
  /** Whether anything was written (false: it was already installed). */
  installed: boolean;
  warnings: string[];
}

export function storeDirOf(repo: Repo): string {
  return join(repo.commonDir, 'aisess');
}

function requireWorkTree(repo: Repo): void {
  if (repo.bare || repo.workTree === null) {
    throw new UserError('aisess init needs a repository with a working tree', { code: 'notRepo', hint: 'run it inside a checkout, not a bare repository' });
  }
}

/** The running CLI's entry: the built main.js next to this chunk (tests pass their own). */
export function defaultRuntime(): Runtime {
  const here = dirname(fileURLToPath(import.meta.url));
  const entry = join(here, 'main.js');
  return { node: process.execPath, cli: existsSync(entry) ? realpathSync(entry) : entry };
}

/** Two sessions starting at once both install: one at a time, each seeing what the other left. */
async function underInitLock<T>(store: string, fn: () => Promise<T>): Promise<T> {
  await mkdir(store, { recursive: true });
  return withLock(join(store, 'init.lock'), fn);
}

export async function initRepo(repo: Repo, runtime: Runtime = defaultRuntime()): Promise<InitResult> {
  requireWorkTree(repo);
  const store = storeDirOf(repo);
  return underInitLock(store, () => install(repo, store, runtime));
}

async function install(repo: Repo, store: string, runtime: Runtime): Promise<InitResult> {
  const dir = await hooksDir(repo);
  const before = await readManifest(store);
  const present = await installedHooks(dir);
  const { ensureRewriteConfig } = await import('../notes/index.js');
  const rewrite = await ensureRewriteConfig(repo);
  const upToDate = present.length === HOOK_NAMES.length && before?.hooksDir === dir;
  const added = await installHooks(dir, runtime);
  const manifest: Manifest = {
    v: 1,
    hooksDir: dir,
    // Re-running init must not forget what the first run added.
    createdDir: before?.hooksDir === dir ? before.createdDir : added.createdDir,
    hooks: added.hooks,
    rewriteConfig: rewrite.changed || (before?.rewriteConfig ?? false),
  };
  await mkdir(store, { recursive: true });
  await writeFile(manifestPath(store), `${JSON.stringify(manifest, null, 2)}\n`);
  return { hooksDir: dir, installed: !upToDate || rewrite.changed, warnings: rewrite.warnings };
}

export async function undoInit(repo: Repo): Promise<{ hooksDir: string; removed: string[] }> {
  requireWorkTree(repo);
  const store = storeDirOf(repo);
  return underInitLock(store, () => uninstall(repo, store));
}

async function uninstall(repo: Repo, store: string): Promise<{ hooksDir: string; removed: string[] }> {
  const manifest = await readManifest(store);
  const dir = manifest?.hooksDir ?? (await hooksDir(repo));
  const removed = await uninstallHooks(dir, manifest?.createdDir ?? false);
  if (manifest?.rewriteConfig) {
    const { removeRewriteConfig } = await import('../notes/index.js');
    await removeRewriteConfig(repo);
  }
  await unlink(manifestPath(store)).catch(() => {});
  return { hooksDir: dir, removed };
}

/** For `aisess run`: installs once, quietly; nothing when installed or `aisess.autoInit` is false. */
export async function ensureInit(repo: Repo, runtime: Runtime = defaultRuntime()): Promise<{ installed: boolean }> {
  if (repo.bare || repo.workTree === null) return { installed: false };
  const auto = await configValue(repo, 'aisess.autoInit').catch(() => null);
  if (auto !== null && /^(false|no|off|0)$/i.test(auto)) return { installed: false };
  const dir = await hooksDir(repo);
  if ((await hooksCurrent(dir, runtime)) && (await readManifest(storeDirOf(repo)))) return { installed: false };
  return { installed: (await initRepo(repo, runtime)).installed };
}

async function readManifest(store: string): Promise<Manifest | null> {
  try {
    const m = JSON.parse(await readFile(manifestPath(store), 'utf8')) as Manifest;
    return m.v === 1 ? m : null;
  } catch {
    return null;
  }
}
