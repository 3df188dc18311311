/**
 * `aisess init` as a domain operation: hooks + notes.rewriteRef, idempotent, with an exact undo.
 * Never writes into the working tree: a core.hooksPath there (husky <= 8's tracked `.husky`) is
 * refused with the line to add to the user's own hook instead.
 */
import { existsSync, realpathSync } from 'node:fs';
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../os/atomic-write.js';
import { UserError } from '../errors/user-error.js';
import type { Repo } from '../git/repo.js';
import { readAisessConfig, setAutoInit } from '../config/aisess-config.js';
import { withLock } from '../os/lock.js';
import { chainLine, HOOK_NAMES } from './script.js';
import {
  hooksCurrent, hooksDir, hooksInWorkTree, installedHooks, installHooks, manifestPath, sharedHooksOrigin, uninstallHooks,
  type HooksScope, type Manifest, type Runtime,
} from './install.js';

export interface InitResult {
  hooksDir: string;
  /** Whether anything was written (false: it was already installed). */
  installed: boolean;
  warnings: string[];
  /**
   * core.hooksPath comes from outside the repository (the user's global or the system config, or
   * git's command line): every repository using that directory runs the hooks.
   */
  shared: boolean;
  /** With shared: which config set core.hooksPath, and its file when git names one. */
  scope?: HooksScope;
  scopeFile?: string;
  /** aisess.autoInit was off (an earlier `init --undo`) and this init turned it back on. */
  autoInitTurnedOn: boolean;
}

export interface UndoResult {
  hooksDir: string;
  removed: string[];
  /** aisess.autoInit is now false in the repository's config, so `aisess run` does not reinstall. */
  autoInit: false;
}

/** What `aisess run` shows once: `notice` is the line, as is (absent: nothing to say). */
export interface EnsureInitResult {
  installed: boolean;
  /** Installed in a directory other repositories use too (see InitResult.shared). */
  shared?: true;
  /** Not installed, and why: core.hooksPath is inside the working tree. Set on every call. */
  skipped?: string;
  /** After an install, and the first time an install is skipped for a given hooks directory. */
  notice?: string;
}

export function storeDirOf(repo: Repo): string {
  return join(repo.commonDir, 'aisess');
}

function requireWorkTree(repo: Repo): void {
  if (repo.bare || repo.workTree === null) {
    throw new UserError('aisess init needs a repository with a working tree', { kind: 'notRepo', hint: 'run it inside a checkout, not a bare repository' });
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
  const dir = await hooksDir(repo);
  if (await hooksInWorkTree(repo, dir)) throw await workTreeRefusal(dir, runtime);
  const store = storeDirOf(repo);
  const r = await underInitLock(store, () => install(repo, store, dir, runtime));
  // An explicit init undoes an earlier `init --undo`'s opt-out (a no-op when autoInit is on).
  const { wasOff } = await setAutoInit(repo.git, true);
  return { ...r, autoInitTurnedOn: wasOff };
}

/** The refusal names the directory and gives the line that chains aisess from the user's own hook. */
async function workTreeRefusal(dir: string, runtime: Runtime): Promise<UserError> {
  const ours = (await installedHooks(dir)).length > 0;
  return new UserError(`not installing git hooks in ${dir}: core.hooksPath points inside the working tree, and aisess never writes there`, {
    kind: 'usage',
    hint: [
      `to bind commits after a session ends, add this line to your own post-commit hook (${join(dir, 'post-commit')}):`,
      `    ${chainLine(runtime)}`,
      '  without it, aisess still binds commits while a session runs, and catches up missed commits from the reflog at the next session or `aisess status`',
      ...(ours ? ['  aisess hooks an earlier version put in that directory: `aisess init --undo` removes them'] : []),
    ].join('\n'),
  });
}

/** Why the hooks of a shared directory run elsewhere too, e.g. "core.hooksPath from your global git config (~/.gitconfig)". */
export function sharedOrigin(r: Pick<InitResult, 'scope' | 'scopeFile'>): string {
  const file = r.scopeFile ? ` (${r.scopeFile})` : '';
  switch (r.scope) {
    case 'global': return `core.hooksPath from your global git config${file}`;
    case 'system': return `core.hooksPath from the system git config${file}`;
    case 'command': return "core.hooksPath from git's command line or environment";
    default: return `core.hooksPath from your global or system git config${file}`;
  }
}

/** The status line of `aisess init`: it says where, and never "this repository" for a shared directory. */
export function initMessage(r: Omit<InitResult, 'autoInitTurnedOn'>): string {
  const shared = r.shared ? ` (${sharedOrigin(r)}: every repository using it runs them)` : '';
  if (!r.installed) return `already installed in ${r.hooksDir}${shared}`;
  if (r.shared) return `installed git hooks in ${r.hooksDir}${shared}`;
  return `installed ${HOOK_NAMES.slice(0, -1).join(', ')} and ${HOOK_NAMES.at(-1)} hooks in ${r.hooksDir}`;
}

async function install(repo: Repo, store: string, dir: string, runtime: Runtime): Promise<Omit<InitResult, 'autoInitTurnedOn'>> {
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
    // The backup an earlier run made of a hook still chained stays named, for undo.
    hooks: added.hooks.map((h) => {
      const backup = before?.hooksDir === dir ? before.hooks.find((b) => b.name === h.name)?.backup : undefined;
      return h.backup === undefined && h.chained && backup !== undefined ? { ...h, backup } : h;
    }),
    rewriteConfig: rewrite.changed || (before?.rewriteConfig ?? false),
  };
  await mkdir(store, { recursive: true });
  await writeFileAtomic(manifestPath(store), `${JSON.stringify(manifest, null, 2)}\n`);
  const origin = await sharedHooksOrigin(repo);
  return {
    hooksDir: dir,
    installed: !upToDate || rewrite.changed,
    warnings: rewrite.warnings,
    shared: origin !== null,
    ...(origin && { scope: origin.scope }),
    ...(origin?.file !== undefined && { scopeFile: origin.file }),
  };
}

