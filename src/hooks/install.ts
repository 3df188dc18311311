/**
 * Installs and removes aisess's hooks in the directory git runs hooks from (core.hooksPath
 * respected). Only a hook with our exact signature (isOurHook) is ours: anything else is the
 * user's, copied first to `<name>.aisess-backup` (then `.aisess-backup.1`, `.2`, …: an existing
 * backup is never overwritten), then kept as `<name>.aisess-chained` and chained; a manifest in
 * the store records what was added so `--undo` removes exactly that and restores the rest. Also
 * tells where that directory is: inside the working tree (never written to), or named by the
 * user's global config (shared by every repository using it).
 */
import { constants, copyFile, lstat, mkdir, readFile, realpath, rename, rmdir, stat, unlink } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { writeFileAtomic } from '../os/atomic-write.js';
import { UserError } from '../cli/errors.js';
import type { Repo } from '../git/repo.js';
import { CHAINED_SUFFIX, HOOK_NAMES, hookScript, isCurrentHook, isOurHook, type HookName } from './script.js';

export interface Manifest {
  v: 1;
  hooksDir: string;
  /** The hooks directory did not exist and was created by init. */
  createdDir: boolean;
  /** backup: the copy of the user's hook made before it was chained (absent in older manifests). */
  hooks: { name: HookName; chained: boolean; backup?: string }[];
  /** init added our ref to notes.rewriteRef. */
  rewriteConfig: boolean;
}

export interface Runtime {
  node: string;
  cli: string;
}

export const BACKUP_SUFFIX = '.aisess-backup';

export const manifestPath = (storeDir: string): string => join(storeDir, 'init.json');

export async function hooksDir(repo: Repo): Promise<string> {
  return (await repo.git.run(['rev-parse', '--path-format=absolute', '--git-path', 'hooks'])).stdout.trim();
}

/**
 * Whether the hooks directory lies in the working tree (e.g. husky's `.husky`, tracked), where
 * aisess must not write. The git dir may sit under the work tree top (`.git/hooks`): that is not it.
 */
export async function hooksInWorkTree(repo: Repo, dir: string): Promise<boolean> {
  if (repo.workTree === null) return false;
  const [hooks, top, gitDir, commonDir] = await Promise.all([dir, repo.workTree, repo.gitDir, repo.commonDir].map(realpathNear));
  return within(top!, hooks!) && !within(gitDir!, hooks!) && !within(commonDir!, hooks!);
}

function within(parent: string, child: string): boolean {
  const r = relative(parent, child);
  return r === '' || !(r === '..' || r.startsWith(`..${sep}`) || isAbsolute(r));
}

/** realpath of a path that may not exist yet: its deepest existing ancestor resolved, the rest appended. */
async function realpathNear(path: string): Promise<string> {
  const rest: string[] = [];
  for (let head = resolve(path); ; head = dirname(head)) {
    const real = await realpath(head).catch(() => null);
    if (real !== null) return join(real, ...rest);
    if (dirname(head) === head) return resolve(path);
    rest.unshift(basename(head));
  }
}

/** Which config outside the repository set core.hooksPath (`git config --show-scope` names). */
export type HooksScope = 'global' | 'system' | 'command' | 'unknown';

/**
 * Where core.hooksPath comes from when it is not the repository's own config (null: the repository
 * sets it, or nobody does). Hooks installed there run for every repository using the directory.
 */
export async function sharedHooksOrigin(repo: Repo): Promise<{ scope: HooksScope; file?: string } | null> {
  const args = ['config', '-z', '--show-origin', '--show-scope', '--get', 'core.hooksPath'];
  // 129: a usage error, git < 2.26 has no --show-scope.
  const out = await repo.git.run(args, { okCodes: [1, 129] });
  if (out.exitCode === 1) return null;
  if (out.exitCode === 0) {
    const [scope = '', origin = ''] = out.stdout.split('\0');
    if (scope === 'local' || scope === 'worktree') return null;
    const known: readonly string[] = ['global', 'system', 'command'];
    const file = origin.startsWith('file:') ? origin.slice('file:'.length) : '';
    return { scope: known.includes(scope) ? (scope as HooksScope) : 'unknown', ...(file ? { file } : {}) };
  }
  if ((await repo.git.run(['config', '--get', 'core.hooksPath'], { okCodes: [1] })).exitCode === 1) return null;
  for (const where of ['--local', '--worktree']) {
    const own = await repo.git.run(['config', where, '--get', 'core.hooksPath'], { okCodes: [1] }).catch(() => null);
    if (own?.exitCode === 0) return null;
  }
  return { scope: 'unknown' };
}

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}

const exists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);

/** Which of our hooks are in place (installed by any version of aisess). */
export async function installedHooks(dir: string): Promise<HookName[]> {
  const found: HookName[] = [];
  for (const name of HOOK_NAMES) if (isOurHook((await readText(join(dir, name))) ?? '')) found.push(name);
  return found;
}

