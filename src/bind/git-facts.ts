/** What git says about a commit, for the binding rules and the note: its diff, tree and patch-id. */
import type { Repo } from '../git/repo.js';
import type { CommitFacts } from '../segment/body.js';
import type { CommitDiff } from '../segment/types.js';

const ZERO = /^0+$/;

export interface CommitInfo {
  id: string;
  tree: string;
  /** First parent, or null for a root commit (compared with the empty tree). */
  parent: string | null;
  diff: CommitDiff;
}

export async function commitInfo(repo: Repo, commit: string): Promise<CommitInfo> {
  const shown = await repo.git.run(['show', '-s', '--format=%H %T %P', commit]);
  const [id = commit, tree = '', parent] = shown.stdout.trim().split(' ');
  // One explicit parent: a merge compared with its first parent, a root commit with the empty tree.
  const args = parent
    ? ['diff-tree', '-r', '--no-renames', '-z', parent, id]
    : ['diff-tree', '-r', '--no-renames', '-z', '--root', '--no-commit-id', id];
  const out = await repo.git.run(args);
  return { id, tree, parent: parent ?? null, diff: { id, paths: parseDiffTree(out.stdout) } };
}

/** Pure: `git diff-tree -r -z` raw output → path → new blob (null when deleted). */
export function parseDiffTree(out: string): Map<string, string | null> {
  const paths = new Map<string, string | null>();
  const parts = out.split('\0');
  for (let i = 0; i < parts.length - 1; i++) {
    const meta = parts[i]!;
    if (!meta.startsWith(':')) continue;
    const [, , , dst] = meta.slice(1).split(' ');
    const path = parts[++i];
    if (path === undefined || dst === undefined) break;
    paths.set(path, ZERO.test(dst) ? null : dst);
  }
  return paths;
}

/** Blobs of paths in a commit's tree; paths absent from it map to null. */
export async function treeBlobs(repo: Repo, commit: string, paths: readonly string[]): Promise<Map<string, string | null>> {
  const result = new Map<string, string | null>(paths.map((p) => [p, null]));
  for (let i = 0; i < paths.length; i += 500) {
    const chunk = paths.slice(i, i + 500);
    const out = await repo.git.run(['--literal-pathspecs', 'ls-tree', '-r', '-z', '--full-tree', commit, '--', ...chunk]);
    for (const rec of out.stdout.split('\0')) {
      const tab = rec.indexOf('\t');
      if (tab < 0) continue;
      const path = rec.slice(tab + 1);
      if (result.has(path)) result.set(path, rec.slice(0, tab).split(' ')[2] ?? null);
    }
  }
  return result;
}

/** The id, tree, stable patch-id and paths recorded in each bound segment's body. */
export async function commitFacts(repo: Repo, info: CommitInfo): Promise<CommitFacts> {
  const base = info.parent ?? (await emptyTree(repo));
  const patch = await repo.git.run(['diff-tree', '-p', '--no-renames', '--full-index', base, info.id]);
  const ids = patch.stdout ? await repo.git.run(['patch-id', '--stable'], { input: patch.stdout }) : null;
  const patchId = ids?.stdout.trim().split(/\s+/)[0] || null;
  return { id: info.id, tree: info.tree, patchId, paths: [...info.diff.paths.keys()] };
}

async function emptyTree(repo: Repo): Promise<string> {
  return (await repo.git.run(['hash-object', '-t', 'tree', '--stdin'], { input: '' })).stdout.trim();
}

/** git config value, or null when unset. */
export async function configValue(repo: Repo, key: string): Promise<string | null> {
  const out = await repo.git.run(['config', '--get', key], { okCodes: [1] });
  return out.exitCode === 0 ? out.stdout.trim() : null;
}
