/** What git says about a commit, for the binding rules and the note: its diff, tree and patch-id. */
import { parseRawDiff } from '../git/diff-tree.js';
import type { Repo } from '../git/repo.js';
import type { CommitFacts } from '../record/body.js';
import type { CommitView } from '../segment/rules.js';
import type { CommitDiff } from '../segment/types.js';

export interface CommitInfo {
  id: string;
  tree: string;
  /** First parent, or null for a root commit (compared with the empty tree). */
  parent: string | null;
  parents: string[];
  diff: CommitDiff;
  /** The view the binding rules take: each changed path's blob in the first parent and in the commit. */
  view: CommitView;
}

export async function commitInfo(repo: Repo, commit: string): Promise<CommitInfo> {
  const shown = await repo.git.run(['show', '-s', '--format=%H %T %P', commit]);
  const [id = commit, tree = '', ...parents] = shown.stdout.trim().split(' ').filter(Boolean);
  const parent = parents[0] ?? null;
  // One explicit parent: a merge compared with its first parent, a root commit with the empty tree.
  const args = parent
    ? ['diff-tree', '-r', '--no-renames', '-z', parent, id]
    : ['diff-tree', '-r', '--no-renames', '-z', '--root', '--no-commit-id', id];
  const moves = parseRawDiff((await repo.git.run(args)).stdout);
  const paths = new Map(moves.map((m) => [m.path, m.after]));
  const view: CommitView = { id, merge: parents.length > 1, paths: new Map(moves.map((m) => [m.path, [m.before, m.after] as const])) };
  return { id, tree, parent, parents, diff: { id, paths }, view };
}

/** Pure: `git diff-tree -r -z` raw output → path → new blob (null when deleted). */
export function parseDiffTree(out: string): Map<string, string | null> {
  return new Map(parseRawDiff(out).map((m) => [m.path, m.after]));
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
