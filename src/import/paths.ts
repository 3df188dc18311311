/** Where an agent's paths are in the repository: transcripts name files absolute or relative to the session's cwd. */
import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { Repo } from '../git/repo.js';

/** The top of every working tree of the repository (linked worktrees share its commits), real paths. */
export async function worktreeRoots(repo: Repo): Promise<string[]> {
  const out = await repo.git.run(['worktree', 'list', '--porcelain']);
  const roots = out.stdout.split('\n').filter((l) => l.startsWith('worktree ')).map((l) => realish(l.slice('worktree '.length)));
  if (repo.workTree) roots.unshift(realish(repo.workTree));
  return [...new Set(roots)];
}

/** The real path of the nearest part that exists, with the rest as written (a deleted file, a removed directory). */
export function realish(path: string): string {
  const rest: string[] = [];
  for (let p = path; ; p = dirname(p)) {
    try {
      return join(realpathSync(p), ...rest.reverse());
    } catch {
      if (dirname(p) === p) return path;
      rest.push(basename(p));
    }
  }
}

/** The root a directory is in (itself or below it), or null. */
export function rootOf(dir: string, roots: readonly string[]): string | null {
  const real = realish(dir);
  return roots.find((r) => inside(r, real) !== null) ?? null;
}

/** `path` (absolute, or relative to `cwd`) relative to `root`; null when it is not a file inside it. */
export function repoPath(path: string, cwd: string, root: string): string | null {
  return inside(root, realish(isAbsolute(path) ? path : resolve(cwd, path)));
}

function inside(root: string, path: string): string | null {
  const rel = relative(root, path);
  if (rel === '') return '';
  return rel === '..' || rel.startsWith('../') || isAbsolute(rel) ? null : rel;
}