/** Whether every hook is this version's script: an older one is replaced (its fixes reach old repositories). */
export async function hooksCurrent(dir: string, runtime: Runtime): Promise<boolean> {
  for (const hook of HOOK_NAMES) {
    if (!isCurrentHook((await readText(join(dir, hook))) ?? '', { hook, ...runtime })) return false;
  }
  return true;
}

/** Writes every hook; an existing foreign hook is chained. Returns what was added, for the manifest. */
export async function installHooks(dir: string, runtime: Runtime): Promise<Pick<Manifest, 'createdDir' | 'hooks'>> {
  const createdDir = !(await exists(dir));
  await mkdir(dir, { recursive: true });
  const hooks: Manifest['hooks'] = [];
  for (const name of HOOK_NAMES) {
    const path = join(dir, name);
    const text = await readText(path);
    let chained = await exists(path + CHAINED_SUFFIX);
    if (chained && isOurHook((await readText(path + CHAINED_SUFFIX)) ?? '')) {
      // Left by an install race of earlier versions: chaining ourselves would recurse forever.
      await unlink(path + CHAINED_SUFFIX);
      chained = false;
    }
    let backup: string | undefined;
    if (text !== null && !isOurHook(text)) {
      if (chained) throw new UserError(`cannot chain ${path}: ${path}${CHAINED_SUFFIX} already exists`, { hint: 'move one of them away, then run `aisess init` again' });
      backup = await backUp(path);
      await rename(path, path + CHAINED_SUFFIX);
      chained = true;
    } else if (text === null && (await lstatExists(path))) {
      // A dangling symlink: git cannot run it either; keep it as the chained hook so undo restores it.
      await rename(path, path + CHAINED_SUFFIX);
      chained = true;
    }
    await writeFileAtomic(path, hookScript({ hook: name, ...runtime }), { mode: 0o755 });
    hooks.push({ name, chained, ...(backup !== undefined && { backup }) });
  }
  return { createdDir, hooks };
}

/** Copies a user's hook (content and mode) to the first free `<hook>.aisess-backup[.n]`; returns its name. */
async function backUp(path: string): Promise<string> {
  for (let n = 0; ; n++) {
    const backup = `${path}${BACKUP_SUFFIX}${n === 0 ? '' : `.${n}`}`;
    try {
      await copyFile(path, backup, constants.COPYFILE_EXCL);
      return basename(backup);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}

async function lastBackup(dir: string, name: string): Promise<string | null> {
  let last: string | null = null;
  for (let n = 0; ; n++) {
    const backup = `${name}${BACKUP_SUFFIX}${n === 0 ? '' : `.${n}`}`;
    if (!(await lstatExists(join(dir, backup)))) return last;
    last = backup;
  }
}

/** Same bytes and mode: the backup holds nothing the restored hook lacks. */
async function sameFile(a: string, b: string): Promise<boolean> {
  const [sa, sb] = await Promise.all([lstat(a).catch(() => null), lstat(b).catch(() => null)]);
  if (!sa?.isFile() || !sb?.isFile() || sa.mode !== sb.mode) return false;
  const [ta, tb] = await Promise.all([readFile(a), readFile(b)]);
  return ta.equals(tb);
}

async function lstatExists(path: string): Promise<boolean> {
  return lstat(path).then(() => true, () => false);
}

/**
 * Removes our hooks (exact signature only) and puts chained ones back, or the backup init made
 * when the chained one is gone; a backup identical to the restored hook goes. A foreign hook at
 * our place, and everything beside it, is left alone.
 */
export async function uninstallHooks(dir: string, createdDir: boolean, hooks: Manifest['hooks'] = []): Promise<HookName[]> {
  const removed: HookName[] = [];
  for (const name of HOOK_NAMES) {
    const path = join(dir, name);
    if (!isOurHook((await readText(path)) ?? '')) continue;
    await unlink(path);
    removed.push(name);
    const entry = hooks.find((h) => h.name === name);
    const named = entry?.chained && entry.backup !== undefined && basename(entry.backup) === entry.backup && entry.backup.startsWith(name + BACKUP_SUFFIX) ? entry.backup : null;
    if (await lstatExists(path + CHAINED_SUFFIX)) await rename(path + CHAINED_SUFFIX, path);
    else if (named !== null && (await lstatExists(join(dir, named)))) {
      // The chained hook is gone: the copy made of it is the user's hook.
      await rename(join(dir, named), path);
      continue;
    }
    // No name in the manifest (none, or an older one): the last backup made, if any.
    const backup = named ?? (await lastBackup(dir, name));
    const backupPath = backup !== null ? join(dir, backup) : null;
    if (backupPath !== null && (await sameFile(backupPath, path))) await unlink(backupPath);
  }
  if (createdDir) await rmdir(dir).catch(() => {});
  return removed;
}
