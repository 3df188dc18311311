/**
 * Changes the worktree watcher cannot see: a file written and committed between two scans (an
 * agent's edit followed at once by its own `git commit`) is clean before and after, so git status
 * never shows it. When HEAD moves by a commit made from this working tree, the paths the commit
 * changed that the session last knew with other content, and that hold the committed content now,
 * are such changes. Only `commit` reflog entries count: pull, merge, reset, checkout, rebase and
 * cherry-pick also move HEAD and clean files, but their content was not written in this tree.
 */
import { parseRawDiff, type PathMove } from '../git/diff-tree.js';
import { hashPaths, statPath, type FileStat } from './blobs.js';
import type { GitRun } from './run-git.js';
import type { WorktreeChange } from './scan.js';

export interface CommitMove {
  commit: string;
  parents: readonly string[];
  /** The tip an amend replaced: the content before the commit is that one's, not the parent's. */
  amendOf?: string;
}

export interface UnseenInput {
  moves: readonly PathMove[];
  /** The content the session last journalled for a path (its start snapshot included). */
  journalled: ReadonlyMap<string, string | null>;
  /** The content in the working tree now, for the moved paths. */
  current: ReadonlyMap<string, string | null>;
  /** When each file now in the working tree was last written (epoch ms). */
  mtimes?: ReadonlyMap<string, number>;
}

// `commit: …`, `commit (initial): …`, `commit (amend): …`; not `commit (merge)`: a merge brings others' work.
const OWN_COMMIT = /^commit(?: \((?:initial|amend)\))?: /;

/** Pure: the moved paths whose committed content the session never journalled and the tree holds now. */
export function unseenChanges(input: UnseenInput): WorktreeChange[] {
  const out: WorktreeChange[] = [];
  for (const m of input.moves) {
    const known = input.journalled.has(m.path) ? input.journalled.get(m.path)! : m.before;
    if (known === m.after || input.current.get(m.path) !== m.after) continue;
    const mtime = input.mtimes?.get(m.path);
    out.push({
      path: m.path, blob: m.after, status: m.after === null ? 'deleted' : m.before === null ? 'added' : 'modified', before: known,
      ...(mtime !== undefined && { mtime }),
    });
  }
  return out;
}

/**
 * Whether HEAD of the working tree at run's cwd reached the commit by `git commit` there. A reflog
 * that cannot be read throws: the caller says so, rather than treat a commit as a checkout unheard.
 */
export async function committedHere(run: GitRun, commit: string): Promise<boolean> {
  const out = await run(['reflog', 'show', '-n', '20', '--format=%H%x00%gs', 'HEAD', '--']);
  for (const line of out.split('\n')) {
    const [oid, subject = ''] = line.split('\0');
    if (oid === commit) return OWN_COMMIT.test(subject);
  }
  return false;
}

/** The changes a commit made from this working tree took that the watcher never reported. */
export async function unseenByCommit(
  run: GitRun,
  root: string,
  move: CommitMove,
  journalled: ReadonlyMap<string, string | null>,
): Promise<WorktreeChange[]> {
  if (!(await committedHere(run, move.commit))) return [];
  const base = move.amendOf ?? move.parents[0];
  const args = base ? ['diff-tree', '-r', '--no-renames', '-z', base, move.commit] : ['diff-tree', '-r', '--no-renames', '-z', '--root', '--no-commit-id', move.commit];
  const moves = parseRawDiff(await run(args));
  const candidates = moves.filter((m) => (journalled.has(m.path) ? journalled.get(m.path) : m.before) !== m.after);
  if (candidates.length === 0) return [];
  const stats = await Promise.all(candidates.map((m) => statPath(root, m.path)));
  const present = candidates.flatMap((m, i) => (stats[i] ? [{ path: m.path, stat: stats[i] as FileStat }] : []));
  const hashed = await hashPaths(run, root, present, move.commit.length === 64 ? 'sha256' : 'sha1');
  const current = new Map(candidates.map((m) => [m.path, hashed.get(m.path) ?? null]));
  const mtimes = new Map(present.map((p) => [p.path, p.stat.mtimeMs]));
  return unseenChanges({ moves: candidates, journalled, current, mtimes });
}