/** Removes what init added, and turns aisess.autoInit off here: the undo sticks past the next `aisess run`. */
export async function undoInit(repo: Repo): Promise<UndoResult> {
  requireWorkTree(repo);
  const store = storeDirOf(repo);
  const r = await underInitLock(store, () => uninstall(repo, store));
  await setAutoInit(repo.git, false);
  return { ...r, autoInit: false };
}

async function uninstall(repo: Repo, store: string): Promise<{ hooksDir: string; removed: string[] }> {
  const manifest = await readManifest(store);
  const dir = manifest?.hooksDir ?? (await hooksDir(repo));
  const removed = await uninstallHooks(dir, manifest?.createdDir ?? false, manifest?.hooks);
  if (manifest?.rewriteConfig) {
    const { removeRewriteConfig } = await import('../notes/index.js');
    await removeRewriteConfig(repo);
  }
  await unlink(manifestPath(store)).catch(() => {});
  await unlink(skippedPath(store)).catch(() => {});
  // Without hooks nothing hands it commits: the warm binder leaves at its next look.
  const { stopWarm } = await import('../bind/warm.js');
  await stopWarm(store);
  return { hooksDir: dir, removed };
}

/**
 * For `aisess run`: installs once, quietly; nothing when installed or `aisess.autoInit` is false.
 * A hooks directory inside the working tree is left alone, said once (`notice`), then not again.
 */
export async function ensureInit(repo: Repo, runtime: Runtime = defaultRuntime()): Promise<EnsureInitResult> {
  if (repo.bare || repo.workTree === null) return { installed: false };
  // An unreadable value counts as the default (on): status lists it as a problem.
  if (!(await readAisessConfig(repo.git)).config.autoInit) return { installed: false };
  const dir = await hooksDir(repo);
  const store = storeDirOf(repo);
  if (await hooksInWorkTree(repo, dir)) return skipOnce(store, dir);
  if ((await hooksCurrent(dir, runtime)) && (await readManifest(store))) return { installed: false };
  const r = await initRepo(repo, runtime);
  if (!r.installed) return { installed: false };
  if (!r.shared) return { installed: true, notice: 'installed git hooks in this repository to bind sessions to commits (undo: aisess init --undo)' };
  const notice = `installed git hooks in ${r.hooksDir} to bind sessions to commits (${sharedOrigin(r)}: every repository using it runs them; undo: aisess init --undo)`;
  return { installed: true, shared: true, notice };
}

const skippedPath = (store: string): string => join(store, 'hooks-skipped');

async function skipOnce(store: string, dir: string): Promise<EnsureInitResult> {
  const skipped = `core.hooksPath ${dir} is inside the working tree`;
  if ((await readFile(skippedPath(store), 'utf8').catch(() => null)) === dir) return { installed: false, skipped };
  await mkdir(store, { recursive: true });
  await writeFile(skippedPath(store), dir);
  const notice = `no git hooks installed: ${skipped}, where aisess never writes; commits are bound while a session runs and caught up by the next session or \`aisess status\` (\`aisess init\` shows the line that binds them from your own hook)`;
  return { installed: false, skipped, notice };
}

/** What the last `aisess init` installed here (null: never, or undone). */
export async function readManifest(store: string): Promise<Manifest | null> {
  try {
    const m = JSON.parse(await readFile(manifestPath(store), 'utf8')) as Manifest;
    return m.v === 1 ? m : null;
  } catch {
    return null;
  }
}
