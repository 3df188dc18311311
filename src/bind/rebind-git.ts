/**
 * What `aisess rebind` and read-time resolution ask git, in few processes: which noted commits the
 * branches no longer reach, the commits a rewrite may have produced with their trees, blobs and
 * patch-ids, and blob texts for the line comparison.
 */
import { UserError } from '../errors/user-error.js';
import { parseRawDiff } from '../git/diff-tree.js';
import { isGitError } from '../git/errors.js';
import type { CatFileBatch } from '../git/cat-file.js';
import type { Repo } from '../git/repo.js';
import { KEPT_BLOB_BYTES } from '../store/blobs-dir.js';
import { commitFacts, commitInfo } from './git-facts.js';
import type { OldCommit, ReadBlob, TargetCommit } from './rebind-match.js';
import { isObjectId } from '../git/object-id.js';

const BINARY_PROBE = 8000;

/** Of noted object ids: the commits here, and the ids of no object here (garbage-collected, or never fetched). */
export async function presentCommits(repo: Repo, ids: readonly string[]): Promise<{ commits: Set<string>; missing: Set<string> }> {
  const commits = new Set<string>();
  const missing = new Set<string>();
  if (ids.length === 0) return { commits, missing };
  const out = await repo.git.run(['cat-file', '--batch-check=%(objectname) %(objecttype)'], { input: `${ids.join('\n')}\n` });
  for (const line of out.stdout.split('\n')) {
    const [id, type] = line.split(' ');
    if (id && type === 'commit') commits.add(id);
    else if (id && type === 'missing') missing.add(id);
  }
  return { commits, missing };
}

/**
 * HEAD and every remote-tracking branch: what "still published or checked out" means here. The
 * heads of pull/merge requests fetched under refs/remotes/ are not branches (a hosting service keeps
 * them after the merge): they do not keep a squash-merged request's commits from being looked for.
 */
export async function publishedTips(repo: Repo): Promise<string[]> {
  const out = await repo.git.run(['for-each-ref', '--format=%(objectname) %(objecttype) %(refname)', 'refs/remotes/']);
  const tips = out.stdout.split('\n').flatMap((l) => {
    const [id, type, ref] = l.split(' ');
    return id && type === 'commit' && ref && !requestOfRef(ref) ? [id] : [];
  });
  const head = await repo.git.run(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { okCodes: [1] });
  if (head.exitCode === 0 && head.stdout.trim()) tips.push(head.stdout.trim());
  return [...new Set(tips)];
}

/** A pull/merge request, as hosting services number them. */
export interface Request {
  kind: 'pull' | 'merge';
  number: number;
}

/** Pure: a ref name → the request whose head it keeps (`refs/pull/7/head`, `refs/remotes/origin/merge-requests/7/head`), or null. */
export function requestOfRef(ref: string): Request | null {
  const m = /^refs\/(?:remotes\/[^/]+\/)?(pull|merge-requests)\/(\d{1,9})\/head$/.exec(ref);
  return m ? { kind: m[1] === 'pull' ? 'pull' : 'merge', number: Number(m[2]) } : null;
}

/** Of `commits`, those not reachable from any of `tips`. */
export async function unreachableFrom(repo: Repo, commits: readonly string[], tips: readonly string[]): Promise<Set<string>> {
  if (commits.length === 0) return new Set();
  const input = [...commits, ...tips.map((t) => `^${t}`)].join('\n');
  const out = await repo.git.run(['rev-list', '--stdin'], { input: `${input}\n` });
  const wanted = new Set(commits);
  return new Set(out.stdout.split('\n').filter((c) => wanted.has(c)));
}

/**
 * Commits of the revisions (git rev-list syntax, read from stdin), with their trees; merges left
 * out: a merge's change is its branch's, whose commits are still reachable.
 */
export async function listTargets(repo: Repo, revisions: readonly string[], sinceMs?: number): Promise<{ id: string; tree: string }[]> {
  if (revisions.length === 0) return [];
  const since = sinceMs !== undefined ? [`--since=${Math.floor(sinceMs / 1000)}`] : [];
  const out = await repo.git.run(['rev-list', '--stdin', ...since, '--format=%H %T %P'], { input: `${revisions.join('\n')}\n` }).catch((err: unknown) => {
    if (isGitError(err) && /unknown revision|bad revision|ambiguous argument|invalid (symmetric difference|revision range)|bad object/i.test(err.stderr)) {
      throw new UserError(`unknown revision or range '${revisions.join(' ')}'`, { kind: 'notFound', hint: 'give a commit, branch or range such as origin/main~20..origin/main', cause: err });
    }
    throw err;
  });
  return out.stdout.split('\n').flatMap((line) => {
    if (line.startsWith('commit ')) return [];
    const [id, tree, ...parents] = line.split(' ').filter(Boolean);
    return id && tree && parents.length <= 1 ? [{ id, tree }] : [];
  });
}

/** Each commit's changed paths (blob before and after) and stable patch-id: two diff-trees and one patch-id for all. */
export async function targetFacts(repo: Repo, commits: readonly { id: string; tree: string }[]): Promise<TargetCommit[]> {
  if (commits.length === 0) return [];
  const input = `${commits.map((c) => c.id).join('\n')}\n`;
  const [raw, patch] = await Promise.all([
    repo.git.run(['diff-tree', '--stdin', '-r', '-z', '--no-renames', '--root'], { input }),
    repo.git.run(['diff-tree', '--stdin', '-p', '--no-renames', '--full-index', '--root', '--no-color', '--no-ext-diff', '--no-textconv'], { input }),
  ]);
  const ids = patch.stdout ? await repo.git.run(['patch-id', '--stable'], { input: patch.stdout }) : null;
  const patchIds = new Map<string, string>();
  for (const line of ids?.stdout.split('\n') ?? []) {
    const [pid, commit] = line.split(' ');
    if (pid && commit) patchIds.set(commit, pid);
  }
  const paths = parseStdinRawDiff(raw.stdout);
  return commits.map((c) => ({ id: c.id, tree: c.tree, patchId: patchIds.get(c.id) ?? null, paths: paths.get(c.id) ?? new Map() }));
}

/** Pure: `git diff-tree --stdin -r -z` output → commit → path → [before, after]. */
export function parseStdinRawDiff(out: string): Map<string, Map<string, readonly [string | null, string | null]>> {
  const result = new Map<string, Map<string, readonly [string | null, string | null]>>();
  let current: Map<string, readonly [string | null, string | null]> | null = null;
  const parts = out.split('\0');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.startsWith(':')) {
      // An entry and its path, the next field: one record, so a path that looks like an id is still a path.
      const path = parts[++i];
      if (current && path !== undefined) for (const m of parseRawDiff(`${part}\0${path}\0`)) current.set(m.path, [m.before, m.after]);
      continue;
    }
    const id = part.trim();
    if (isObjectId(id)) result.set(id, (current = new Map()));
  }
  return result;
}

/**
 * The old commit of a record as git still knows it, compared with its first parent as the binder
 * compared it (a merge too); paths null when its object is gone.
 */
export async function oldCommit(repo: Repo, id: string, present: boolean): Promise<OldCommit> {
  if (!present) return { id, patchId: null, paths: null };
  const info = await commitInfo(repo, id);
  const facts = await commitFacts(repo, info);
  return { id, patchId: facts.patchId, paths: info.view.paths };
}

/** Blob texts through one cat-file, cached: the same blob is compared against several commits. */
export function blobReader(cat: CatFileBatch): ReadBlob {
  const cache = new Map<string, Promise<string | 'binary' | null>>();
  return (oid) => {
    let text = cache.get(oid);
    if (!text) {
      text = cat.read(oid).then((o) => {
        if (!o || o.type !== 'blob') return null;
        return o.data.length > KEPT_BLOB_BYTES || o.data.subarray(0, BINARY_PROBE).includes(0) ? 'binary' : o.data.toString('utf8');
      });
      cache.set(oid, text);
    }
    return text;
  };
}
